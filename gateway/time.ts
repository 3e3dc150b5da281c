/** Japan has no daylight saving time: JST is always UTC+9. */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

/** The first moment of the next calendar day in Japan after `ms`. */
export function nextJstMidnight(ms: number): number {
  const jst = new Date(ms + JST_OFFSET_MS);
  return Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate() + 1) - JST_OFFSET_MS;
}

/** `2026年11月23日 00時00分` in Japan time. */
export function formatJst(ms: number): string {
  const jst = new Date(ms + JST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${jst.getUTCFullYear()}年${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日 ${pad(jst.getUTCHours())}時${pad(jst.getUTCMinutes())}分`;
}

/** `2026年11月23日` in Japan time. */
export function formatJstDate(ms: number): string {
  return formatJst(ms).split(' ')[0]!;
}
