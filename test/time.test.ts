import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTime } from '../gateway/time.ts';

describe('parseIsoTime', () => {
  it('reads what toISOString() writes as Date.parse does', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1000, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (ms) => {
      const text = new Date(ms).toISOString();
      expect(parseIsoTime(text)).toBe(ms);
    }), { numRuns: 5000 });
  });

  it('gives Date.parse\'s answer for any other text of that shape: days that do not exist, 24:00, other digits and separators', () => {
    const digit = fc.constantFrom(...'0123456789');
    const anyChar = fc.constantFrom(...'0123456789-T:.Z +xZ');
    const shaped = fc.tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 2, maxLength: 2 }), fc.array(digit, { minLength: 3, maxLength: 3 }))
      .map(([y, mo, d, h, mi, s, ms]) => `${y.join('')}-${mo.join('')}-${d.join('')}T${h.join('')}:${mi.join('')}:${s.join('')}.${ms.join('')}Z`);
    const mutated = fc.tuple(shaped, fc.nat(23), anyChar).map(([text, at, char]) => text.slice(0, at) + char + text.slice(at + 1));
    fc.assert(fc.property(fc.oneof(shaped, mutated, fc.string({ maxLength: 30 })), (text) => {
      expect(parseIsoTime(text)).toBe(Date.parse(text));
    }), { numRuns: 20000 });
    for (const text of ['2024-02-29T12:00:00.000Z', '2023-02-29T12:00:00.000Z', '1900-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-12-01T24:00:00.000Z', '0999-12-31T23:59:59.999Z', '2026-12-01T00:00:00.000+0000', '']) {
      expect(parseIsoTime(text), text).toBe(Date.parse(text));
    }
  });
});
