import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plainSecretBox, type SecretBox } from '../../core/storage/secretBox';
import { MessagingSecretStore, SecretStoreError } from './secretStore';

// A reversible stand-in for safeStorage: the stored bytes must not contain the secret.
const xorBox: SecretBox = {
  sealedBy: 'safeStorage',
  protection: 'os_keychain',
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (buf) => Buffer.from(buf.map((b) => b ^ 0x5a)).toString('utf8'),
};
const dir = () => mkdtempSync(join(tmpdir(), 'secrets-'));
const smtp = { host: 'smtp.kafkasder.test', port: 587, secure: 'starttls' as const, user: 'panel', password: 'Şifre-123!', from: 'panel@kafkasder.test' };
const twilio = { accountSid: `AC${'0'.repeat(32)}`, authToken: 'tok-abc-987', from: '+905301112233' };

describe('MessagingSecretStore', () => {
  it('keeps secrets encrypted by the box in an owner-only file and reads them back', () => {
    const d = dir();
    const store = new MessagingSecretStore(d, xorBox);
    const status = store.save({ smtp, twilio });
    const text = readFileSync(join(d, 'messaging.json'), 'utf8');
    expect(text).not.toContain(smtp.password);
    expect(text).not.toContain(twilio.authToken);
    if (process.platform !== 'win32') expect(statSync(join(d, 'messaging.json')).mode & 0o777).toBe(0o600);
    expect(new MessagingSecretStore(d, xorBox).load()).toEqual({ smtp, twilio });
    expect(status).toEqual({
      email: { configured: true, host: smtp.host, port: 587, secure: 'starttls', user: 'panel', from: smtp.from },
      sms: { configured: true, accountSid: twilio.accountSid, from: twilio.from },
      secretStorage: 'os_keychain',
    });
    expect(JSON.stringify(store.status())).not.toMatch(/Şifre-123|tok-abc/);
  });

  it('keeps saved secrets when the form omits them, clears a channel on null', () => {
    const store = new MessagingSecretStore(dir(), plainSecretBox);
    store.save({ smtp, twilio });
    const { password: _p, ...smtpNoPassword } = smtp;
    const { authToken: _t, ...twilioNoToken } = twilio;
    store.save({ smtp: { ...smtpNoPassword, port: 465, secure: 'tls' }, twilio: twilioNoToken });
    expect(store.load().smtp).toMatchObject({ port: 465, password: smtp.password });
    expect(store.load().twilio?.authToken).toBe(twilio.authToken);
    // A different account does not inherit the old token.
    expect(() => store.save({ twilio: { ...twilioNoToken, accountSid: `AC${'9'.repeat(32)}` } })).toThrow(SecretStoreError);
    const cleared = store.save({ smtp: null });
    expect(cleared.email).toEqual({ configured: false });
    expect(cleared.sms.configured).toBe(true);
    expect(cleared.secretStorage).toBe('file_only');
  });

  it('drops the password of a server without sign-in', () => {
    const store = new MessagingSecretStore(dir(), plainSecretBox);
    store.save({ smtp });
    const { user: _u, password: _p, ...noSignIn } = smtp;
    store.save({ smtp: { ...noSignIn, secure: 'none', port: 25 } });
    expect(store.load().smtp).toEqual({ ...noSignIn, secure: 'none', port: 25, password: undefined });
  });

  it('records how the file was sealed and refuses, clearly, secrets sealed by another kind of box', () => {
    const d = dir();
    new MessagingSecretStore(d, xorBox).save({ smtp, twilio });
    expect(JSON.parse(readFileSync(join(d, 'messaging.json'), 'utf8'))).toMatchObject({ version: 2, sealedBy: 'safeStorage' });
    // Web mode or the CLI (plain box) on the desktop's file: no garbage, no rewrite, a clear refusal.
    const web = new MessagingSecretStore(d, plainSecretBox);
    const refused = (() => {
      try {
        web.load();
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(SecretStoreError);
    expect((refused as SecretStoreError).toAppError()).toMatchObject({
      code: 'secrets_sealed_elsewhere',
      message: expect.stringContaining('saved by the desktop app'),
      messageTr: expect.stringContaining('masaüstü uygulaması'),
    });
    expect(web.status()).toMatchObject({ email: { configured: true, host: smtp.host }, problem: { code: 'secrets_sealed_elsewhere' } });
    const before = readFileSync(join(d, 'messaging.json'), 'utf8');
    expect(() => web.load()).toThrow(SecretStoreError);
    expect(readFileSync(join(d, 'messaging.json'), 'utf8')).toBe(before);

    // The other way round, and a version-1 file that never said how it was sealed.
    const plainDir = dir();
    new MessagingSecretStore(plainDir, plainSecretBox).save({ twilio });
    expect(() => new MessagingSecretStore(plainDir, xorBox).load()).toThrow(/web mode or the command line/);
    const legacy = dir();
    writeFileSync(join(legacy, 'messaging.json'), JSON.stringify({ version: 1, twilio: { accountSid: twilio.accountSid, authToken: 'c2VjcmV0', from: twilio.from } }));
    expect(() => new MessagingSecretStore(legacy, xorBox).load()).toThrow(/older version/);

    // Entering the secrets again replaces them with ones this box sealed; nothing old is kept.
    expect(() => web.save({ twilio: { accountSid: twilio.accountSid, from: twilio.from } })).toThrow(SecretStoreError);
    const status = web.save({ smtp, twilio });
    expect(status.problem).toBeUndefined();
    expect(web.load()).toEqual({ smtp, twilio });
  });

  it('reports nothing configured without a file and refuses a corrupt one', () => {
    const d = dir();
    const store = new MessagingSecretStore(d, plainSecretBox);
    expect(store.status()).toMatchObject({ email: { configured: false }, sms: { configured: false } });
    writeFileSync(join(d, 'messaging.json'), '{oops');
    expect(() => store.load()).toThrow(SecretStoreError);
  });
});
