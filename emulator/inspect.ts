import type { Markup } from '../gateway/carrier/handset.ts';
import { encodeShiftJis } from '../gateway/markup/shift-jis.ts';
import type { Device } from './catalog.ts';

/** What the request inspector knows of one response, whatever fetched it (mini browser or app). */
export interface ResponseFacts {
  contentType: string;
  /** `shift_jis`, `utf-8`, … as the browser decodes the body. */
  charset: string;
  bytes: Uint8Array;
  markup: Markup;
}

/** Packages and descriptors count against the app limit; everything else against the page budget. */
export function budgetFor(device: Device, contentType: string, url: string): { bytes: number; label: string } {
  if (/x-jam|app-descriptor|java-archive/.test(contentType) || /\.(jam|jad|jar)(?:[?#]|$)/.test(new URL(url, 'http://handset.invalid').pathname)) return { bytes: device.java.maxAppBytes, label: 'アプリ上限' };
  return { bytes: device.cacheBytes, label: 'ページ上限' };
}

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10240 ? 1 : 0)}KB`;

const TEXT = /^text\/|xhtml|xml|x-jam|app-descriptor/;
const XHTML = /<\?xml|<!DOCTYPE\s+html\s+PUBLIC\s+"-\/\/(?:W3C\/\/DTD XHTML|i-mode group|OPENWAVE|WAPFORUM)/i;
const NUMERIC_REFERENCE = /&#(?:x([0-9a-f]{1,6})|([0-9]{1,7}));/gi;

/**
 * The warnings a handset would give (or silently act on) for this response: over its budget, XHTML
 * that is not well-formed (`xmlError` parses it; the browser passes DOMParser), tables or CSS for a
 * CHTML handset, bytes or characters the page's charset lacks.
 */
export function responseWarnings(device: Device, url: string, facts: ResponseFacts, xmlError?: (text: string) => string | null): string[] {
  const warnings: string[] = [];
  const budget = budgetFor(device, facts.contentType, url);
  if (facts.bytes.length > budget.bytes) warnings.push(`${kb(facts.bytes.length)}で、この端末の${budget.label}${kb(budget.bytes)}を超えています（端末では表示・保存できません）。`);
  if (!TEXT.test(facts.contentType)) return warnings;
  let text: string;
  try {
    text = new TextDecoder(facts.charset, { fatal: true }).decode(facts.bytes);
  } catch {
    warnings.push(`文字コード ${facts.charset} として読めないバイトがあります（端末では文字化けします）。`);
    text = new TextDecoder(facts.charset).decode(facts.bytes);
  }
  if (/html/.test(facts.contentType)) {
    if ((/xhtml/.test(facts.contentType) || XHTML.test(text)) && xmlError) {
      const error = xmlError(text);
      if (error) warnings.push(`XHTMLとして整形式ではありません: ${error}`);
    }
    if (facts.markup === 'chtml') {
      if (/<table[\s>]/i.test(text)) warnings.push('CHTML（iモードHTML）の端末はテーブル（table）を表示できません。');
      if (/<style[\s>]|<link[^>]+stylesheet|\sstyle\s*=/i.test(text)) warnings.push('CHTML（iモードHTML）の端末はCSSに対応していません。');
    }
  }
  if (facts.charset === 'shift_jis') {
    const missing = new Set<string>();
    for (const match of text.matchAll(NUMERIC_REFERENCE)) {
      const code = parseInt(match[1] ?? match[2]!, match[1] ? 16 : 10);
      const char = code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
      if (char !== '?' && !representable(char)) missing.add(match[0]);
    }
    if (missing.size) warnings.push(`Shift_JISにない文字を参照しています: ${[...missing].slice(0, 5).join(' ')}`);
  }
  return warnings;
}

/** A form post from a page in `charset`: characters sent as "?" and a body the server cannot decode. */
export function formWarnings(values: readonly string[], body: string, charset: string): string[] {
  if (charset !== 'shift_jis') return [];
  const warnings: string[] = [];
  const missing = new Set([...values.join('')].filter((char) => char !== '?' && !representable(char)));
  if (missing.size) warnings.push(`Shift_JISにない文字「${[...missing].slice(0, 5).join('')}」は「?」で送信されました。`);
  try {
    new TextDecoder('shift_jis', { fatal: true }).decode(percentDecode(body));
  } catch {
    warnings.push('送信データがShift_JISとして復号できません（サーバでは文字化けします）。');
  }
  return warnings;
}

function representable(char: string): boolean {
  const bytes = encodeShiftJis(char);
  return !(bytes.length === 1 && bytes[0] === 0x3f);
}

/** `application/x-www-form-urlencoded` → the bytes it stands for. */
export function percentDecode(body: string): Uint8Array {
  const out: number[] = [];
  for (let at = 0; at < body.length; at++) {
    const char = body[at]!;
    const hex = char === '%' ? body.slice(at + 1, at + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      at += 2;
    } else out.push(...new TextEncoder().encode(char === '+' ? ' ' : char));
  }
  return Uint8Array.from(out);
}
