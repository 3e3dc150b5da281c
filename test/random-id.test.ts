import { describe, expect, it } from 'vitest';
import { randomId, timeOrderedId } from '../gateway/security/random-id.ts';

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

describe('timeOrderedId', () => {
  it('sorts by time, then by sequence, with random hex that differs between ids', () => {
    const ids = [timeOrderedId(1_764_547_200_001, 0), timeOrderedId(1_764_547_200_000, 7), timeOrderedId(1_764_547_200_000, 12), timeOrderedId(5, 1_000_003)];
    for (const id of ids) expect(id).toMatch(/^\d{13}-\d{6}-[0-9a-f]{8}$/);
    expect(ids[3]!.slice(0, 21)).toBe('0000000000005-000003-');
    expect([...ids].sort()).toEqual([ids[3], ids[1], ids[2], ids[0]]);
    const randomParts = Array.from({ length: 200 }, () => timeOrderedId(0, 0).slice(-8));
    expect(new Set(randomParts).size).toBe(randomParts.length);
  });
});
