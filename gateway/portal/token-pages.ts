import type { JSX } from 'hono/jsx/jsx-runtime';

/** Stands in for the CSRF token while a page is rendered for the cache: plain letters, which no escaping changes. */
const MARK = 'KetaiCsrfTokenMarkQ7vX2';
/** Tokens put in as they are: characters no escaping changes (CSRF tokens are base36 + base64url). */
const PLAIN = /^[A-Za-z0-9._-]*$/;
/** Pages per portal: banks × font sizes; more means something keys them wrongly. */
const LIMIT = 64;

/**
 * Pages that differ between visitors only by their CSRF token (the login page of an anonymous
 * visitor, the front door of the bank) are rendered once per `key` and then only get the visitor's
 * token put in. `key` must name everything else the page shows (bank name, font size).
 */
export class TokenPages {
  readonly #pages = new Map<string, [before: string, after: string] | null>();

  async render(key: string, csrf: string, page: (csrf: string) => JSX.Element): Promise<string> {
    if (!PLAIN.test(csrf)) return `${await page(csrf)}`;
    let parts = this.#pages.get(key);
    if (parts === undefined) {
      const marked = `${await page(MARK)}`;
      const split = marked.split(MARK);
      // The token once, or the page is not one of these: render it every time.
      parts = split.length === 2 ? [split[0]!, split[1]!] : null;
      if (this.#pages.size >= LIMIT) this.#pages.clear();
      this.#pages.set(key, parts);
    }
    return parts ? parts[0] + csrf + parts[1] : `${await page(csrf)}`;
  }
}
