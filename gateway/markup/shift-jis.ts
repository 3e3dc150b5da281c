import { claim, room } from './byte-room.ts';
import { emojiOfShiftJis, shiftJisOfPictogram, type PictogramCarrier } from './pictograms.ts';

/**
 * Shift_JIS for handset pages. Node decodes Shift_JIS (WHATWG) but cannot encode it, so the encoder's
 * table is built once from the decoder. Rows that only some phones know are left out: NEC row 13
 * (lead 0x87) and the IBM extensions (0xED–0xEE, 0xFA–0xFC) become '?', like any other unmappable
 * character. The user-defined rows 0xF0–0xF9 are the carriers' pictograms and differ per carrier:
 * they are only written for the carrier passed in, from its pictogram table (`pictograms.ts`:
 * docomo U+E6E2 = F987, au U+E522 = F6FB, SoftBank U+E21C = F7BC and U+E001 = F941, with lead FB too).
 */
const decoder = new TextDecoder('shift_jis');
/**
 * Node's ICU converter rotates three control bytes (0x1A → U+001C, 0x1C → U+007F, 0x7F → U+001A);
 * browsers follow WHATWG (ASCII as is). Undone where the runtime does it, so both sides agree.
 */
const ROTATED_CONTROLS: Record<string, string> | null =
  decoder.decode(Uint8Array.of(0x7f)) === '\x1a' ? { '\x1c': '\x1a', '\x7f': '\x1c', '\x1a': '\x7f' } : null;

function decodeBytes(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return ROTATED_CONTROLS ? text.replace(/[\x1a\x1c\x7f]/g, (char) => ROTATED_CONTROLS[char]!) : text;
}
const QUESTION_MARK = 0x3f;
/** Characters Windows text uses for glyphs that the WHATWG table maps elsewhere. */
const ALIASES: ReadonlyArray<[number, number]> = [
  [0xff5e, 0x8160], [0x2016, 0x8161], [0xff0d, 0x817c], [0xffe0, 0x8191], [0xffe1, 0x8192], [0xffe2, 0x81ca],
  [0x00a5, 0x5c], [0x203e, 0x7e],
];
/** Look-alikes for symbols Shift_JIS lacks, so a page never shows '?' for them: ☐ → □, ☑ and ☒ → ■. */
const SUBSTITUTES: ReadonlyArray<[number, number]> = [[0x2610, 0x81a0], [0x2611, 0x81a1], [0x2612, 0x81a1]];
const EXCLUDED_LEADS = new Set([0x87, 0xed, 0xee, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc]);

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

/** The Shift_JIS code of one UTF-16 unit, 0 when it has none (the NUL character is 0 too). */
function codeOf(unit: number, carrier: PictogramCarrier | null): number {
  table ??= buildTable();
  if (unit >= 0xe000 && unit <= 0xf8ff) return carrier ? (shiftJisOfPictogram(carrier, unit) ?? 0) : 0;
  return table[unit] ?? 0;
}

/** Encodes text as Shift_JIS with `carrier`'s pictograms; characters outside the table become '?'. */
export function encodeShiftJis(text: string, carrier: PictogramCarrier | null = null): Uint8Array<ArrayBuffer> {
  // At most two bytes a UTF-16 unit.
  const space = room(text.length * 2);
  const out = space.block;
  let length = space.start;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    // ASCII is itself (NUL included); pages are mostly markup, so this is the loop's hot path.
    if (unit < 0x80) {
      out[length++] = unit;
      continue;
    }
    const bytes = codeOf(unit, carrier) || substitute(unit);
    if (bytes === 0) {
      out[length++] = QUESTION_MARK;
      // A surrogate pair is one character: one '?' for both halves.
      if (unit >= 0xd800 && unit <= 0xdbff) index++;
    } else if (bytes > 0xff) {
      out[length++] = bytes >> 8;
      out[length++] = bytes & 0xff;
    } else out[length++] = bytes;
  }
  return claim(space, length - space.start);
}

function substitute(unit: number): number {
  for (const [from, bytes] of SUBSTITUTES) if (from === unit) return bytes;
  return 0;
}

/** True when every character of the text has a Shift_JIS code (for `carrier`'s pictograms, when given). */
export function isShiftJisSafe(text: string, carrier: PictogramCarrier | null = null): boolean {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit !== 0 && codeOf(unit, carrier) === 0) return false;
  }
  return true;
}

/**
 * Decodes Shift_JIS; with a carrier, its pictogram codes become Unicode emoji (WHATWG would give docomo's
 * and part of au's as private-use characters and SoftBank's as other characters or IBM kanji).
 */
export function decodeShiftJis(bytes: Uint8Array, carrier: PictogramCarrier | null = null): string {
  if (!carrier) return decodeBytes(bytes);
  let out = '';
  let start = 0;
  for (let index = 0; index < bytes.length; index++) {
    const lead = bytes[index]!;
    if (!((lead >= 0x81 && lead <= 0x9f) || (lead >= 0xe0 && lead <= 0xfc)) || index + 1 >= bytes.length) continue;
    const emoji = lead >= 0xf0 ? emojiOfShiftJis(carrier, (lead << 8) | bytes[index + 1]!) : undefined;
    if (emoji) {
      out += decodeBytes(bytes.subarray(start, index)) + emoji;
      start = index + 2;
    }
    index++;
  }
  return out + decodeBytes(bytes.subarray(start));
}
