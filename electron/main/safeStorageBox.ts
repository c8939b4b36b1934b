// Secrets at rest on the desktop: Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
// the Secret Service on Linux). Where no keychain is available the plain box says so in Settings.
import { safeStorage } from 'electron';
import { plainSecretBox, type SecretBox } from '../services/settings/secretStore';

export function safeStorageBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    return { ...plainSecretBox, label: 'file (0600), not encrypted: no OS keychain available' };
  }
  return {
    label: 'OS keychain (Electron safeStorage)',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
