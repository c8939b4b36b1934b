// Secrets at rest on the desktop: Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
// the Secret Service or KWallet on Linux). Settings shows how well that protects them here.
import { safeStorage } from 'electron';
import { plainSecretBox, type SecretBox } from '../core/storage/secretBox';
import { safeStorageProtection } from './secretProtection';

export function safeStorageBox(): SecretBox {
  const protection = safeStorageProtection({
    available: safeStorage.isEncryptionAvailable(),
    platform: process.platform,
    ...(process.platform === 'linux' ? { linuxBackend: safeStorage.getSelectedStorageBackend() } : {}),
  });
  if (protection === null) return plainSecretBox;
  return {
    sealedBy: 'safeStorage',
    protection,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
    encryptAsync: (plain) => safeStorage.encryptStringAsync(plain),
    // `shouldReEncrypt` needs no action here: every refresh seals a new token anyway.
    decryptAsync: async (sealed) => (await safeStorage.decryptStringAsync(sealed)).result,
  };
}
