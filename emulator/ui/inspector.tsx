/** @jsxImportSource jsx-dom */
import type { Device } from '../catalog.ts';
import type { InspectedRequest } from '../driver/handset.ts';
import { budgetFor, kb, responseWarnings } from '../inspect.ts';
import { charsetOf, type Exchange } from './net.ts';

const MAX_ENTRIES = 100;

/** The browser's XML parser decides well-formedness, as the handset's XHTML parser would. */
function xmlError(text: string): string | null {
  const error = new DOMParser().parseFromString(text, 'application/xhtml+xml').querySelector('parsererror');
  return error ? (error.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200) : null;
}

/** The request inspector: every request the mini browser or an app made, newest first. */
export class Inspector {
  readonly element = (<div class="inspector-list" />) as HTMLElement;
  readonly entries: InspectedRequest[] = [];

  constructor(private readonly device: Device) {}

  add(exchange: Exchange): void {
    const { response } = exchange;
    const contentType = response?.contentType ?? '';
    const charset = response ? charsetOf(contentType, /x-jam/.test(contentType) ? 'shift_jis' : 'utf-8') : null;
    const budget = budgetFor(this.device, contentType, exchange.url);
    const warnings = [...exchange.notes, ...(response ? responseWarnings(this.device, exchange.url, { contentType, charset: charset!, bytes: response.bytes, markup: response.markup }, xmlError) : [])];
    const entry: InspectedRequest = {
      method: exchange.method,
      url: exchange.url,
      status: response?.status ?? null,
      error: exchange.error ?? null,
      sent: response?.sent.headers ?? {},
      received: response?.headers ?? {},
      charset,
      bytes: response?.bytes.length ?? null,
      budget: budget.bytes,
      warnings,
    };
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.shift();
    this.element.prepend(this.render(entry, exchange, budget.label));
    while (this.element.children.length > MAX_ENTRIES) this.element.lastElementChild!.remove();
  }

  clear(): void {
    this.entries.length = 0;
    this.element.replaceChildren();
  }

  private render(entry: InspectedRequest, exchange: Exchange, budgetLabel: string): HTMLElement {
    // The gateway's own pages by path; a tester's site (or a refused host) in full.
    const path = entry.url.startsWith(`${location.origin}/`) ? entry.url.slice(location.origin.length) : entry.url;
    const over = entry.bytes !== null && entry.bytes > entry.budget;
    return (
      <details class={`inspector-entry${entry.warnings.length ? ' warned' : ''}${entry.error ? ' refused' : ''}`} data-url={entry.url} data-status={String(entry.status ?? 'refused')}>
        <summary>
          <span class="method">{entry.method}</span> <span class="status">{entry.status ?? '拒否'}</span> <span class="path" title={entry.url}>{path}</span>
          {entry.bytes !== null ? <span class={over ? 'size over' : 'size'}> {kb(entry.bytes)}/{kb(entry.budget)}</span> : null}
          {entry.warnings.length ? <span class="badge">⚠{entry.warnings.length}</span> : null}
        </summary>
        {entry.error ? <p class="error" data-field="error">{entry.error}</p> : null}
        {entry.warnings.length ? <ul class="warnings">{entry.warnings.map((warning) => <li class="warning">{warning}</li>)}</ul> : null}
        <dl class="facts">
          <dt>URL</dt><dd data-field="url">{entry.url}</dd>
          {entry.charset ? [<dt>文字コード</dt>, <dd data-field="charset">{entry.charset}</dd>] : null}
          {entry.bytes !== null ? [<dt>{budgetLabel}</dt>, <dd data-field="bytes">{`${entry.bytes.toLocaleString()} / ${entry.budget.toLocaleString()} バイト`}</dd>] : null}
          {exchange.body !== undefined ? [<dt>送信データ</dt>, <dd data-field="body">{exchange.body}</dd>] : null}
        </dl>
        {headerTable('送信ヘッダ', 'sent', entry.sent)}
        {headerTable('応答ヘッダ', 'received', entry.received)}
      </details>
    ) as HTMLElement;
  }
}

function headerTable(title: string, kind: string, headers: Record<string, string>): HTMLElement | null {
  const names = Object.keys(headers);
  if (!names.length) return null;
  return (
    <table class="headers" data-headers={kind}>
      <caption>{title}</caption>
      {names.map((name) => (
        <tr>
          <th>{name}</th>
          <td>{headers[name]}</td>
        </tr>
      ))}
    </table>
  ) as HTMLElement;
}
