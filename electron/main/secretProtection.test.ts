import { describe, expect, it } from 'vitest';
import { safeStorageProtection } from './secretProtection';

describe('safeStorageProtection', () => {
  it('calls DPAPI, the macOS Keychain and a Linux Secret Service / KWallet an OS keychain', () => {
    expect(safeStorageProtection({ available: true, platform: 'win32' })).toBe('os_keychain');
    expect(safeStorageProtection({ available: true, platform: 'darwin' })).toBe('os_keychain');
    for (const linuxBackend of ['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']) {
      expect(safeStorageProtection({ available: true, platform: 'linux', linuxBackend })).toBe('os_keychain');
    }
  });

  it('labels the Linux basic_text fallback (and an unknown backend) as what it is', () => {
    expect(safeStorageProtection({ available: true, platform: 'linux', linuxBackend: 'basic_text' })).toBe('linux_basic_text');
    expect(safeStorageProtection({ available: true, platform: 'linux', linuxBackend: 'unknown' })).toBe('linux_basic_text');
    expect(safeStorageProtection({ available: true, platform: 'linux' })).toBe('linux_basic_text');
  });

  it('leaves the plain box to hosts where safeStorage cannot encrypt', () => {
    expect(safeStorageProtection({ available: false, platform: 'win32' })).toBeNull();
  });
});
