import type { Screen } from './runtime.ts';

/** Draws a token-app screen into `root`: plain DOM, so the same code serves the emulator and the web token. */
export function renderScreen(root: HTMLElement, screen: Screen): void {
  const doc = root.ownerDocument;
  const el = (tag: string, className: string, text?: string) => {
    const node = doc.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const body = el('div', 'app-body');
  let nav: HTMLElement | undefined;
  screen.items.forEach((item, index) => {
    const focused = index === screen.focus;
    let node: HTMLElement;
    switch (item.kind) {
      case 'text':
        node = el('p', 'app-text', item.text);
        break;
      case 'otp':
        node = el('p', 'app-otp', item.code);
        node.setAttribute('data-otp', item.code);
        break;
      case 'field': {
        node = el('label', 'app-field');
        node.append(el('span', 'app-label', item.label));
        node.append(el('span', 'app-input', item.secret ? '*'.repeat(item.value.length) : item.value));
        node.dataset.field = item.name;
        break;
      }
      case 'check':
        node = el('p', 'app-check', `${item.checked ? '☑' : '☐'} ${item.label}`);
        break;
      case 'button':
        node = el('p', 'app-button', item.label);
        break;
    }
    if (focused) node.classList.add('focused');
    if (item.kind === 'button' && item.nav) {
      // The bottom bar: its entries side by side, one row.
      nav ??= body.appendChild(el('div', 'app-nav'));
      nav.append(node);
    } else body.append(node);
  });
  root.replaceChildren(el('div', 'app-title', screen.title), body);
  root.dataset.softkeys = JSON.stringify(screen.softkeys);
  body.querySelector('.focused')?.scrollIntoView({ block: 'nearest' });
}

/** The browser's clipboard for COPY: false when the page may not write to it. */
export async function copyToClipboard(text: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.clipboard) return false;
  return navigator.clipboard.writeText(text).then(
    () => true,
    () => false,
  );
}
