/** Anything with Hono's `request`: the app itself, so tests run the real routes without a socket. */
export interface RequestTarget {
  request(input: string, init?: RequestInit): Response | Promise<Response>;
}

export interface Page {
  status: number;
  url: string;
  html: string;
  screen: string | null;
  location: string | null;
}

const decode = (text: string) =>
  text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/**
 * A minimal browser for integration tests: keeps cookies, follows redirects, and sends the
 * page's CSRF token with each form, as a real browser session would.
 */
export class PortalClient {
  readonly cookies = new Map<string, string>();
  page: Page = { status: 0, url: '', html: '', screen: null, location: null };

  constructor(private readonly app: RequestTarget) {}

  get(path: string): Promise<Page> {
    return this.#go(path, { method: 'GET' });
  }

  /** Posts a form; `_csrf` comes from the current page unless given. */
  post(path: string, fields: Record<string, string>, options: { follow?: boolean } = {}): Promise<Page> {
    const body = new URLSearchParams({ _csrf: this.csrf() ?? '', ...fields });
    return this.#go(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }, options.follow ?? true);
  }

  csrf(): string | null {
    return /name="_csrf" value="([^"]*)"/.exec(this.page.html)?.[1] ?? null;
  }

  /** The value of a hidden or text input on the current page. */
  input(name: string): string | null {
    const match = new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(this.page.html);
    return match ? decode(match[1]!) : null;
  }

  field(name: string): string | null {
    const match = new RegExp(`data-field="${name}"[^>]*>([^<]*)<`).exec(this.page.html);
    return match ? decode(match[1]!) : null;
  }

  fieldError(name: string): string | null {
    const match = new RegExp(`data-field-error="${name}"[^>]*>([^<]*)<`).exec(this.page.html);
    return match ? decode(match[1]!) : null;
  }

  messages(): string[] {
    return [...this.page.html.matchAll(/class="message-(?:error|notice)"[^>]*>([^<]*)</g)].map((m) => decode(m[1]!));
  }

  /** Whether the button with this label is on the page and enabled. */
  buttonEnabled(label: string): boolean | null {
    const match = new RegExp(`<button([^>]*)>${label}</button>`).exec(this.page.html);
    if (!match) return null;
    return !/\bdisabled\b/.test(match[1]!);
  }

  async #go(path: string, init: RequestInit, follow = true): Promise<Page> {
    let url = path;
    let request = init;
    for (let hops = 0; hops < 6; hops++) {
      const headers = new Headers(request.headers);
      if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
      const response = await this.app.request(`http://bank.test${url}`, { ...request, headers });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const [name, value] = pair!.split('=') as [string, string];
        this.cookies.set(name, value);
      }
      const location = response.headers.get('location');
      if (follow && location && response.status >= 300 && response.status < 400) {
        const next = new URL(location, 'http://bank.test');
        url = next.pathname + next.search;
        request = { method: 'GET' };
        continue;
      }
      const html = await response.text();
      this.page = { status: response.status, url, html, screen: /data-screen="([^"]+)"/.exec(html)?.[1] ?? null, location };
      return this.page;
    }
    throw new Error(`too many redirects from ${path}`);
  }
}
