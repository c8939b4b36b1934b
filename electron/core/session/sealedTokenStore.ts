// The refresh token between launches: sealed with the OS keychain (Electron safeStorage) in a
// file of its own, one per backend. Kept on disk only when the OS keychain protects it: a host
// without a keychain box (web mode, the CLI), or Linux's `basic_text` backend (a key built into
// Chromium), keeps it in memory only, so the person signs in at each start.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { plainSecretBox, type SecretBox } from '../storage/secretBox';
import { memoryTokenStore, type RefreshTokenStore } from './authSession';
import type { BackendKind } from '../../../shared/domain/vocabularies';

/** Whether the refresh token may outlive the process with this box. */
export function keepsRefreshTokenOnDisk(box: Pick<SecretBox, 'sealedBy' | 'protection'>): boolean {
  return box.sealedBy === 'safeStorage' && box.protection === 'os_keychain';
}

export function sealedTokenStore(box: SecretBox, dataDir: string, backendKey: string): RefreshTokenStore {
  if (!keepsRefreshTokenOnDisk(box)) return memoryTokenStore();
  const dir = join(dataDir, 'sessions');
  const file = join(dir, `${createHash('sha256').update(backendKey).digest('hex').slice(0, 16)}.sealed`);
  return {
    keptOnDisk: true,
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

/**
 * The token store of a core: sealed with the host's box, one file per backend; a demo deployment's
 * (in-memory data, gone with the process) is never persisted.
 */
export function hostTokenStore(box: SecretBox, dataDir: string, backend: { kind: BackendKind; url?: string }): RefreshTokenStore {
  return sealedTokenStore(backend.kind === 'memory' ? plainSecretBox : box, dataDir, backend.url ?? backend.kind);
}
