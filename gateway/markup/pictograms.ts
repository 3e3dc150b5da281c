import table from './pictograms.json' with { type: 'json' };
import type { Carrier } from '../carrier/handset.ts';

/** The carriers with their own pictograms (絵文字); the table is built from Unicode's EmojiSources (docs/NOTICE-emoji-sources.md). */
export type PictogramCarrier = 'docomo' | 'au' | 'softbank';

interface Maps {
  /** Unicode emoji without U+FE0F → carrier private-use code point. */
  puaOfEmoji: Map<string, number>;
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
    const carrierMaps: Maps = { puaOfEmoji: new Map(), puaOfShiftJis: new Map(), shiftJisOfPua: new Map(), emojiOfPua: new Map() };
    for (const [sequence, sjisHex, puaHex] of table[carrier]) {
      const emoji = String.fromCodePoint(...sequence!.split(' ').map((code) => parseInt(code, 16)));
      const sjis = parseInt(sjisHex!, 16);
      const pua = parseInt(puaHex!, 16);
      carrierMaps.puaOfEmoji.set(emoji.replace(VARIATION_SELECTOR, ''), pua);
      carrierMaps.puaOfShiftJis.set(sjis, pua);
      carrierMaps.shiftJisOfPua.set(pua, sjis);
      carrierMaps.emojiOfPua.set(pua, emoji);
    }
    out[carrier] = carrierMaps;
  }
  return out;
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
  const chars = [...text];
  let out = '';
  for (let index = 0; index < chars.length; ) {
    const match = longestPictogram(chars, index, mapsOf(carrier).puaOfEmoji);
    if (!match) {
      out += chars[index++];
      continue;
    }
    out += String.fromCharCode(match.pua);
    index += match.length;
    // A trailing U+FE0F (☀ + U+FE0F) belongs to the pictogram.
    if (chars[index] === '\uFE0F') index++;
  }
  return out;
}

/** Longest first: a keycap (digit, U+FE0F, U+20E3) before a bare digit. */
function longestPictogram(chars: string[], index: number, puaOfEmoji: Map<string, number>): { pua: number; length: number } | null {
  for (let length = Math.min(LONGEST, chars.length - index); length >= 1; length--) {
    const pua = puaOfEmoji.get(chars.slice(index, index + length).join('').replace(VARIATION_SELECTOR, ''));
    if (pua !== undefined) return { pua, length };
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
