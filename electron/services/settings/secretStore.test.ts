import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MessagingSecretStore, messagingStatus, plainSecretBox, SecretStoreError, type SecretBox } from './secretStore';

// A reversible stand-in for safeStorage: the stored bytes must not contain the secret.
const xorBox: SecretBox = {
  label: 'test box',
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
      secretStorage: 'test box',
    });
    expect(JSON.stringify(messagingStatus(store))).not.toMatch(/Şifre-123|tok-abc/);
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
    expect(cleared.secretStorage).toBe('file (0600), not encrypted');
  });

  it('reports nothing configured without a file and refuses a corrupt one', () => {
    const d = dir();
    const store = new MessagingSecretStore(d, plainSecretBox);
    expect(store.status()).toMatchObject({ email: { configured: false }, sms: { configured: false } });
    writeFileSync(join(d, 'messaging.json'), '{oops');
    expect(() => store.load()).toThrow(SecretStoreError);
  });
});
