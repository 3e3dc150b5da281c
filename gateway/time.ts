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

/**
 * `Date.parse` of a time as `toISOString()` writes it (`2026-11-23T00:00:00.000Z`: how the store
 * keeps times), read digit by digit; any other text, or a field out of range, goes to `Date.parse`,
 * so the result is always `Date.parse`'s (which, like `Date.UTC`, takes 31 April as 1 May;
 * `test/time.test.ts` compares the two). A download page reads one per request, and
 * `Date.parse` took as long as the rest of the ticket's lookup.
 */
export function parseIsoTime(text: string): number {
  if (text.length !== 24 || text.charCodeAt(23) !== 90 /* Z */) return Date.parse(text);
  const year = digits(text, 0, 4, 45 /* - */);
  const month = digits(text, 5, 2, 45);
  const day = digits(text, 8, 2, 84 /* T */);
  const hour = digits(text, 11, 2, 58 /* : */);
  const minute = digits(text, 14, 2, 58);
  const second = digits(text, 17, 2, 46 /* . */);
  const millisecond = digits(text, 20, 3, 90);
  // NaN (not digits, or the wrong separator) fails every comparison below.
  const inRange = year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59 && millisecond >= 0;
  return inRange ? Date.UTC(year, month - 1, day, hour, minute, second, millisecond) : Date.parse(text);
}

/** The decimal number of `count` digits at `start`, followed by the character `then`; NaN otherwise. */
function digits(text: string, start: number, count: number, then: number): number {
  if (text.charCodeAt(start + count) !== then) return NaN;
  let value = 0;
  for (let index = start; index < start + count; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}
