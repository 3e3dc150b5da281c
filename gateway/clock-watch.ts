export interface ClockWatchOptions {
  wall?: () => number;
  monotonic?: () => number;
  log?: (line: string) => void;
  intervalMs?: number;
  /** A jump smaller than this is not worth a line (timer lateness, NTP's slow corrections). */
  toleranceMs?: number;
}

export interface ClockWatch {
  /** Compares the clocks now (the timer calls it every `intervalMs`). */
  check(): void;
  stop(): void;
}

/**
 * OTP codes are computed from the wall clock, so a server clock that jumps (an NTP step after a
 * long drift, someone's `date -s`) makes right codes look wrong: one log line per jump, seen
 * against the monotonic clock, which never jumps.
 */
export function watchClock(options: ClockWatchOptions = {}): ClockWatch {
  const { wall = Date.now, monotonic = () => performance.now(), log = console.warn, intervalMs = 10_000, toleranceMs = 5_000 } = options;
  let offset = wall() - monotonic();
  const check = () => {
    const current = wall() - monotonic();
    const jump = current - offset;
    if (Math.abs(jump) <= toleranceMs) return;
    offset = current;
    log(`clock jumped ${jump > 0 ? 'ahead' : 'back'} by ${Math.round(Math.abs(jump) / 1000)} s (wall clock against monotonic); OTP codes follow the wall clock: keep it synchronised by NTP`);
  };
  const timer = setInterval(check, intervalMs);
  timer.unref();
  return { check, stop: () => clearInterval(timer) };
}
