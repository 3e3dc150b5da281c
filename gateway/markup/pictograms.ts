import table from './pictograms.json' with { type: 'json' };
import type { Carrier } from '../carrier/handset.ts';

/** The carriers with their own pictograms (絵文字); the table is built from Unicode's EmojiSources (docs/NOTICE-emoji-sources.md). */
export type PictogramCarrier = 'docomo' | 'au' | 'softbank';

interface Maps {
  /** Unicode emoji without U+FE0F → carrier private-use code point. */
  puaOfEmoji: Map<string, number>;
  /** Where an emoji of `puaOfEmoji` may start; pages are mostly other characters. */
  starts: EmojiStarts;
  puaOfShiftJis: Map<number, number>;
  shiftJisOfPua: Map<number, number>;
  /** Carrier private-use code point → the Unicode emoji as fonts draw it (with U+FE0F where needed). */
  emojiOfPua: Map<number, string>;
}

const VARIATION_SELECTOR = /\uFE0F/g;
/** The longest carrier emoji in Unicode, without U+FE0F: a keycap or a flag. */
const LONGEST = 4;
let maps: Record<PictogramCarrier, Maps> | undefined;

function build(): Record<PictogramCarrier, Maps> {
  const out = {} as Record<PictogramCarrier, Maps>;
  for (const carrier of ['docomo', 'au', 'softbank'] as const) {
    const puaOfEmoji = new Map<string, number>();
    const puaOfShiftJis = new Map<number, number>();
    const shiftJisOfPua = new Map<number, number>();
    const emojiOfPua = new Map<number, string>();
    const sequences: number[][] = [];
    for (const [sequence, sjisHex, puaHex] of table[carrier]) {
      const codes = sequence!.split(' ').map((code) => parseInt(code, 16));
      const emoji = String.fromCodePoint(...codes);
      const sjis = parseInt(sjisHex!, 16);
      const pua = parseInt(puaHex!, 16);
      puaOfEmoji.set(emoji.replace(VARIATION_SELECTOR, ''), pua);
      sequences.push(codes.filter((code) => code !== 0xfe0f));
      puaOfShiftJis.set(sjis, pua);
      shiftJisOfPua.set(pua, sjis);
      emojiOfPua.set(pua, emoji);
    }
    out[carrier] = { puaOfEmoji, starts: emojiStarts(sequences), puaOfShiftJis, shiftJisOfPua, emojiOfPua };
  }
  return out;
}

/**
 * Where an emoji may begin: a table over UTF-16 units (an astral emoji starts with its lead
 * surrogate), read once per unit of a page; a regular expression over the same units cost about
 * sixty machine instructions a unit on Japanese text, the table a handful. Digits and `#` begin
 * keycaps only with the keycap mark after them (`afterAscii`); pages are full of digits and hardly
 * ever hold that mark. `longestPictogram` decides.
 */
interface EmojiStarts {
  /** `START` where an emoji may begin, `ASCII_START` where one may if `afterAscii` follows, else 0. */
  units: Uint8Array;
  afterAscii: Set<number>;
}
const START = 1;
const ASCII_START = 2;

function emojiStarts(sequences: number[][]): EmojiStarts {
  const units = new Uint8Array(0x10000);
  const afterAscii = new Set<number>();
  for (const [first, second] of sequences) {
    const unit = String.fromCodePoint(first!).charCodeAt(0);
    if (unit >= 0x80) units[unit] = START;
    else if (second !== undefined) {
      units[unit] = ASCII_START;
      afterAscii.add(second);
    }
  }
  return { units, afterAscii };
}

/** An ASCII start that the keycap mark does not follow (U+FE0F may come between) starts nothing. */
function bareAscii(text: string, index: number, afterAscii: Set<number>): boolean {
  const next = text.charCodeAt(index + 1);
  return !afterAscii.has(next === 0xfe0f ? text.charCodeAt(index + 2) : next);
}

function mapsOf(carrier: PictogramCarrier): Maps {
  maps ??= build();
  return maps[carrier];
}

export function pictogramCarrier(carrier: Carrier | string): PictogramCarrier | null {
  return carrier === 'docomo' || carrier === 'au' || carrier === 'softbank' ? carrier : null;
}

/** Unicode emoji in `text` → the carrier's private-use pictograms; emoji the carrier lacks are left as they are. */
export function toCarrierPictograms(text: string, carrier: PictogramCarrier): string {
  const { puaOfEmoji, starts } = mapsOf(carrier);
  const { units, afterAscii } = starts;
  // Only where an emoji may start is anything looked up; the text between is copied in slices.
  let out = '';
  let copied = 0;
  for (let index = 0; index < text.length; index++) {
    const start = units[text.charCodeAt(index)];
    if (start === 0 || (start === ASCII_START && bareAscii(text, index, afterAscii))) continue;
    const match = longestPictogram(text, index, puaOfEmoji);
    if (!match) continue;
    out += text.slice(copied, index) + String.fromCharCode(match.pua);
    // A trailing U+FE0F (☀ + U+FE0F) belongs to the pictogram.
    copied = text[match.end] === '\uFE0F' ? match.end + 1 : match.end;
    index = copied - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Longest first: a keycap (digit, U+FE0F, U+20E3) before a bare digit. `end` is the index after the match. */
function longestPictogram(text: string, at: number, puaOfEmoji: Map<string, number>): { pua: number; end: number } | null {
  const ends: number[] = [];
  for (let end = at, count = 0; count < LONGEST && end < text.length; count++) {
    end += text.codePointAt(end)! > 0xffff ? 2 : 1;
    ends.push(end);
  }
  for (let index = ends.length - 1; index >= 0; index--) {
    const pua = puaOfEmoji.get(text.slice(at, ends[index]).replace(VARIATION_SELECTOR, ''));
    if (pua !== undefined) return { pua, end: ends[index]! };
  }
  return null;
}

/** The carrier's Shift_JIS code of one of its private-use pictograms (SoftBank's use lead bytes F7, F9, FB). */
export function shiftJisOfPictogram(carrier: PictogramCarrier, codePoint: number): number | undefined {
  return mapsOf(carrier).shiftJisOfPua.get(codePoint);
}

/** The Unicode emoji for a carrier's Shift_JIS pictogram code. */
export function emojiOfShiftJis(carrier: PictogramCarrier, code: number): string | undefined {
  const { puaOfShiftJis, emojiOfPua } = mapsOf(carrier);
  const pua = puaOfShiftJis.get(code);
  return pua === undefined ? undefined : emojiOfPua.get(pua);
}

/** The Unicode emoji for a carrier's private-use pictogram (as UTF-8 pages carry them). */
export function emojiOfPictogram(carrier: PictogramCarrier, codePoint: number): string | undefined {
  return mapsOf(carrier).emojiOfPua.get(codePoint);
}

/** SoftBank's pages G, E, F, O, P, Q are U+E0xx … U+E5xx. */
const WEBCODE_PAGES = 'GEFOPQ';
const SOFTBANK_PICTOGRAM = /[\uE001-\uE55A]/g;

/**
 * SoftBank pictograms as web codes (`ESC $ G ! SI`: page letter, then 0x20 + the code's low byte), the
 * form J-PHONE's Shift_JIS browsers take in pages; their Shift_JIS codes are for 3G handsets.
 */
export function toSoftbankWebcode(text: string): string {
  return text.replace(SOFTBANK_PICTOGRAM, (char) => {
    const code = char.charCodeAt(0);
    if (!mapsOf('softbank').emojiOfPua.has(code)) return char;
    return `\x1b$${WEBCODE_PAGES[(code >> 8) & 0xf]}${String.fromCharCode(0x20 + (code & 0xff))}\x0f`;
  });
}

const WEBCODE = /\x1b\$([GEFOPQ])([\x21-\x7a]+)\x0f/g;

/** Web codes back to SoftBank's private-use pictograms; one escape may hold several of a page. */
export function fromSoftbankWebcode(text: string): string {
  return text.replace(WEBCODE, (_match, page: string, chars: string) => {
    const base = 0xe000 + (WEBCODE_PAGES.indexOf(page) << 8) - 0x20;
    return [...chars].map((char) => String.fromCharCode(base + char.charCodeAt(0))).join('');
  });
}
