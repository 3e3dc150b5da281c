import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { untilNextJstDay } from '../emulator/scenarios/support.ts';
import { IDLE_MS } from '../gateway/portal/session.ts';
import { nextJstMidnight } from '../gateway/time.ts';

const JST_OFFSET_MS = 9 * 3_600_000;
const jstDay = (ms: number) => new Date(ms + JST_OFFSET_MS).toISOString().slice(0, 10);

describe('untilNextJstDay (the scenarios’ move to the next day in Japan)', () => {
  it('reaches the next day in Japan and outlasts a PC session’s idle time, at any time of day', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }), (now) => {
        const later = now + untilNextJstDay(now);
        expect(jstDay(later)).toBe(jstDay(nextJstMidnight(now)));
        expect(later - now).toBeGreaterThan(IDLE_MS);
      }),
    );
  });

  it('two minutes before midnight in Japan moves past the idle time, not only to the midnight', () => {
    const now = Date.UTC(2026, 11, 1, 14, 58); // 23:58 in Japan
    expect(untilNextJstDay(now)).toBe(IDLE_MS + 60_000);
    expect(jstDay(now + untilNextJstDay(now))).toBe('2026-12-02');
  });
});
