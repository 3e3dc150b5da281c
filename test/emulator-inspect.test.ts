import { describe, expect, it } from 'vitest';
import { findDevice } from '../emulator/catalog.ts';
import { budgetFor, formWarnings, percentDecode, responseWarnings } from '../emulator/inspect.ts';
import { encodeShiftJis } from '../gateway/markup/shift-jis.ts';

const p503i = findDevice('docomo-p503i')!;
const p07a = findDevice('docomo-p07a')!;
const sjis = (text: string) => encodeShiftJis(text);
const html = (body: string) => `<html><head><title>t</title></head><body>${body}</body></html>`;
const page = (text: string, markup: 'chtml' | 'xhtml' = 'chtml') => ({ contentType: 'text/html; charset=Shift_JIS', charset: 'shift_jis', bytes: sjis(text), markup });

describe('request inspector warnings', () => {
  it('a clean i-mode page has none', () => {
    expect(responseWarnings(p503i, 'http://gw.test/m/', page(html('<p>こんにちは</p><a href="/">戻る</a>')))).toEqual([]);
  });

  it('over the page budget, and the app limit for packages', () => {
    const big = page(html('あ'.repeat(6000)));
    expect(responseWarnings(p503i, 'http://gw.test/m/', big)[0]).toMatch(/ページ上限10KBを超えています/);
    expect(responseWarnings(p07a, 'http://gw.test/m/', big)).toEqual([]);
    expect(budgetFor(p503i, 'application/java-archive', 'http://gw.test/x.jar')).toEqual({ bytes: 10240, label: 'アプリ上限' });
  });

  it('tables and CSS on a CHTML handset, not on browser 2.0', () => {
    const styled = html('<table><tr><td>1</td></tr></table><p style="color:red">x</p>');
    const warnings = responseWarnings(p503i, 'http://gw.test/m/', page(styled)).join('\n');
    expect(warnings).toContain('テーブル');
    expect(warnings).toContain('CSS');
    expect(responseWarnings(p07a, 'http://gw.test/m/', page(styled, 'xhtml'))).toEqual([]);
  });

  it('bytes the charset cannot read and references to characters Shift_JIS lacks', () => {
    const broken = { ...page(''), bytes: Uint8Array.from([0x82, 0xa0, 0x82]) };
    expect(responseWarnings(p07a, 'http://gw.test/m/', broken).join()).toContain('読めないバイト');
    expect(responseWarnings(p07a, 'http://gw.test/m/', page(html('&#x1F600; &#12354; &#63;'))).join()).toMatch(/Shift_JISにない文字を参照しています: &#x1F600;$/);
  });

  it('XHTML that is not well-formed, through the parser it is given', () => {
    const xhtml = { ...page('<?xml version="1.0"?><html><body><p>x</body></html>', 'xhtml'), contentType: 'application/xhtml+xml; charset=Shift_JIS' };
    expect(responseWarnings(p07a, 'http://gw.test/m/', xhtml, () => 'p is not closed').join()).toContain('整形式ではありません: p is not closed');
    expect(responseWarnings(p07a, 'http://gw.test/m/', xhtml, () => null)).toEqual([]);
  });

  it('Shift_JIS form posts: characters sent as ? and bodies that do not decode', () => {
    expect(formWarnings(['山田'], 'name=%8ER%93c', 'shift_jis')).toEqual([]);
    expect(formWarnings(['😀'], 'name=%3F', 'shift_jis').join()).toContain('「😀」は「?」で送信されました');
    expect(formWarnings(['x'], 'name=%82', 'shift_jis').join()).toContain('復号できません');
    expect(formWarnings(['😀'], 'name=%F0%9F%98%80', 'utf-8')).toEqual([]);
    expect([...percentDecode('a+b%41%zz')]).toEqual([0x61, 0x20, 0x62, 0x41, 0x25, 0x7a, 0x7a]);
  });
});
