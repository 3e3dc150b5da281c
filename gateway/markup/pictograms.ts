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
 * Where an emoji may begin: patterns of the UTF-16 units that start one (an astral emoji by its
 * lead surrogate; one class of units, no `u` flag, scans a page in under a microsecond), and the
 * codes that must follow an ASCII start: digits and `#` begin keycaps only with the keycap mark
 * after them. Pages are full of digits and hardly ever hold that mark, so a text without it is
 * scanned for the other starts only. `longestPictogram` decides.
 */
interface EmojiStarts {
  any: RegExp;
  nonAscii: RegExp;
  afterAscii: Set<number>;
}

function emojiStarts(sequences: number[][]): EmojiStarts {
  const units = new Set<number>();
  const afterAscii = new Set<number>();
  for (const [first, second] of sequences) {
    units.add(String.fromCodePoint(first!).charCodeAt(0));
    if (first! < 0x80 && second !== undefined) afterAscii.add(second);
  }
  const pattern = (codes: number[]) => new RegExp(`[${unitRanges(codes)}]`, 'g');
  return { any: pattern([...units]), nonAscii: pattern([...units].filter((code) => code >= 0x80)), afterAscii };
}

/**
 * A character class of `codes` as ranges, starts up to 16 apart joined into one: few, wide ranges
 * are what makes the scan fast; the few characters a join lets in are looked up and found wanting.
 */
function unitRanges(codes: number[]): string {
  const unit = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
  const ranges: [number, number][] = [];
  for (const code of [...codes].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && code - last[1] <= 16) last[1] = code;
    else ranges.push([code, code]);
  }
  return ranges.map(([from, to]) => (from === to ? unit(from) : `${unit(from)}-${unit(to)}`)).join('');
}

/** The pattern to scan `text` with: ASCII starts only count when what must follow them is there. */
function startsIn(text: string, { any, nonAscii, afterAscii }: EmojiStarts): RegExp {
  for (const code of afterAscii) if (text.includes(String.fromCharCode(code))) return any;
  return nonAscii;
}

/** An ASCII start that the keycap mark does not follow (U+FE0F may come between) starts nothing. */
function bareAscii(text: string, index: number, afterAscii: Set<number>): boolean {
  if (text.charCodeAt(index) >= 0x80) return false;
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
  const pattern = startsIn(text, starts);
  // Only where an emoji may start is anything looked up; the text between is copied in slices.
  pattern.lastIndex = 0;
  let out = '';
  let copied = 0;
  for (let start = pattern.exec(text); start; start = pattern.exec(text)) {
    if (bareAscii(text, start.index, starts.afterAscii)) continue;
    const match = longestPictogram(text, start.index, puaOfEmoji);
    if (!match) continue;
    out += text.slice(copied, start.index) + String.fromCharCode(match.pua);
    // A trailing U+FE0F (☀ + U+FE0F) belongs to the pictogram.
    copied = text[match.end] === '\uFE0F' ? match.end + 1 : match.end;
    pattern.lastIndex = copied;
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
