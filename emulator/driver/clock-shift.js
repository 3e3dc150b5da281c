/**
 * Preloaded into a scenario's gateway (`node --import`): moves its clock by SCENARIO_CLOCK_OFFSET_MS
 * so a scenario can reach "the next day" without waiting. The gateway reads time only through
 * `Date.now` (injected as `now`), so shifting it shifts everything.
 */
const offset = Number(process.env.SCENARIO_CLOCK_OFFSET_MS ?? 0);
if (offset) {
  const realNow = Date.now.bind(Date);
  Date.now = () => realNow() + offset;
}
