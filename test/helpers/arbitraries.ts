import fc from 'fast-check';

/** Unicode scalar values (no surrogate halves), in fast-check's order for its 'binary' string unit. */
const SURROGATES = { from: 0xd800, count: 0x800 };

/**
 * One Unicode scalar value as a string: for the same seed, the very values of fast-check's
 * `fc.string({ unit: 'binary' })` unit (test/arbitraries.test.ts), without the table of all 1.1
 * million code points fast-check builds for that unit in each worker (about 0.9 CPU-second).
 */
export const scalarValue = fc.nat({ max: 0x10ffff - SURROGATES.count }).map(
  (index) => String.fromCodePoint(index < SURROGATES.from ? index : index + SURROGATES.count),
  (value) => {
    const code = typeof value === 'string' ? value.codePointAt(0) : undefined;
    if (code === undefined || String.fromCodePoint(code) !== value || (code >= SURROGATES.from && code < SURROGATES.from + SURROGATES.count)) {
      throw new Error('not one Unicode scalar value');
    }
    return code < SURROGATES.from ? code : code - SURROGATES.count;
  },
);

/** `fc.string({ unit: 'binary', ...constraints })`: any well-formed text (see `scalarValue`). */
export function binaryString(constraints: Omit<fc.StringConstraints, 'unit'> = {}): fc.Arbitrary<string> {
  return fc.string({ ...constraints, unit: scalarValue });
}
