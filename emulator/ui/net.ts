import type { ProxyResponse } from '../proxy.ts';

/** Fetches through the gateway proxy as the current device; the cookie jar lives in localStorage per device. */
export class Network {
  constructor(private readonly device: string) {}

  private get jarKey() {
    return `emu:${this.device}:cookies`;
  }

  private jar(): Record<string, string> {
    try {
      return JSON.parse(localStorage.getItem(this.jarKey) ?? '{}') as Record<string, string>;
    } catch {
      return {};
    }
  }

  async fetch(url: string, method: 'GET' | 'POST' = 'GET', body?: string): Promise<ProxyResponse & { bytes: Uint8Array }> {
    const jar = this.jar();
    const cookie = Object.entries(jar).map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await fetch('/emulator/proxy', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ device: this.device, url, method, ...(body !== undefined ? { body } : {}), ...(cookie ? { cookie } : {}) }),
    });
    const data = (await response.json()) as ProxyResponse & { error?: string };
    if (!response.ok) throw new Error(data.error ?? '通信エラーが発生しました。');
    for (const line of data.setCookies) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      if (at <= 0) continue;
      const name = pair.slice(0, at).trim();
      if (attributes.some((attribute) => /^\s*max-age\s*=\s*0\s*$/i.test(attribute))) delete jar[name];
      else jar[name] = pair.slice(at + 1).trim();
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
