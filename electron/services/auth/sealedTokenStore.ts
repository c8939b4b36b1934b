// The refresh token between launches: sealed with the OS keychain (Electron safeStorage) in a
// file of its own, one per backend. A host without a keychain box (web mode, the CLI) keeps it
// in memory only — a refresh token is never written to disk in the clear.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from '../settings/secretStore';
import { memoryTokenStore, type RefreshTokenStore } from './authSession';

export function sealedTokenStore(box: SecretBox, dataDir: string, backendKey: string): RefreshTokenStore {
  if (box.sealedBy !== 'safeStorage') return memoryTokenStore();
  const dir = join(dataDir, 'sessions');
  const file = join(dir, `${createHash('sha256').update(backendKey).digest('hex').slice(0, 16)}.sealed`);
  return {
    load: async () => {
      try {
        return box.decryptAsync ? await box.decryptAsync(readFileSync(file)) : box.decrypt(readFileSync(file));
      } catch {
        return null; // none yet, or sealed by another OS account: sign in again
      }
    },
    save: async (token) => {
      if (token === null) {
        rmSync(file, { force: true });
        return;
      }
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const sealed = box.encryptAsync ? await box.encryptAsync(token) : box.encrypt(token);
      // Written whole then renamed: a crash leaves the old token or the new one, never half of one.
      writeFileSync(`${file}.tmp`, sealed, { mode: 0o600 });
      renameSync(`${file}.tmp`, file);
    },
  };
}
