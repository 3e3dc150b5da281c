import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(4096);
let offset = pool.length;

/**
 * `bytes` random bytes from the system's CSPRNG as base64url (or hex). They come from a pool refilled
 * 4 KiB at a time and each byte is handed out once: a `randomBytes` call of its own per session id cost
 * more than the rest of the login page's work.
 */
export function randomId(bytes: number, encoding: 'base64url' | 'hex' = 'base64url'): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const id = pool.toString(encoding, offset, offset + bytes);
  offset += bytes;
  return id;
}

/**
 * `<epoch ms, 13 digits>-<sequence, 6 digits>-<8 random hex digits>` (audit events, queued mails): ids
 * sort by time, then by the caller's own order within one millisecond, and two gateways' never collide.
 */
export function timeOrderedId(at: number, sequence: number): string {
  return `${String(at).padStart(13, '0')}-${String(sequence % 1e6).padStart(6, '0')}-${randomId(4, 'hex')}`;
}
