// How well Electron's safeStorage protects secrets on this PC, said honestly. On Linux, when no
// Secret Service or KWallet is reachable, safeStorage falls back to its `basic_text` backend: it
// still "encrypts", but with a key built into Chromium, so only the file's permissions protect
// the secrets. Kept free of Electron imports so the rule is unit-tested under plain Node.
import type { SecretProtection } from '../../shared/domain/vocabularies';

const LINUX_KEYCHAINS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export interface SafeStorageFacts {
  available: boolean;
  platform: NodeJS.Platform;
  /** safeStorage.getSelectedStorageBackend() on Linux (after app ready). */
  linuxBackend?: string;
}

/** null: safeStorage cannot encrypt here, so the host uses the plain box. */
export function safeStorageProtection(facts: SafeStorageFacts): SecretProtection | null {
  if (!facts.available) return null;
  if (facts.platform !== 'linux') return 'os_keychain';
  return facts.linuxBackend !== undefined && LINUX_KEYCHAINS.has(facts.linuxBackend) ? 'os_keychain' : 'linux_basic_text';
}
