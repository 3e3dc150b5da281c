import type { Handset } from '../carrier/handset.ts';

/**
 * The keypad emoji that labels an `accesskey` link, in the carrier's own code points:
 * docomo U+E6E2…U+E6EA = 1…9, U+E6EB = 0 (Shift_JIS F987…F990); au `<img localsrc>` 180…188, 325 = 0
 * (works in Shift_JIS pages); SoftBank U+E21C…U+E224 = 1…9, U+E225 = 0 (`renderPage` writes them as web
 * codes in J-PHONE's Shift_JIS pages).
 */
export function keycap(key: number, handset: Handset): string {
  const digit = Math.trunc(key) % 10;
  switch (handset.carrier) {
    case 'docomo':
      return String.fromCharCode(digit === 0 ? 0xe6eb : 0xe6e1 + digit);
    case 'au':
      return `<img localsrc="${digit === 0 ? 325 : 179 + digit}" alt="[${digit}]" />`;
    case 'softbank':
      return String.fromCharCode(digit === 0 ? 0xe225 : 0xe21b + digit);
    case 'smartphone':
    case 'pc':
      return `${digit}\uFE0F\u20E3 `;
    default:
      return `[${digit}]`;
  }
}
