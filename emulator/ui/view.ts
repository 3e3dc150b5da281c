import type { Key } from '../../handset/runtime.ts';
import type { Device } from '../catalog.ts';
import type { Network } from './net.ts';

/** One screenful of the phone: the shell draws its title and soft keys and forwards keys to it. */
export interface View {
  title: string;
  softkeys: [string, string];
  readonly content: HTMLElement;
  key(key: Key): void;
  type(text: string): void;
  focusedText(): string | null;
  /** The mini browser's address, when this view is a page. */
  url?: string;
  dispose?(): void;
  /** Redraws what depends on the clock (the token's code), so a reader never sees a stale screen. */
  sync?(): void;
}

/** What views may ask of the phone. */
export interface Shell {
  device: Device;
  mail: string;
  net: Network;
  now(): number;
  show(view: View): void;
  /** Redraws title and soft keys after a view changed them. */
  refresh(): void;
  home(): void;
  browse(url: string): void;
  install(url: string): void;
}

export function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Focus moving between `[data-focusable]` elements with the d-pad, as on a handset. */
export class FocusRing {
  index = 0;
  constructor(private readonly root: HTMLElement) {}

  items(): HTMLElement[] {
    return [...this.root.querySelectorAll<HTMLElement>('[data-focusable]')];
  }

  current(): HTMLElement | null {
    return this.items()[this.index] ?? null;
  }

  move(step: number): void {
    const count = this.items().length;
    if (count) this.index = Math.min(count - 1, Math.max(0, this.index + step));
    this.paint();
  }

  focusOn(node: HTMLElement): void {
    const at = this.items().indexOf(node);
    if (at >= 0) this.index = at;
    this.paint();
  }

  paint(): void {
    this.items().forEach((node, at) => node.classList.toggle('focused', at === this.index));
    this.current()?.scrollIntoView({ block: 'nearest' });
  }
}

export interface Entry {
  label: string;
  action: () => void;
}

/** A numbered menu: d-pad + select, or the entry's digit. */
export class ListView implements View {
  readonly content = element('div');
  private readonly ring = new FocusRing(this.content);
  private readonly actions: Array<() => void> = [];

  constructor(
    readonly title: string,
    entries: Entry[],
    private readonly back: () => void,
    intro: string[] = [],
    readonly softkeys: [string, string] = ['戻る', ''],
  ) {
    for (const line of intro) this.content.append(element('p', line));
    entries.forEach((entry, at) => {
      const node = element('p', at < 9 ? `${at + 1} ${entry.label}` : entry.label);
      node.dataset.focusable = '';
      node.addEventListener('click', () => entry.action());
      this.actions.push(entry.action);
      this.content.append(node);
    });
    this.ring.paint();
  }

  key(key: Key): void {
    if (key === 'up' || key === 'down') return this.ring.move(key === 'up' ? -1 : 1);
    if (key === 'select') return this.actions[this.ring.index]?.();
    if (/^[1-9]$/.test(key)) return this.actions[Number(key) - 1]?.();
    if (key === 'soft1' || key === 'clear') return this.back();
  }

  type(): void {}

  focusedText(): string | null {
    return this.ring.current()?.textContent ?? null;
  }

  focusedIndex(): number {
    return this.ring.index;
  }
}
