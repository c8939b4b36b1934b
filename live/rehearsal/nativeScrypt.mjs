// A module hook for the rehearsal backend's own process: Convex Auth hashes and checks passwords
// with Lucia's scrypt written in plain JavaScript (N=16384, r=16: about a CPU-second per sign-in
// here). This hook hands Lucia's callers the same function computed by Node's own scrypt (the
// same bytes for the same inputs — nativeScrypt.test.ts compares them — at about half the CPU, on
// libuv's thread pool instead of the one event loop). Nothing else changes: a hash made here
// verifies on a real backend and back.
import { scrypt as nodeScrypt } from 'node:crypto';

const LUCIA_SCRYPT = /\/node_modules\/lucia\/dist\/scrypt\/index\.js$/;

export async function resolve(specifier, context, nextResolve) {
  const result = await nextResolve(specifier, context);
  return LUCIA_SCRYPT.test(result.url) ? { ...result, url: import.meta.url } : result;
}

/** Lucia's `scrypt(password, salt, { N, r, p, dkLen })`, natively. */
export function scrypt(password, salt, { N, r, p, dkLen = 32 }) {
  return new Promise((done, fail) =>
    nodeScrypt(password, salt, dkLen, { N, r, p, maxmem: 256 * N * r }, (err, key) =>
      err ? fail(err) : done(new Uint8Array(key.buffer, key.byteOffset, key.byteLength)),
    ),
  );
}
