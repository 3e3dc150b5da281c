import type { TokenApp } from '../../handset/app.ts';
import type { TokenPackage } from '../../handset/main.ts';
import { copyToClipboard } from '../../handset/dom.ts';
import type { Key, Runtime } from '../../handset/runtime.ts';
import { checkDescriptor, checkPackage } from '../descriptor.ts';
import { decodeBody } from './net.ts';
import { element, ListView, type Shell, type View } from './view.ts';

export interface InstalledApp {
  id: string;
  name: string;
  /** The package URL: the app may only talk to this host. */
  packageUrl: string;
  code: string;
  /** From the descriptor: the app's start-up parameter (business mode). */
  serviceId?: string;
}

/** Installed apps and their ScratchPads, per device in localStorage (they survive a reload). */
export class AppStore {
  constructor(private readonly device: string) {}

  list(): InstalledApp[] {
    try {
      return JSON.parse(localStorage.getItem(`emu:${this.device}:apps`) ?? '[]') as InstalledApp[];
    } catch {
      return [];
    }
  }

  save(apps: InstalledApp[]): void {
    localStorage.setItem(`emu:${this.device}:apps`, JSON.stringify(apps));
  }

  add(app: InstalledApp): void {
    this.save([...this.list().filter((other) => other.name !== app.name), app]);
  }

  remove(id: string): void {
    this.save(this.list().filter((app) => app.id !== id));
    localStorage.removeItem(this.padKey(id));
  }

  padKey(id: string): string {
    return `emu:${this.device}:sp:${id}`;
  }
}

function message(shell: Shell, title: string, text: string, next: () => void): View {
  return new ListView(title, [{ label: 'OK', action: next }], next, [text]);
}

/** Descriptor → checks → package → size check → install, with the phone's messages. */
export async function installFrom(shell: Shell, store: AppStore, url: string): Promise<View> {
  const type = /\.jad(?:[?#]|$)/.test(new URL(url).pathname) ? 'jad' : 'jam';
  const fail = (text: string) => message(shell, 'ダウンロード', text, () => shell.home());
  try {
    const descriptor = await shell.net.fetch(url);
    const text = decodeBody(descriptor.bytes, descriptor.contentType, type === 'jam' ? 'shift_jis' : 'utf-8');
    if (descriptor.status !== 200) return fail(text || 'ダウンロードできませんでした。');
    const checked = checkDescriptor(type, text, descriptor.url, shell.device.java);
    if (!checked.ok) return fail(checked.message);
    const pkg = await shell.net.fetch(checked.value.packageUrl);
    if (pkg.status !== 200) return fail('ダウンロードできませんでした。');
    const bytes = checkPackage(checked.value, pkg.bytes);
    if (!bytes.ok) return fail(bytes.message);
    const app: InstalledApp = {
      id: `app-${Date.now().toString(36)}`,
      name: checked.value.name,
      packageUrl: checked.value.packageUrl,
      code: new TextDecoder().decode(bytes.value),
      ...(checked.value.serviceId ? { serviceId: checked.value.serviceId } : {}),
    };
    store.add(app);
    return new ListView('ダウンロード完了', [{ label: '起動する', action: () => shell.show(launch(shell, store, app)) }, { label: '終了', action: () => shell.home() }], () => shell.home(), [
      `${app.name}のダウンロードが完了しました。`,
    ]);
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'ダウンロードできませんでした。');
  }
}

/** アプリ一覧: select launches, soft2 deletes (after confirmation). */
export function appList(shell: Shell, store: AppStore): View {
  const apps = store.list();
  const view = new ListView(
    'アプリ',
    apps.map((app) => ({ label: app.name, action: () => shell.show(launch(shell, store, app)) })),
    () => shell.home(),
    apps.length ? [] : ['アプリはありません。'],
    ['戻る', apps.length ? '削除' : ''],
  );
  const key = view.key.bind(view);
  view.key = (pressed: Key) => {
    if (pressed !== 'soft2' || !apps.length) return key(pressed);
    const app = apps[view.focusedIndex()];
    if (!app) return;
    shell.show(
      new ListView('削除', [
        { label: 'はい', action: () => (store.remove(app.id), shell.show(appList(shell, store))) },
        { label: 'いいえ', action: () => shell.show(appList(shell, store)) },
      ], () => shell.show(appList(shell, store)), [`${app.name}を削除しますか？`]),
    );
  };
  return view;
}

/** Runs an installed package with the emulator's runtime. */
export function launch(shell: Shell, store: AppStore, installed: InstalledApp): View {
  const content = element('div');
  const host = new URL(installed.packageUrl);
  const runtime: Runtime = {
    render(screen) {
      draw(screen);
    },
    readScratchPad: () => localStorage.getItem(store.padKey(installed.id)),
    writeScratchPad: (value) => (value === null ? localStorage.removeItem(store.padKey(installed.id)) : localStorage.setItem(store.padKey(installed.id), value)),
    async post(path, form) {
      const target = new URL(path, host);
      if (target.host !== host.host) throw new Error('接続先が許可されていません。');
      const response = await shell.net.fetch(target.href, 'POST', new URLSearchParams(form).toString());
      return { status: response.status, body: decodeBody(response.bytes, response.contentType) };
    },
    now: () => shell.now(),
    param: (name) => (name === 'serviceId' ? (installed.serviceId ?? null) : null),
    copy: copyToClipboard,
    exit: () => shell.home(),
  };
  const pkg = loadPackage(installed.code);
  function draw(screen: Parameters<Runtime['render']>[0]) {
    pkg?.renderScreen(content, screen);
    view.title = screen.title;
    view.softkeys = screen.softkeys;
    shell.refresh();
  }
  const view: View = {
    title: installed.name,
    softkeys: ['', ''],
    content,
    key: (key) => app?.key(key),
    type: (text) => app?.input(text),
    focusedText: () => content.querySelector('.focused')?.textContent ?? null,
    dispose: () => clearInterval(timer),
  };
  let app: TokenApp | undefined;
  if (!pkg) {
    content.append(element('p', 'アプリを起動できません。'));
    return view;
  }
  app = pkg.createTokenApp(runtime);
  const timer = setInterval(() => app?.tick(), 1000);
  return view;
}

function loadPackage(code: string): TokenPackage | null {
  try {
    // The package is the gateway's own bundle, fetched through the gateway's proxy.
    new Function(code)();
    return (globalThis as { ketaiToken?: TokenPackage }).ketaiToken ?? null;
  } catch {
    return null;
  }
}
