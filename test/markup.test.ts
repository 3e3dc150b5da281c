import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { normaliseDigits, parseForm } from '../gateway/markup/form.ts';
import { renderPage, type Page } from '../gateway/markup/page.ts';
import { withSession } from '../gateway/markup/session.ts';
import { decodeShiftJis, encodeShiftJis, isShiftJisSafe } from '../gateway/markup/shift-jis.ts';
import { binaryString } from './helpers/arbitraries.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const handset = (userAgent: string) => detectHandset({ 'user-agent': userAgent });
const D503I = handset('DoCoMo/1.0/D503i');
const CA32 = handset('KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0');
const SB910T = handset('SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1');
const IPHONE = handset('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1');

describe('Shift_JIS encoder', () => {
  it("encodes JIS X 0208, half-width kana, ASCII and each carrier's own pictograms", () => {
    expect(hex(encodeShiftJis('Aあ漢ｱ'))).toBe('4182a08abfb1');
    expect(hex(encodeShiftJis('\uE6E2\uE6EB', 'docomo'))).toBe('f987f990');
    expect(hex(encodeShiftJis('\uE522', 'au'))).toBe('f6fb');
    // SoftBank's pages G and P: U+E001 is F941 (not the user-defined row's F041), U+E401 needs lead FB.
    expect(hex(encodeShiftJis('\uE001\uE401', 'softbank'))).toBe('f941fb41');
    // The user-defined rows are the carrier's: no pictogram without one, none of another carrier's.
    expect(hex(encodeShiftJis('\uE6E2'))).toBe('3f');
    expect(hex(encodeShiftJis('\uE6E2', 'au'))).toBe('3f');
    expect(isShiftJisSafe('\uE6E2', 'docomo')).toBe(true);
    expect(isShiftJisSafe('\uE6E2', 'softbank')).toBe(false);
    // Windows' full-width tilde is the wave dash's code.
    expect(hex(encodeShiftJis('～'))).toBe('8160');
  });

  it('refuses NEC row 13 and IBM extension characters', () => {
    expect(isShiftJisSafe('①')).toBe(false);
    expect(isShiftJisSafe('髙')).toBe(false);
    expect(hex(encodeShiftJis('①髙😀'))).toBe('3f3f3f');
    expect(isShiftJisSafe('ワンタイムパスワード')).toBe(true);
  });

  it('round-trips any text made of table characters', () => {
    const kanji = fc.integer({ min: 0x3041, max: 0x9fa0 }).map((code) => String.fromCharCode(code)).filter(isShiftJisSafe);
    const ascii = fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)).filter((c) => c !== '\\' && c !== '~');
    fc.assert(
      fc.property(fc.array(fc.oneof(kanji, ascii), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        expect(decodeShiftJis(encodeShiftJis(text))).toBe(text);
      }),
    );
  });

  it('writes at most two bytes a UTF-16 unit for any text', () => {
    fc.assert(fc.property(binaryString(), fc.constantFrom(null, 'docomo', 'au', 'softbank' as const), (text, carrier) => {
      expect(encodeShiftJis(text, carrier).length).toBeLessThanOrEqual(text.length * 2);
    }));
  });

  it('decodes any bytes to text that re-encodes to the same text, unencodable characters as ?', () => {
    // A decoder and encoder that disagree on a code (or a decoder that drops bytes) fail this.
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      const text = decodeShiftJis(bytes);
      expect(text.length).toBeLessThanOrEqual(bytes.length);
      const expected = [...text].map((char) => (isShiftJisSafe(char) ? char : '?')).join('');
      expect(decodeShiftJis(encodeShiftJis(text))).toBe(expected);
    }));
  });

  it('substitutes look-alikes for check boxes Shift_JIS lacks', () => {
    expect(decodeShiftJis(encodeShiftJis('☐ 通知 ☑ 確認'))).toBe('□ 通知 ■ 確認');
  });
});

describe('form parsing', () => {
  it('decodes a Shift_JIS post before validation and normalises full-width digits', () => {
    const body = new TextEncoder().encode('name=%82%A0%82%A2&pin=%82P%82Q%82R%82S&x=a+b&name=second');
    const fields = parseForm(body, 'shift_jis');
    expect(fields.get('name')).toBe('あい');
    expect(normaliseDigits(fields.get('pin')!)).toBe('1234');
    expect(fields.get('x')).toBe('a b');
    expect(parseForm(new TextEncoder().encode('name=%E3%81%82'), 'utf-8').get('name')).toBe('あ');
  });

  it('keeps malformed escapes as text', () => {
    expect(parseForm(new TextEncoder().encode('a=%zz%4&b'), 'utf-8')).toEqual(new Map([['a', '%zz%4'], ['b', '']]));
  });

  it('never throws on arbitrary bodies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom('shift_jis', 'utf-8' as const), (body, encoding) => {
        expect(parseForm(body, encoding).size).toBeLessThanOrEqual(64);
      }),
    );
  });
});

describe('page rendering', () => {
  const page: Page = {
    title: 'テスト',
    blocks: [
      { kind: 'heading', text: '見出し' },
      { kind: 'text', text: '<注意>', emphasis: true },
      { kind: 'link', href: '/m/help#top', label: '使い方', key: 1 },
      { kind: 'link', href: 'https://example.jp/', label: '外部', key: 0 },
      { kind: 'form', action: '/m/pin', fields: [{ name: 'pin', label: '暗証番号', maxLength: 8 }], submit: '次へ' },
      { kind: 'svg', markup: '<svg></svg>' },
    ],
  };
  const session = { name: 'sid', value: 'abc123' };

  it('writes i-mode HTML in Shift_JIS without CSS or tables, with the docomo keycap and numeric input', () => {
    const rendered = renderPage(page, { handset: D503I, session });
    expect(rendered.contentType).toBe('text/html; charset=Shift_JIS');
    const html = decodeShiftJis(rendered.body);
    expect(html).toContain('<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">');
    expect(html).not.toMatch(/ style=|<table|<svg/);
    expect(html).toContain('<font color="#cc0000">&lt;注意&gt;</font>');
    expect(html).toContain('<a href="/m/help?sid=abc123#top" accesskey="1">\uE6E2使い方</a>');
    expect(html).toContain('<a href="https://example.jp/" accesskey="0">\uE6EB外部</a>');
    expect(html).toContain('istyle="4" format="*N" mode="numeric"');
    expect(html).toContain('<input type="hidden" name="sid" value="abc123">');
  });

  it('writes carrier XHTML: au in Shift_JIS with localsrc keycaps, SoftBank in UTF-8 with its emoji', () => {
    const au = renderPage(page, { handset: CA32, session });
    const auHtml = decodeShiftJis(au.body);
    expect(au.contentType).toBe('text/html; charset=Shift_JIS');
    expect(auHtml).toMatch(/^<\?xml version="1.0" encoding="Shift_JIS"\?><!DOCTYPE html PUBLIC "-\/\/OPENWAVE/);
    expect(auHtml).toContain('<img localsrc="180" alt="[1]" />');
    expect(auHtml).toContain('-wap-input-format:*N;-wap-input-format:&quot;*&lt;ja:n&gt;&quot;');
    // au takes cookies: no session in URLs.
    expect(auHtml).toContain('href="/m/help#top"');
    expect(auHtml).not.toContain('sid');
    const sb = renderPage(page, { handset: SB910T });
    const sbHtml = new TextDecoder().decode(sb.body);
    expect(sb.contentType).toBe('text/html; charset=UTF-8');
    expect(sbHtml).toContain('-//J-PHONE//DTD XHTML Basic 1.0 Plus//EN');
    expect(sbHtml).toContain('\uE21C使い方');
  });

  it('writes HTML5 for modern browsers, with inline SVG and inputmode', () => {
    const html = new TextDecoder().decode(renderPage(page, { handset: IPHONE }).body);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="ja">/);
    expect(html).toContain('<svg></svg>');
    expect(html).toContain('inputmode="numeric"');
  });

  it('writes HDML for UP.Browser 3 handsets, escaping $ and keeping only text and links', () => {
    const rendered = renderPage(
      { title: 'T$', blocks: [{ kind: 'text', text: '料金 $5 & <b>' }, { kind: 'link', href: '/m/help', label: '使い方', key: 1 }, page.blocks[4]!] },
      { handset: handset('UP.Browser/3.04-TS14 UP.Link/3.4.4') },
    );
    expect(rendered.contentType).toBe('text/x-hdml; charset=Shift_JIS');
    expect(decodeShiftJis(rendered.body)).toBe(
      '<HDML VERSION=3.0 PUBLIC=TRUE TTL=0><DISPLAY TITLE="T&dol;">料金 &dol;5 &amp; &lt;b&gt;<BR><A TASK=GO DEST="/m/help">使い方</A><BR></DISPLAY></HDML>',
    );
  });

  it('adds the session only to same-site URLs of cookie-less handsets', () => {
    expect(withSession('/m/x?a=1', { handset: D503I, session })).toBe('/m/x?a=1&sid=abc123');
    expect(withSession('//evil.example/', { handset: D503I, session })).toBe('//evil.example/');
    expect(withSession('/m/x', { handset: SB910T, session })).toBe('/m/x');
  });
});
