import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatch, type HandlerTable } from './dispatch';

const handlers = {
  getAppInfo: async () => ({
    host: 'web',
    version: '1.0.0',
    backend: { kind: 'memory' },
    ephemeral: true,
    connection: { state: 'connected', since: 0 },
    server: { state: 'ok', expected: 1 },
    // Extra keys a handler might carry must not cross the boundary.
    smtpPassword: 'hunter2',
  }),
  saveProfile: async (input: { name: string }) => ({ id: 'u1', ...input }),
  getSettings: async () => {
    throw new Error('getaddrinfo ENOTFOUND smtp.dernek.local (/home/ayse/.config/kafkasder/messaging.json)');
  },
} as unknown as HandlerTable;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('dispatch', () => {
  const dispatch = createDispatch(handlers);

  it('returns values as envelopes, reduced to the declared output', async () => {
    const res = await dispatch('getAppInfo', {});
    expect(res.ok).toBe(true);
    expect(JSON.stringify(res)).not.toContain('hunter2');
  });

  it('parses inputs against the contract and names the bad field in both languages', async () => {
    const res = await dispatch('signIn', { email: 'not-an-email', password: '' });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_input');
    expect(res.error.message).toMatch(/^Invalid input for signIn: email: .+; password: .+$/);
    expect(res.error.messageTr).toMatch(/^signIn için geçersiz girdi: email: .+; password: .+$/);
  });

  it('names a nested field by its path, and the input itself when it is not an object', async () => {
    const nested = await dispatch('setPreferences', { prefs: { gorev: { email: 'yes', sms: false } } });
    expect(nested.ok || nested.error.message).toMatch(/prefs\.gorev\.email: /);
    const whole = await dispatch('signIn', 'x');
    expect(whole.ok || whole.error.message).toMatch(/: \(input\): /);
  });

  it('reads a missing input as {} (a channel that takes nothing is called without one)', async () => {
    const res = await dispatch('getAppInfo', undefined);
    expect(res.ok).toBe(true);
  });

  it('sends an unknown error as a generic message in both languages with an error id, and logs the detail under that id', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await dispatch('getSettings', {});
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('internal');
    const errorId = (res.error.details as { errorId: string }).errorId;
    expect(errorId).toMatch(/^[0-9a-f]{8}$/);
    expect(res.error.message).toContain(errorId);
    expect(res.error.messageTr).toContain(`hata kimliği ${errorId}`);
    expect(JSON.stringify(res)).not.toMatch(/ENOTFOUND|smtp\.dernek|\/home\/ayse/);
    expect(log).toHaveBeenCalledWith(expect.stringContaining(errorId), expect.objectContaining({ message: expect.stringContaining('ENOTFOUND') }));
  });

  it('refuses channels the contract does not declare, including prototype names', async () => {
    for (const name of ['deleteEverything', 'constructor', '__proto__', 'toString']) {
      const res = await dispatch(name, {});
      expect(res.ok).toBe(false);
      if (!res.ok) expect(res.error).toMatchObject({ code: 'unknown_channel', message: `Unknown channel: ${name}`, messageTr: `Bilinmeyen kanal: ${name}` });
    }
  });
});
