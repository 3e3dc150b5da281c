import { describe, expect, it } from 'vitest';
import { randomId } from '../gateway/security/random-id.ts';

describe('randomId', () => {
  it('hands out each pooled byte once, across refills of the pool', () => {
    // 4 KiB a pool: 2,000 ids of 24 bytes span about a dozen refills; odd sizes cross pool ends.
    const ids = Array.from({ length: 2000 }, (_, index) => randomId(index % 7 === 0 ? 17 : 24));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [index, id] of ids.entries()) expect(id).toMatch(index % 7 === 0 ? /^[A-Za-z0-9_-]{23}$/ : /^[A-Za-z0-9_-]{32}$/);
  });

  it('looks uniformly random: every base64url character turns up at each position', () => {
    const ids = Array.from({ length: 4000 }, () => randomId(24));
    const seen = new Set(ids.map((id) => id[5]));
    expect(seen.size).toBe(64);
  });
});
