import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export type ScryptCost = Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>>;

/** The cost every gateway hashes with: about 40 ms a hash on this machine class, run on libuv's thread pool. */
export const PASSWORD_COST: ScryptCost = { N: 2 ** 14, r: 8, p: 1 };

/** Whether `cost` is cheaper than the production cost in any parameter (production refuses it). */
export function weakerThanProduction(cost: ScryptCost): boolean {
  return cost.N < PASSWORD_COST.N || cost.r < PASSWORD_COST.r || cost.p < PASSWORD_COST.p;
}

const KEY_BYTES = 32;
const SALT_BYTES = 16;

/** Every password (login, 確認用, 承認用, 利用開始) is stored as `scrypt$N$r$p$salt$hash`. */
export async function hashPassword(password: string, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, cost.N, cost.r, cost.p);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** Constant-time check at the cost the hash was made with; a malformed stored hash is simply a mismatch. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(r), Number(p)).catch(() => null);
  return actual !== null && actual.length === expected.length && timingSafeEqual(actual, expected);
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
