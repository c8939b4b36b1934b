// A first password the administrator hands over once: long, random (the platform's CSPRNG) and
// free of look-alike characters (0/O, 1/l/I), so it can be read out or typed from a note.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const GENERATED_PASSWORD_LENGTH = 16;

export function generatePassword(length = GENERATED_PASSWORD_LENGTH, random: (buf: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  // Rejection sampling: bytes at or above the largest multiple of the alphabet size are drawn again,
  // so every character is equally likely.
  const limit = 256 - (256 % ALPHABET.length);
  let out = '';
  while (out.length < length) {
    for (const byte of random(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}
