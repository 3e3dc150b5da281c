import { describe, expect, it } from 'vitest';
import { watchClock } from '../gateway/clock-watch.ts';

function clocks() {
  const state = { wall: Date.UTC(2026, 10, 22, 3, 0, 0), monotonic: 1_000 };
  return {
    state,
    /** Both clocks move on together, as they do when nothing is wrong. */
    pass(ms: number) {
      state.wall += ms;
      state.monotonic += ms;
    },
  };
}

describe('clock watch', () => {
  it('logs one line when the wall clock jumps against the monotonic clock, either way', () => {
    const { state, pass } = clocks();
    const lines: string[] = [];
    const watch = watchClock({ wall: () => state.wall, monotonic: () => state.monotonic, log: (line) => lines.push(line) });
    try {
      pass(10_000);
      watch.check();
      expect(lines).toEqual([]);
      state.wall += 10 * 60_000;
      watch.check();
      pass(10_000);
      watch.check();
      expect(lines).toEqual(['clock jumped ahead by 600 s (wall clock against monotonic); OTP codes follow the wall clock: keep it synchronised by NTP']);
      state.wall -= 10 * 60_000;
      watch.check();
      expect(lines[1]).toMatch(/^clock jumped back by 600 s/);
      expect(lines).toHaveLength(2);
    } finally {
      watch.stop();
    }
  });

  it('ignores differences within the tolerance', () => {
    const { state } = clocks();
    const lines: string[] = [];
    const watch = watchClock({ wall: () => state.wall, monotonic: () => state.monotonic, log: (line) => lines.push(line), toleranceMs: 5_000 });
    try {
      state.wall += 4_000;
      watch.check();
      expect(lines).toEqual([]);
      state.wall += 2_000;
      watch.check();
      expect(lines).toHaveLength(1);
    } finally {
      watch.stop();
    }
  });
});
