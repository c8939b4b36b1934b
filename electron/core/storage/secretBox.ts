// How a host seals secrets at rest: Electron main builds a box on safeStorage (the OS keychain);
// web mode and the CLI use the plain box, where the file's permissions are the only protection.
// The refresh token (core/session) and messaging's SMTP/Twilio secrets are sealed with it.
import type { SecretProtection } from '../../../shared/domain/vocabularies';

/** Who can open what a box sealed: the OS keychain of this user (safeStorage), or anyone who can read the file. */
export type SealedBy = 'safeStorage' | 'plain';

export interface SecretBox {
  encrypt(plain: string): Buffer;
  decrypt(buf: Buffer): string;
  /**
   * The keychain's asynchronous API, where the host has one (Electron's safeStorage): the refresh
   * token is sealed and opened with it, so the main process never waits on the keychain.
   */
  encryptAsync?(plain: string): Promise<Buffer>;
  decryptAsync?(buf: Buffer): Promise<string>;
  sealedBy: SealedBy;
  protection: SecretProtection;
}

/** For hosts without an OS keychain: the file's permissions are the only protection. */
export const plainSecretBox: SecretBox = {
  sealedBy: 'plain',
  protection: 'file_only',
  encrypt: (plain) => Buffer.from(plain, 'utf8'),
  decrypt: (buf) => buf.toString('utf8'),
};
