/**
 * Shift_JIS for handset pages. Node decodes Shift_JIS (WHATWG) but cannot encode it, so the encoder's
 * table is built once from the decoder. Rows that only some phones know are left out: NEC row 13
 * (lead 0x87) and the IBM extensions (0xED–0xEE, 0xFA–0xFC) become '?', like any other unmappable
 * character. The user-defined rows 0xF0–0xF9 stay: WHATWG maps them to U+E000…, which is where docomo
 * puts its emoji (U+E6E2 = F987 = keycap 1).
 */
const decoder = new TextDecoder('shift_jis');
const QUESTION_MARK = 0x3f;
/** Characters Windows text uses for glyphs that the WHATWG table maps elsewhere. */
const ALIASES: ReadonlyArray<[number, number]> = [
  [0xff5e, 0x8160], [0x2016, 0x8161], [0xff0d, 0x817c], [0xffe0, 0x8191], [0xffe1, 0x8192], [0xffe2, 0x81ca],
  [0x00a5, 0x5c], [0x203e, 0x7e],
];
const EXCLUDED_LEADS = new Set([0x87, 0xed, 0xee, 0xfa, 0xfb, 0xfc]);

let table: Uint16Array | undefined;

function buildTable(): Uint16Array {
  const codes = new Uint16Array(0x10000);
  for (let byte = 0; byte < 0x80; byte++) codes[byte] = byte;
  for (let byte = 0xa1; byte <= 0xdf; byte++) codes[0xff61 + byte - 0xa1] = byte;
  for (let lead = 0x81; lead <= 0xfc; lead++) {
    if ((lead > 0x9f && lead < 0xe0) || EXCLUDED_LEADS.has(lead)) continue;
    for (let trail = 0x40; trail <= 0xfc; trail++) {
      if (trail === 0x7f) continue;
      const text = decoder.decode(Uint8Array.of(lead, trail));
      const code = text.length === 1 ? text.charCodeAt(0) : 0xfffd;
      if (code !== 0xfffd && codes[code] === 0) codes[code] = (lead << 8) | trail;
    }
  }
  for (const [code, bytes] of ALIASES) if (codes[code] === 0) codes[code] = bytes;
  return codes;
}

/** Encodes text as Shift_JIS; characters outside the table become '?'. */
export function encodeShiftJis(text: string): Uint8Array<ArrayBuffer> {
  table ??= buildTable();
  const out = new Uint8Array(text.length * 2);
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const bytes = code === 0 ? 0 : (table[code] ?? 0);
    if (code !== 0 && bytes === 0) {
      out[length++] = QUESTION_MARK;
      // A surrogate pair is one character: one '?' for both halves.
      if (code >= 0xd800 && code <= 0xdbff) index++;
    } else if (bytes > 0xff) {
      out[length++] = bytes >> 8;
      out[length++] = bytes & 0xff;
    } else out[length++] = bytes;
  }
  return out.subarray(0, length);
}

/** True when every character of the text has a Shift_JIS code in the table. */
export function isShiftJisSafe(text: string): boolean {
  table ??= buildTable();
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 0 && table[code] === 0) return false;
  }
  return true;
}

export function decodeShiftJis(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
