import { describe, expect, it } from 'vitest';
import { isTrustedSender } from './senderPolicy';

describe('isTrustedSender', () => {
  const ok = { isOurWindow: true, isTopFrame: true, frameUrl: 'app://kafkasder/index.html#/records' };

  it('accepts only our window, its top frame, on app://kafkasder', () => {
    expect(isTrustedSender(ok)).toBe(true);
    expect(isTrustedSender({ ...ok, isOurWindow: false })).toBe(false);
    expect(isTrustedSender({ ...ok, isTopFrame: false })).toBe(false);
    expect(isTrustedSender({ ...ok, frameUrl: null })).toBe(false);
  });

  it('refuses other origins, look-alike hosts and garbage URLs', () => {
    for (const frameUrl of ['https://kafkasder.org/', 'file:///C:/index.html', 'app://kafkasder.evil/', 'app://evil/kafkasder', 'not a url']) {
      expect(isTrustedSender({ ...ok, frameUrl })).toBe(false);
    }
  });
});
