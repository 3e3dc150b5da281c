import type { Page, RenderContext } from './page.ts';
import { withSession } from './session.ts';

/** `$` starts a variable reference in HDML, so it is escaped like the XML characters. */
function escapeHdml(text: string): string {
  return text.replace(/[&<>"$]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', $: '&dol;' })[char]!);
}

/**
 * HDML 3.0 for UP.Browser 3–5 (au's WAP 1.0 handsets), which cannot show HTML: one display card of
 * text and links. These handsets get no app, so pages for them carry no i-appli link, form or image.
 */
export function hdml(page: Page, context: RenderContext): string {
  const lines = page.blocks.map((block) => {
    switch (block.kind) {
      case 'heading':
      case 'text':
        return `${escapeHdml(block.text)}<BR>`;
      case 'rule':
        return '<BR>';
      case 'link':
        return `<A TASK=GO DEST="${escapeHdml(withSession(block.href, context))}">${escapeHdml(block.label)}</A><BR>`;
      default:
        return '';
    }
  });
  return `<HDML VERSION=3.0 PUBLIC=TRUE TTL=0><DISPLAY TITLE="${escapeHdml(page.title)}">${lines.join('')}</DISPLAY></HDML>`;
}
