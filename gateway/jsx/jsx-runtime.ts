import type { HtmlEscapedString } from 'hono/utils/html';

// hono/jsx's types: the portal's components are written against them (`FC`, `Child`, `JSX.Element`).
export type { JSX } from 'hono/jsx/jsx-runtime';

/**
 * The portal's JSX runtime: each element becomes its HTML string at once, with hono/jsx's markup
 * byte for byte (test/portal-markup.test.ts keeps it so). hono/jsx renders every page inside an
 * AsyncLocalStorage; on Node 20 the first such render hooks every promise the process creates from
 * then on, which taxes every later request (×1.1–1.3). The screens are synchronous and use no
 * context, so plain strings lose nothing. A rendered element is a small `Markup` object (the
 * `isEscaped` mark hono's types and `raw()` use), not a `String` object: pages are built on every
 * request, so the runtime avoids allocating more than the strings themselves.
 */
export function jsx(tag: string | Component, props: Props): HtmlEscapedString {
  if (typeof tag === 'function') return markup(html(tag(props)));
  let out = `<${tag}`;
  for (const name in props) {
    if (name !== 'children') out += attribute(RENAMED[name] ?? name, props[name]);
  }
  const children = props.children;
  if (children === undefined || (Array.isArray(children) && children.length === 0)) return markup(VOID.has(tag) ? `${out}/>` : `${out}></${tag}>`);
  return markup(`${out}>${html(children)}</${tag}>`);
}

export { jsx as jsxs, jsx as jsxDEV };

export function Fragment(props: { children?: unknown }): HtmlEscapedString {
  return markup(html(props.children));
}

type Props = Record<string, unknown> & { children?: unknown };
type Component = (props: Props) => unknown;

/** Rendered HTML; `${element}` gives its text, as for hono's escaped strings. */
class Markup {
  readonly isEscaped = true;
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const markup = (value: string) => new Markup(value) as unknown as HtmlEscapedString;

/** The React names hono/jsx writes as HTML attributes. */
const RENAMED: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  crossOrigin: 'crossorigin',
  httpEquiv: 'http-equiv',
  itemProp: 'itemprop',
  fetchPriority: 'fetchpriority',
  noModule: 'nomodule',
  formAction: 'formaction',
};

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Written as `name=""` when true and left out when false, as hono/jsx does. */
const BOOLEAN = new Set([
  'allowfullscreen', 'async', 'autofocus', 'autoplay', 'checked', 'controls', 'default', 'defer', 'disabled', 'download',
  'formnovalidate', 'hidden', 'inert', 'ismap', 'itemscope', 'loop', 'multiple', 'muted', 'nomodule', 'novalidate',
  'open', 'playsinline', 'readonly', 'required', 'reversed', 'selected',
]);

const VALID_NAME = /^[^\s"'<>/=`\\\x00-\x1f\x7f-\x9f]+$/;
/** Attribute names already checked: the screens use a few dozen, on every page. */
const validNames = new Set<string>();

function attribute(name: string, value: unknown): string {
  if (name === 'key' || name === 'ref' || value === null || value === undefined) return '';
  if (!validNames.has(name)) {
    if (!VALID_NAME.test(name)) return '';
    validNames.add(name);
  }
  if (typeof value === 'string') return ` ${name}="${escape(value)}"`;
  if (typeof value === 'boolean' && BOOLEAN.has(name)) return value ? ` ${name}=""` : '';
  if (typeof value === 'function') {
    if (name.startsWith('on')) return '';
    throw new Error(`Invalid prop '${name}' of type 'function'`);
  }
  if (typeof value === 'object' && !isEscaped(value)) throw new Error(`the portal's JSX takes no object for attribute '${name}'`);
  return ` ${name}="${typeof value === 'number' || isEscaped(value) ? String(value) : escape(String(value))}"`;
}

/** Children as HTML: text escaped, markup as it is, null / booleans left out, arrays flattened. */
function html(value: unknown): string {
  if (typeof value === 'string') return escape(value);
  if (value === null || value === undefined || typeof value === 'boolean') return '';
  if (typeof value === 'number' || isEscaped(value)) return String(value);
  if (Array.isArray(value)) {
    let out = '';
    for (const item of value) out += html(item);
    return out;
  }
  if (value instanceof Promise) throw new Error('the portal renders synchronously: an async component is not supported');
  return escape(String(value));
}

function isEscaped(value: unknown): value is HtmlEscapedString {
  return typeof value === 'object' && value !== null && (value as { isEscaped?: boolean }).isEscaped === true;
}

const ENTITIES: Record<string, string> = { '"': '&quot;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const SPECIAL = /["'&<>]/;

/** Most text has nothing to escape: it is returned as it is, without a replace. */
function escape(text: string): string {
  return SPECIAL.test(text) ? text.replace(/["'&<>]/g, (char) => ENTITIES[char]!) : text;
}
