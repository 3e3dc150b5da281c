import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { renderPage } from '../gateway/markup/page.ts';
import table from '../gateway/markup/pictograms.json' with { type: 'json' };
import { emojiOfShiftJis, fromSoftbankWebcode, toCarrierPictograms } from '../gateway/markup/pictograms.ts';
import { decodeShiftJis, encodeShiftJis } from '../gateway/markup/shift-jis.ts';
import { decodePage, encodeShiftJisFor } from '../emulator/pictograms.ts';
import { buildPictograms, OUTPUT } from '../scripts/build-pictograms.ts';

const emojiOf = (sequence: string) => String.fromCodePoint(...sequence.split(' ').map((code) => parseInt(code, 16)));
const HANDSETS = {
  'docomo i-mode (Shift_JIS)': ['docomo', 'DoCoMo/1.0/D503i/c10'],
  'docomo browser 2.0 (Shift_JIS XHTML)': ['docomo', 'DoCoMo/2.0 P07A3(c500;TB;W24H15)'],
  'au (Shift_JIS)': ['au', 'KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0'],
  'SoftBank 3G (UTF-8)': ['softbank', 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1'],
  'SoftBank P type (Shift_JIS)': ['softbank', 'J-PHONE/4.0/J-SH51 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0'],
} as const;

describe('pictogram table (gateway/markup/pictograms.json)', () => {
  it('is what npm run build:pictograms makes from EmojiSources', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(buildPictograms());
  });

  it("has every carrier's pictograms, SoftBank's 130 on lead FB among them", () => {
    expect([table.docomo.length, table.au.length, table.softbank.length]).toEqual([244, 633, 469]);
    expect(table.softbank.filter(([, sjis]) => sjis!.startsWith('FB'))).toHaveLength(130);
    // Spot checks against the carriers' own tables: sun and keycap 1.
    expect(table.docomo).toContainEqual(['2600 FE0F', 'F89F', 'E63E']);
    expect(table.au).toContainEqual(['0031 FE0F 20E3', 'F6FB', 'E522']);
    expect(table.softbank).toContainEqual(['2600 FE0F', 'F98B', 'E04A']);
    expect(table.softbank).toContainEqual(['0031 FE0F 20E3', 'F7BC', 'E21C']);
  });

  it('goes both ways: Shift_JIS code → emoji, emoji → private-use code', () => {
    expect(emojiOfShiftJis('softbank', 0xf941)).toBe(emojiOf(table.softbank.find(([, sjis]) => sjis === 'F941')![0]!));
    expect(toCarrierPictograms('☀と☀️', 'docomo')).toBe('\uE63Eと\uE63E');
    expect(toCarrierPictograms('1️⃣ 1⃣ 1', 'au')).toBe('\uE522 \uE522 1');
    expect(toCarrierPictograms('😀', 'docomo')).toBe('😀');
  });
});

describe('pictogram round trip: Unicode → carrier bytes → emulator → the same emoji', () => {
  it.each(Object.entries(HANDSETS))('%s', (_name, [carrier, userAgent]) => {
    const emoji = table[carrier].map(([sequence]) => emojiOf(sequence!));
    const handset = detectHandset({ 'user-agent': userAgent });
    const page = renderPage({ title: 'T', blocks: [{ kind: 'text', text: emoji.join(' ') }] }, { handset });
    const shown = decodePage(page.body, page.contentType, carrier);
    expect(shown).toContain(emoji.join(' '));
    // No pictogram went out as '?' or as another character.
    expect(shown.slice(shown.indexOf('<body'))).not.toContain('?');
  });

  it("writes SoftBank pictograms as web codes in J-PHONE's Shift_JIS pages, and encodes their Shift_JIS codes, lead FB included", () => {
    const page = renderPage({ title: 'T', blocks: [{ kind: 'text', text: '☀' }] }, { handset: detectHandset({ 'user-agent': HANDSETS['SoftBank P type (Shift_JIS)'][1] }) });
    expect(decodeShiftJis(page.body)).toContain('\x1b$Gj\x0f<br>');
    expect(fromSoftbankWebcode('\x1b$Gjk\x0f')).toBe('\uE04A\uE04B');
    const fb = table.softbank.find(([, sjis]) => sjis!.startsWith('FB'))!;
    expect(Buffer.from(encodeShiftJis(String.fromCharCode(parseInt(fb[2]!, 16)), 'softbank')).toString('hex')).toBe(fb[1]!.toLowerCase());
  });

  it("gives a handset without pictograms '?' instead of another carrier's code", () => {
    const willcom = detectHandset({ 'user-agent': 'Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0' });
    const page = renderPage({ title: 'T', blocks: [{ kind: 'text', text: '☀\uE63E' }] }, { handset: willcom });
    expect(decodeShiftJis(page.body)).toContain('<div>??</div>');
  });

  it("draws au's localsrc keycaps and SoftBank's UTF-8 private-use pictograms as emoji", () => {
    const au = encodeShiftJis('<a accesskey="1"><img localsrc="180" alt="[1]" />次へ</a><img localsrc="999" alt="[?]" />');
    expect(decodePage(au, 'text/html; charset=Shift_JIS', 'au')).toBe('<a accesskey="1">1\uFE0F\u20E3次へ</a><img localsrc="999" alt="[?]" />');
    expect(decodePage(new TextEncoder().encode('\uE04A'), 'text/html; charset=UTF-8', 'softbank')).toBe('☀\uFE0F');
    // Another carrier's private-use character is not this carrier's pictogram.
    expect(decodePage(new TextEncoder().encode('\uE04A'), 'text/html; charset=UTF-8', 'smartphone')).toBe('\uE04A');
  });

  it('posts form text with the emulated carrier’s pictogram codes', () => {
    expect(Buffer.from(encodeShiftJisFor('晴☀', 'softbank')).toString('hex')).toBe('90b0f98b');
    expect(Buffer.from(encodeShiftJisFor('晴☀', 'docomo')).toString('hex')).toBe('90b0f89f');
    expect(decodeShiftJis(encodeShiftJisFor('晴☀', 'au'), 'au')).toBe('晴☀\uFE0F');
  });
});
