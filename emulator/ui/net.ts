import type { ProxyResponse } from '../proxy.ts';

export type Fetched = ProxyResponse & { bytes: Uint8Array };

/** One request the handset made, as the inspector shows it: the answer, or why the proxy refused it. */
export interface Exchange {
  method: 'GET' | 'POST';
  url: string;
  body?: string;
  response?: Fetched;
  error?: string;
  /** Warnings known before the answer (a form post that lost characters). */
  notes: string[];
}

type Jar = Record<string, Record<string, string>>;

/**
 * Fetches through the gateway proxy as the current device. The cookie jar lives in localStorage per
 * device and per origin (a tester's site never gets the gateway's cookies); every exchange is reported.
 */
export class Network {
  constructor(private readonly device: string, private readonly onExchange: (exchange: Exchange) => void = () => undefined) {}

  private get jarKey() {
    return `emu:${this.device}:cookies`;
  }

  private jar(): Jar {
    try {
      const jar = JSON.parse(localStorage.getItem(this.jarKey) ?? '{}') as Jar;
      // A jar from before cookies were kept per origin holds strings: start afresh.
      return Object.values(jar).every((cookies) => typeof cookies === 'object' && cookies !== null) ? jar : {};
    } catch {
      return {};
    }
  }

  async fetch(url: string, method: 'GET' | 'POST' = 'GET', body?: string, notes: string[] = []): Promise<Fetched> {
    const exchange: Exchange = { method, url, ...(body !== undefined ? { body } : {}), notes };
    try {
      const response = await this.send(url, method, body);
      exchange.response = response;
      exchange.url = response.url;
      return response;
    } catch (error) {
      exchange.error = error instanceof Error ? error.message : String(error);
      throw error;
    } finally {
      this.onExchange(exchange);
    }
  }

  private async send(url: string, method: 'GET' | 'POST', body?: string): Promise<Fetched> {
    const jar = this.jar();
    const origin = new URL(url, location.href).origin;
    const cookies = (jar[origin] ??= {});
    const cookie = Object.entries(cookies).map(([name, value]) => `${name}=${value}`).join('; ');
    let response: Response;
    try {
      response = await fetch('/emulator/proxy', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ device: this.device, url, method, ...(body !== undefined ? { body } : {}), ...(cookie ? { cookie } : {}) }),
      });
    } catch {
      throw new Error('通信エラーが発生しました。');
    }
    const data = (await response.json().catch(() => ({}))) as ProxyResponse & { error?: string };
    if (!response.ok) throw new Error(data.error ?? '通信エラーが発生しました。');
    for (const line of data.setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      if (attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute))) delete cookies[name];
      else cookies[name] = pair.slice(at + 1).trim();
    }
    localStorage.setItem(this.jarKey, JSON.stringify(jar));
    const bytes = Uint8Array.from(atob(data.body), (char) => char.charCodeAt(0));
    return { ...data, bytes };
  }
}

/** The response charset; `fallback` for types whose default is not UTF-8 (an i-appli ADF is Shift_JIS). */
export function charsetOf(contentType: string, fallback = 'utf-8'): string {
  const charset = /charset=([^;\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? fallback;
  return /shift[_-]?jis|sjis|x-sjis|windows-31j|cp932/.test(charset) ? 'shift_jis' : charset;
}

export function decodeBody(bytes: Uint8Array, contentType: string, fallback?: string): string {
  try {
    return new TextDecoder(charsetOf(contentType, fallback)).decode(bytes);
  } catch {
    return new TextDecoder().decode(bytes);
  }
}
