import type { Key } from '../../handset/runtime.ts';
import { decodePage, encodeShiftJisFor } from '../pictograms.ts';
import { formWarnings } from '../inspect.ts';
import { charsetOf, decodeBody } from './net.ts';
import { element, FocusRing, type Shell, type View } from './view.ts';

const KEEP = new Set(['p', 'div', 'span', 'br', 'hr', 'center', 'font', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'tbody', 'b', 'strong', 'em', 'small', 'blink', 'marquee', 'pre', 'label']);
const SKIP = new Set(['script', 'style', 'head', 'title', 'meta', 'link', 'object', 'iframe', 'noscript', 'template']);
const DESCRIPTOR = /\.(jam|jad)(?:[?#]|$)/;
const MAX_REDIRECTS = 5;

/** The mini browser: one page at the device's width, fetched through the proxy as the device. */
export class BrowserView implements View {
  title = 'ブラウザ';
  softkeys: [string, string] = ['戻る', 'ホーム'];
  readonly content = element('div');
  url = '';
  private readonly ring = new FocusRing(this.content);
  private charset = 'utf-8';
  private readonly history: string[] = [];

  constructor(private readonly shell: Shell) {}

  async open(url: string, method: 'GET' | 'POST' = 'GET', body?: string, redirects = 0, notes: string[] = []): Promise<void> {
    if (DESCRIPTOR.test(new URL(url, location.href).pathname)) return this.shell.install(url);
    // The title says so while loading: a script waiting for the next page's title never sees the last one's.
    this.title = '読込中…';
    this.message('読込中…');
    let response;
    try {
      response = await this.shell.net.fetch(url, method, body, notes);
    } catch (error) {
      this.title = '通信エラー';
      return this.message(error instanceof Error ? error.message : '通信エラーが発生しました。');
    }
    if (response.status >= 300 && response.status < 400 && response.location && redirects < MAX_REDIRECTS) {
      return this.open(new URL(response.location, response.url).href, 'GET', undefined, redirects + 1);
    }
    if (/x-jam|app-descriptor/.test(response.contentType)) return this.shell.install(response.url);
    if (this.url && this.url !== response.url) this.history.push(this.url);
    this.url = response.url;
    this.charset = charsetOf(response.contentType);
    const text = decodePage(response.bytes, response.contentType, this.shell.device.carrier);
    if (/html/.test(response.contentType)) {
      if (response.bytes.length > this.shell.device.cacheBytes) {
        this.title = 'ブラウザ';
        return this.message('ページの容量が大きすぎるため表示できません。');
      }
      this.render(new DOMParser().parseFromString(text, 'text/html'));
    } else {
      this.title = String(response.status);
      this.content.replaceChildren(element('pre', text));
    }
    this.shell.refresh();
  }

  private message(text: string): void {
    this.content.replaceChildren(element('p', text));
    this.shell.refresh();
  }

  private render(doc: Document): void {
    this.title = doc.title || 'ブラウザ';
    const objects = new Map<string, string>();
    for (const object of doc.querySelectorAll('object[id][data]')) objects.set(object.id, object.getAttribute('data')!);
    const out = element('div');
    this.copy(doc.body, out, objects);
    this.content.replaceChildren(out);
    this.ring.index = 0;
    this.ring.paint();
  }

  /** Rebuilds the page from an allow-list: no scripts, no styles beyond the handset's own, links and forms kept. */
  private copy(from: Node, to: HTMLElement, objects: Map<string, string>): void {
    for (const node of from.childNodes) {
      if (node.nodeType === Node.TEXT_NODE) {
        to.append(node.textContent ?? '');
        continue;
      }
      if (!(node instanceof Element)) continue;
      const tag = node.tagName.toLowerCase();
      if (SKIP.has(tag)) continue;
      if (tag === 'a') {
        const link = element('a');
        const ijam = node.getAttribute('ijam')?.replace(/^#/, '');
        const target = (ijam && objects.get(ijam)) || node.getAttribute('href');
        if (target) {
          link.dataset.href = new URL(target, this.url).href;
          link.dataset.focusable = '';
          link.addEventListener('click', () => this.follow(link));
        }
        const key = node.getAttribute('accesskey');
        if (key) link.dataset.accesskey = key;
        this.copy(node, link, objects);
        to.append(link);
      } else if (tag === 'form') {
        const form = element('form');
        form.dataset.action = new URL(node.getAttribute('action') ?? this.url, this.url).href;
        form.dataset.method = (node.getAttribute('method') ?? 'get').toLowerCase();
        this.copy(node, form, objects);
        to.append(form);
      } else if (tag === 'input' || tag === 'select' || tag === 'textarea' || tag === 'button') {
        to.append(this.field(node));
      } else if (tag === 'img') {
        to.append(node.getAttribute('alt') ?? '');
      } else {
        const copy = element((KEEP.has(tag) ? tag : 'span') as 'span');
        if (tag === 'font' && node.getAttribute('color')) copy.style.color = node.getAttribute('color')!;
        if (node.getAttribute('data-otp') !== null) copy.setAttribute('data-otp', node.getAttribute('data-otp')!);
        this.copy(node, copy, objects);
        to.append(copy);
      }
    }
  }

  private field(node: Element): HTMLElement {
    const tag = node.tagName.toLowerCase();
    const type = (node.getAttribute('type') ?? (tag === 'button' ? 'submit' : 'text')).toLowerCase();
    const copy = document.createElement(tag === 'button' ? 'input' : tag) as HTMLInputElement;
    for (const name of ['name', 'value', 'maxlength', 'size', 'checked', 'accesskey']) {
      const value = node.getAttribute(name);
      if (value !== null) copy.setAttribute(name, value);
    }
    if (tag === 'button') copy.value = node.textContent ?? '';
    if (tag !== 'select') copy.setAttribute('type', type);
    if (tag === 'select') copy.innerHTML = node.innerHTML;
    if (tag === 'textarea') copy.value = node.textContent ?? '';
    copy.readOnly = true;
    if (type !== 'hidden') copy.dataset.focusable = '';
    if (type === 'submit') copy.addEventListener('click', (event) => (event.preventDefault(), this.submit(copy)));
    return copy;
  }

  private follow(link: HTMLElement): void {
    const href = link.dataset.href;
    if (href) void this.open(href);
  }

  private submit(button: HTMLInputElement): void {
    const form = button.closest('form');
    if (!form) return;
    const pairs: Array<[string, string]> = [];
    for (const field of form.querySelectorAll<HTMLInputElement>('input[name],select[name],textarea[name]')) {
      if ((field.type === 'checkbox' || field.type === 'radio') && !field.checked) continue;
      if (field.type === 'submit' && field !== button) continue;
      pairs.push([field.name, field.value]);
    }
    const body = pairs.map(([name, value]) => `${this.encode(name)}=${this.encode(value)}`).join('&');
    const action = form.dataset.action!;
    if (form.dataset.method === 'post') void this.open(action, 'POST', body, 0, formWarnings(pairs.flat(), body, this.charset));
    else {
      const url = new URL(action);
      url.search = body;
      void this.open(url.href);
    }
  }

  /** Form values go out in the page's charset, as the handset's browser sends them. */
  private encode(text: string): string {
    if (this.charset !== 'shift_jis') return encodeURIComponent(text);
    return [...encodeShiftJisFor(text, this.shell.device.carrier)]
      .map((byte) => (/[A-Za-z0-9*\-._]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
      .join('');
  }

  key(key: Key): void {
    const focused = this.ring.current();
    if (key === 'up' || key === 'down') return this.ring.move(key === 'up' ? -1 : 1);
    if (focused instanceof HTMLInputElement && /^(text|password|number|tel)$/.test(focused.type)) {
      if (/^[0-9*#]$/.test(key)) return void (focused.value += key);
      if (key === 'clear') return void (focused.value = focused.value.slice(0, -1));
    }
    if (/^[0-9*#]$/.test(key)) {
      const target = this.content.querySelector<HTMLElement>(`[data-accesskey="${key}"], [accesskey="${key}"]`);
      if (target) return this.activate(target);
    }
    if (key === 'select' && focused) return this.activate(focused);
    if (key === 'soft1' || key === 'clear') {
      const previous = this.history.pop();
      if (previous) {
        this.url = '';
        return void this.open(previous);
      }
      return this.shell.home();
    }
    if (key === 'soft2') return this.shell.home();
  }

  private activate(node: HTMLElement): void {
    if (node instanceof HTMLInputElement) {
      if (node.type === 'submit') return this.submit(node);
      if (node.type === 'checkbox') return void (node.checked = !node.checked);
      if (node.type === 'radio') return void (node.checked = true);
      return this.ring.focusOn(node);
    }
    this.follow(node);
  }

  type(text: string): void {
    const focused = this.ring.current();
    if (focused instanceof HTMLInputElement || focused instanceof HTMLTextAreaElement) focused.value = text;
  }

  focusedText(): string | null {
    const focused = this.ring.current();
    if (focused instanceof HTMLInputElement) return focused.type === 'password' ? '*'.repeat(focused.value.length) : focused.value || focused.name;
    return focused?.textContent ?? null;
  }
}
