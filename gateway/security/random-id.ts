import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/**
 * `bytes` random bytes from the system's CSPRNG as base64url. They come from a pool refilled 4 KiB at
 * a time and each byte is handed out once: a `randomBytes` call of its own per session id cost more
 * than the rest of the login page's work.
 */
export function randomId(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString('base64url', offset, offset + bytes);
  offset += bytes;
  return id;
}
