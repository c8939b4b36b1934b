import { describe, expect, it } from 'vitest';
import { isAllowedExternalUrl } from './externalLinks';

describe('isAllowedExternalUrl', () => {
  it('lets https links to listed hosts through', () => {
    expect(isAllowedExternalUrl('https://docs.convex.dev/self-hosting')).toBe(true);
    expect(isAllowedExternalUrl('https://console.twilio.com/?x=1#y')).toBe(true);
  });

  it('refuses other schemes, hosts, ports, credentials and look-alikes', () => {
    for (const url of [
      'http://docs.convex.dev/',
      'https://evil.example/',
      'https://docs.convex.dev.evil.example/',
      'https://evil.example/docs.convex.dev',
      'https://docs.convex.dev:8443/',
      'https://user:pw@docs.convex.dev/',
      'file:///C:/Windows/System32/calc.exe',
      'smb://server/share',
      'javascript:alert(1)',
      'ms-settings:',
      'not a url',
      '',
    ]) {
      expect(isAllowedExternalUrl(url), url).toBe(false);
    }
  });
});
