import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binaryString, scalarValue } from './helpers/arbitraries.ts';

describe('binaryString', () => {
  it("generates, seed for seed, what fast-check's 'binary' string unit does", () => {
    for (const seed of [1, 42, 20261201]) {
      for (const constraints of [{}, { maxLength: 8 }, { minLength: 3, maxLength: 40 }]) {
        expect(fc.sample(binaryString(constraints), { numRuns: 200, seed })).toEqual(fc.sample(fc.string({ ...constraints, unit: 'binary' }), { numRuns: 200, seed }));
      }
    }
  });

  it('covers the ends of the code space and never a surrogate half', () => {
    const values = fc.sample(scalarValue, { numRuns: 5_000, seed: 7 });
    expect(values.every((value) => !/[\ud800-\udfff]/u.test(value) && [...value].length === 1)).toBe(true);
    expect(scalarValue.canShrinkWithoutContext('\u{10ffff}')).toBe(true);
    expect(scalarValue.canShrinkWithoutContext('\ud800')).toBe(false);
    expect(scalarValue.canShrinkWithoutContext('ab')).toBe(false);
  });
});
