import type { Handset } from '../carrier/handset.ts';
import { hdml } from './hdml.ts';
import { keycap } from './keycap.ts';
import { withSession } from './session.ts';
import { pictogramCarrier, toCarrierPictograms, toSoftbankWebcode } from './pictograms.ts';
import { encodeShiftJis } from './shift-jis.ts';

/** A handset page written once, rendered per handset by `renderPage`. */
export interface Page {
  title: string;
  blocks: Block[];
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; emphasis?: boolean }
  | { kind: 'link'; href: string; label: string; key?: number }
  /** docomo i-appli download: `<object declare>` plus the `ijam` link. */
  | { kind: 'iappli'; jam: string; label: string; key?: number; fallback: string }
  | { kind: 'form'; action: string; fields: NumberField[]; submit: string }
  | { kind: 'rule' }
  /** Trusted SVG markup; only modern browsers get it. */
  | { kind: 'svg'; markup: string };

export interface NumberField {
  name: string;
  label: string;
  maxLength: number;
}

export interface RenderContext {
  handset: Handset;
  /** Session carried in URLs and forms when the handset takes no cookies. */
  session?: { name: string; value: string };
}

export interface RenderedPage {
  /** A `Uint8Array` (not its ArrayBuffer): node-server writes it straight to the socket. */
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
}

const UTF8 = new TextEncoder();
const ACCENT = '#003399';
const EMPHASIS = '#cc0000';

const DOCTYPES = {
  docomo: '<!DOCTYPE html PUBLIC "-//i-mode group (ja)//DTD XHTML i-XHTML(Locale/Ver.=ja/2.3) 1.0//EN" "i-xhtml_4ja_10.dtd">',
  au: '<!DOCTYPE html PUBLIC "-//OPENWAVE//DTD XHTML 1.0//EN" "http://www.openwave.com/DTD/xhtml-basic.dtd">',
  softbank: '<!DOCTYPE html PUBLIC "-//J-PHONE//DTD XHTML Basic 1.0 Plus//EN" "xhtml-basic10-plus.dtd">',
  other: '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML Basic 1.1//EN" "http://www.w3.org/TR/xhtml-basic/xhtml-basic11.dtd">',
} as const;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Named entities where they exist: the oldest i-mode browsers know only those four. */
export function escapeHtml(text: string): string {
  // Most text has nothing to escape: it is returned as it is, without a replace.
  return SPECIAL.test(text) ? text.replace(/[&<>"']/g, (char) => ENTITIES[char]!) : text;
}
const SPECIAL = /[&<>"']/;

export function renderPage(page: Page, context: RenderContext): RenderedPage {
  const { handset } = context;
  // Pages are written with Unicode emoji; a carrier handset gets its own pictograms instead.
  const carrier = pictogramCarrier(handset.carrier);
  const markup = { html5, xhtml, chtml, hdml }[handset.markup](page, context);
  const pictograms = carrier ? toCarrierPictograms(markup, carrier) : markup;
  const html = carrier === 'softbank' && handset.encoding === 'shift_jis' ? toSoftbankWebcode(pictograms) : pictograms;
  const charset = handset.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8';
  const body = handset.encoding === 'shift_jis' ? encodeShiftJis(html, carrier) : UTF8.encode(html);
  return { body, contentType: `${mediaType(handset)}; charset=${charset}` };
}

/** i-mode browser 2.0 only treats a page as XHTML under the XHTML media type; its meta must say the same. */
function mediaType(handset: RenderContext['handset']): string {
  return handset.markup === 'hdml' ? 'text/x-hdml' : handset.carrier === 'docomo' && handset.markup === 'xhtml' ? 'application/xhtml+xml' : 'text/html';
}

/** i-mode HTML: no CSS, no tables; colour through `font`. */
function chtml(page: Page, context: RenderContext): string {
  const head = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>${escapeHtml(page.title)}</title></head><body>`;
  const blocks = page.blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `<font color="${ACCENT}">${escapeHtml(block.text)}</font><br>`;
      case 'text':
        return block.emphasis ? `<font color="${EMPHASIS}">${escapeHtml(block.text)}</font><br>` : `${escapeHtml(block.text)}<br>`;
      case 'rule':
        return '<hr>';
      default:
        return common(block, context, '<br>', '');
    }
  });
  return `${head}${blocks.join('')}</body></html>`;
}

function xhtml(page: Page, context: RenderContext): string {
  const { handset } = context;
  const charset = handset.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8';
  const doctype = handset.carrier === 'docomo' || handset.carrier === 'au' || handset.carrier === 'softbank' ? DOCTYPES[handset.carrier] : DOCTYPES.other;
  const head =
    `<?xml version="1.0" encoding="${charset}"?>${doctype}<html xmlns="http://www.w3.org/1999/xhtml"><head>` +
    `<meta http-equiv="Content-Type" content="${mediaType(handset)}; charset=${charset}" /><title>${escapeHtml(page.title)}</title></head><body>`;
  const blocks = page.blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `<div style="color:${ACCENT}">${escapeHtml(block.text)}</div>`;
      case 'text':
        return block.emphasis ? `<div style="color:${EMPHASIS}">${escapeHtml(block.text)}</div>` : `<div>${escapeHtml(block.text)}</div>`;
      case 'rule':
        return '<hr />';
      default:
        return common(block, context, '<br />', ' /');
    }
  });
  return `${head}${blocks.join('')}</body></html>`;
}

function html5(page: Page, context: RenderContext): string {
  const head =
    `<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${escapeHtml(page.title)}</title></head><body style="font-family:sans-serif;max-width:40em;margin:1em auto;padding:0 1em">`;
  const blocks = page.blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
        return `<h1 style="font-size:1.3em;color:${ACCENT}">${escapeHtml(block.text)}</h1>`;
      case 'text':
        return `<p${block.emphasis ? ` style="color:${EMPHASIS}"` : ''}>${escapeHtml(block.text)}</p>`;
      case 'rule':
        return '<hr>';
      case 'svg':
        return `<div>${block.markup}</div>`;
      default:
        return common(block, context, '<br>', '');
    }
  });
  return `${head}${blocks.join('')}</body></html>`;
}

/** Links, app links and forms: the same elements everywhere, with the handset's attributes. */
function common(block: Block, context: RenderContext, br: string, close: string): string {
  switch (block.kind) {
    case 'link':
      return `<a href="${escapeHtml(withSession(block.href, context))}"${accessKey(block.key)}>${keyLabel(block.key, context)}${escapeHtml(block.label)}</a>${br}`;
    case 'iappli': {
      const declare = context.handset.markup === 'xhtml' ? 'declare="declare"' : 'declare';
      return (
        `<object ${declare} id="app" data="${escapeHtml(block.jam)}" type="application/x-jam"></object>` +
        `<a ijam="#app" href="${escapeHtml(withSession(block.fallback, context))}"${accessKey(block.key)}>${keyLabel(block.key, context)}${escapeHtml(block.label)}</a>${br}`
      );
    }
    case 'form': {
      const { session, handset } = context;
      const hidden = session && !handset.cookies ? `<input type="hidden" name="${escapeHtml(session.name)}" value="${escapeHtml(session.value)}"${close}>` : '';
      const fields = block.fields.map((field) => `${escapeHtml(field.label)}${br}${numberInput(field, context, close)}${br}`).join('');
      return `<form action="${escapeHtml(block.action)}" method="post">${fields}${hidden}<input type="submit" value="${escapeHtml(block.submit)}"${close}></form>`;
    }
    default:
      return '';
  }
}

/** Numeric input mode for every carrier at once (docomo istyle, au format, SoftBank mode, WAP CSS). */
function numberInput(field: NumberField, context: RenderContext, close: string): string {
  const base = `type="text" name="${escapeHtml(field.name)}" maxlength="${field.maxLength}" size="${field.maxLength}"`;
  if (context.handset.markup === 'html5') return `<input ${base} inputmode="numeric" pattern="[0-9]*" autocomplete="off">`;
  const style = context.handset.markup === 'xhtml' ? ` style="-wap-input-format:*N;-wap-input-format:&quot;*&lt;ja:n&gt;&quot;"` : '';
  return `<input ${base} istyle="4" format="*N" mode="numeric"${style}${close}>`;
}

function accessKey(key: number | undefined): string {
  return key === undefined ? '' : ` accesskey="${key}"`;
}

function keyLabel(key: number | undefined, context: RenderContext): string {
  return key === undefined ? '' : keycap(key, context.handset);
}
