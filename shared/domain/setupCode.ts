// The one-time code that creates a deployment's first administrator (deployment variable
// KAFKASDER_SETUP_CODE). One rule for every place that makes or checks one: the launcher, the
// `kafkasder keys` command, convex/setup.ts and the README.

/** The server refuses a configured code shorter than this (a short code can be guessed). */
export const MIN_SETUP_CODE_LENGTH = 20;
/** What generators make: above the minimum, from an alphabet with no look-alike characters (typed by hand at most once). */
export const GENERATED_SETUP_CODE_LENGTH = 24;
export const SETUP_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A code from the given random bytes (one character per byte; 32 letters divide 256 evenly, so no bias). */
export function setupCodeFromBytes(bytes: Uint8Array): string {
  if (bytes.length < MIN_SETUP_CODE_LENGTH) throw new Error(`A setup code needs at least ${MIN_SETUP_CODE_LENGTH} random bytes`);
  return Array.from(bytes, (b) => SETUP_CODE_ALPHABET[b % SETUP_CODE_ALPHABET.length]).join('');
}
