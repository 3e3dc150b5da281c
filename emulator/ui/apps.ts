import type { TokenApp } from '../../handset/app.ts';
import type { TokenPackage } from '../../handset/main.ts';
import { copyToClipboard } from '../../handset/dom.ts';
import type { Key, Runtime } from '../../handset/runtime.ts';
import { checkDescriptor, checkPackage, type AppDescriptor } from '../descriptor.ts';
import { decodeBody } from './net.ts';
import { element, ListView, type Shell, type View } from './view.ts';

export interface InstalledApp {
  id: string;
  name: string;
  /** The package URL: the app may only talk to this host. */
  packageUrl: string;
  /** The TypeScript twin to run, or null for a vendor's JAR (the emulator does not execute Java bytecode). */
  code: string | null;
  /** The issuance binding from the descriptor, sent with 初期設定. */
  binding?: string | null;
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

function message(title: string, text: string, next: () => void): View {
  return new ListView(title, [{ label: 'OK', action: next }], next, [text]);
}

function kilobytes(bytes: number): string {
  return `${Math.max(1, Math.ceil(bytes / 1024))}KB`;
}

/**
 * Descriptor → checks → 「ダウンロードしますか？」 with the size → package → size, ZIP and entry class
 * checks → install, with the phone's messages. The built-in app names its TypeScript twin in the
 * descriptor (`X-Ketai-Twin`); that script is what runs, the JAR itself is only checked.
 */
export async function installFrom(shell: Shell, store: AppStore, url: string): Promise<View> {
  const type = /\.jad(?:[?#]|$)/.test(new URL(url).pathname) ? 'jad' : 'jam';
  const fail = (text: string) => message('ダウンロード', text, () => shell.home());
  try {
    const response = await shell.net.fetch(url);
    const text = decodeBody(response.bytes, response.contentType, type === 'jam' ? 'shift_jis' : 'utf-8');
    if (response.status !== 200) return fail(text || 'ダウンロードできませんでした。');
    const checked = checkDescriptor(type, text, response.url, shell.device.java);
    if (!checked.ok) return fail(checked.message);
    const descriptor = checked.value;
    const download = () => {
      shell.show(new ListView('ダウンロード', [], () => shell.home(), ['ダウンロード中…']));
      void fetchPackage(shell, store, descriptor).catch((error: unknown) => fail(error instanceof Error ? error.message : 'ダウンロードできませんでした。')).then(shell.show);
    };
    return new ListView('ダウンロード', [{ label: 'はい', action: download }, { label: 'いいえ', action: () => shell.home() }], () => shell.home(), [
      descriptor.name,
      `サイズ ${kilobytes(descriptor.size)}`,
      'ダウンロードしますか？',
    ]);
  } catch (error) {
    return fail(error instanceof Error ? error.message : 'ダウンロードできませんでした。');
  }
}

async function fetchPackage(shell: Shell, store: AppStore, descriptor: AppDescriptor): Promise<View> {
  const fail = (text: string) => message('ダウンロード', text, () => shell.home());
  const pkg = await shell.net.fetch(descriptor.packageUrl);
  if (pkg.status !== 200) return fail('ダウンロードできませんでした。');
  const checked = checkPackage(descriptor, pkg.bytes);
  if (!checked.ok) return fail(checked.message);
  let code: string | null = null;
  if (descriptor.twinUrl) {
    const twin = await shell.net.fetch(descriptor.twinUrl);
    if (twin.status !== 200) return fail('ダウンロードできませんでした。');
    code = new TextDecoder().decode(twin.bytes);
  }
  const app: InstalledApp = {
    id: `app-${Date.now().toString(36)}`,
    name: descriptor.name,
    packageUrl: descriptor.packageUrl,
    code,
    binding: descriptor.binding,
    ...(descriptor.serviceId ? { serviceId: descriptor.serviceId } : {}),
  };
  store.add(app);
  return new ListView('ダウンロード完了', [{ label: '起動する', action: () => shell.show(launch(shell, store, app)) }, { label: '終了', action: () => shell.home() }], () => shell.home(), [
    `${app.name}のダウンロードが完了しました。`,
  ]);
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

/** Runs an installed app's TypeScript twin with the emulator's runtime. */
export function launch(shell: Shell, store: AppStore, installed: InstalledApp): View {
  const content = element('div');
  const host = new URL(installed.packageUrl);
  let app: TokenApp | undefined;
  // Declared before the view: a view whose app never started must still dispose cleanly.
  let timer: ReturnType<typeof setInterval> | undefined;
  const view: View = {
    title: installed.name,
    softkeys: ['', ''],
    content,
    key: (key) => app?.key(key),
    type: (text) => app?.input(text),
    focusedText: () => content.querySelector('.focused')?.textContent ?? null,
    dispose: () => clearInterval(timer),
    sync: () => app?.tick(),
  };
  if (installed.code === null) {
    content.append(element('p', 'このアプリはJavaで書かれています。エミュレータはJavaのプログラムを実行できないため、起動できません。'));
    return view;
  }
  const pkg = loadPackage(installed.code);
  if (!pkg) {
    content.append(element('p', 'アプリを起動できません。'));
    return view;
  }
  const runtime: Runtime = {
    render(screen) {
      pkg.renderScreen(content, screen);
      view.title = screen.title;
      view.softkeys = screen.softkeys;
      shell.refresh();
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
    binding: installed.binding ?? null,
    exit: () => shell.home(),
  };
  app = pkg.createTokenApp(runtime);
  timer = setInterval(() => app?.tick(), 1000);
  return view;
}

function loadPackage(code: string): TokenPackage | null {
  try {
    // The twin is the gateway's own bundle, fetched through the gateway's proxy.
    new Function(code)();
    return (globalThis as { ketaiToken?: TokenPackage }).ketaiToken ?? null;
  } catch {
    return null;
  }
}
