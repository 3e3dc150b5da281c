/** @jsxImportSource jsx-dom */
import { deserializeToken } from '../../handset/provision.ts';
import { isKey, type Key } from '../../handset/runtime.ts';
import { keyFromKeyboard } from '../../handset/web.ts';
import { findDevice } from '../catalog.ts';
import { scenarioSource, type RecordedStep } from '../recording.ts';
import { appList, AppStore, installFrom } from './apps.ts';
import { BrowserView } from './browser.ts';
import { addressBar, clockPanel, devicePicker, keyHints, recorderPanel } from './controls.tsx';
import { phoneFrame } from './phone.tsx';
import { Inspector } from './inspector.tsx';
import { openInbox } from './mail.ts';
import { Network } from './net.ts';
import { Recorder } from './recorder.ts';
import { element, ListView, type Shell, type View } from './view.ts';

const DEFAULT_DEVICE = 'docomo-sh905i';
const DEFAULT_PERIOD_SECONDS = 60;

async function main() {
  const params = new URLSearchParams(location.search);
  const requested = params.get('device');
  const device = findDevice(requested ?? DEFAULT_DEVICE);
  if (!device) {
    document.getElementById('emulator')!.replaceChildren(element('p', `端末「${requested}」はカタログにありません。`));
    return;
  }
  const mail = params.get('mail') || `tester@${device.mailDomain}`;
  const origins = (await fetch('/emulator/api/origins').then((response) => (response.ok ? response.json() : []), () => [])) as string[];
  let clockOffset = 0;
  let view: View;

  const { phone, title, content, left, right, time: phoneTime } = phoneFrame(device, press, home);

  const store = new AppStore(device.id);
  const inspector = new Inspector(device);
  const recorder = new Recorder(() => (sync(), { title: view.title, otp: currentCode() }), (count) => (recordCount.textContent = count ? `${count}件` : ''));
  const recordCount = element('span', '', 'record-count');
  const shell: Shell = {
    device,
    mail,
    net: new Network(device.id, (exchange) => inspector.add(exchange)),
    now: () => Date.now() + clockOffset,
    show(next) {
      view?.dispose?.();
      view = next;
      content.replaceChildren(next.content);
      shell.refresh();
    },
    refresh() {
      title.textContent = view.title;
      left.textContent = view.softkeys[0];
      right.textContent = view.softkeys[1];
      if (view.url) address.show(view.url.startsWith(`${location.origin}/`) ? view.url.slice(location.origin.length) : view.url);
    },
    home() {
      shell.show(
        new ListView('メニュー', [
          { label: 'メール', action: () => void openInbox(shell).then(shell.show, (error: Error) => shell.show(new ListView('メール', [], () => shell.home(), [error.message]))) },
          { label: 'アプリ', action: () => shell.show(appList(shell, store)) },
          { label: 'ブラウザ', action: () => shell.browse('/m/') },
        ], () => undefined, [], ['', '']),
      );
    },
    browse(url) {
      const browser = new BrowserView(shell);
      shell.show(browser);
      void browser.open(new URL(url, location.href).href);
    },
    install(url) {
      shell.show(new ListView('ダウンロード', [], () => shell.home(), ['ダウンロード中…']));
      void installFrom(shell, store, new URL(url, location.href).href).then(shell.show);
    },
  };

  /** Views that draw from the clock redraw now: what a caller reads is true at the call, timers or not. */
  function sync() {
    view.sync?.();
  }

  function currentCode(): string | null {
    return content.querySelector('[data-otp]')?.getAttribute('data-otp') ?? null;
  }

  function press(key: Key) {
    recorder.action({ kind: 'press', key });
    view.key(key);
  }

  function home() {
    recorder.action({ kind: 'home' });
    shell.home();
  }

  function open(url: string) {
    const target = new URL(url, location.href);
    // A gateway URL is recorded as a path: a scenario run has a gateway of its own on another port.
    recorder.action({ kind: 'open', url: target.origin === location.origin ? target.pathname + target.search : target.href });
    shell.browse(target.href);
  }

  function setClock(offsetMs: number) {
    clockOffset = Number(offsetMs) || 0;
    recorder.action({ kind: 'clock', offsetMs: clockOffset });
    sync();
    showTime();
  }

  /** The token's period from an installed token app's ScratchPad; otherwise the personal bank's 60 s. */
  function period(): number {
    for (const app of store.list()) {
      const token = deserializeToken(localStorage.getItem(store.padKey(app.id)));
      if (token) return token.period;
    }
    return DEFAULT_PERIOD_SECONDS;
  }

  function recording(name: string, steps: RecordedStep[]) {
    return { name, device: device!.id, mail, steps };
  }

  let lastSteps: RecordedStep[] = [];
  const address = addressBar(open, origins);
  const clock = clockPanel({ now: () => shell.now(), offset: () => clockOffset, set: setClock, period });
  const picker = devicePicker(device, (id) => {
    const next = new URLSearchParams(location.search);
    next.set('device', id);
    // The default address follows the device's carrier; an address the tester chose stays.
    if (!params.get('mail')) next.delete('mail');
    location.search = next.toString();
  });
  const recorderControls = recorderPanel({
    start() {
      recorder.start();
      shell.home();
    },
    async stop(name) {
      lastSteps = recorder.stop();
      if (!lastSteps.length) return '操作が記録されていません。';
      const response = await fetch('/emulator/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(recording(name, lastSteps)) });
      const data = (await response.json().catch(() => ({}))) as { error?: string; file?: string; run?: string };
      if (!response.ok) return `${data.error ?? '保存できませんでした。'}（ダウンロードはできます）`;
      return `${data.file} に保存しました。実行: ${data.run}`;
    },
    download(name) {
      if (!lastSteps.length) return;
      const link = element('a');
      link.href = URL.createObjectURL(new Blob([scenarioSource(recording(name, lastSteps))], { type: 'text/typescript' }));
      link.download = `${name}.ts`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    },
  });
  recorderControls.querySelector('h2')!.append(' ', recordCount);

  document.getElementById('emulator')!.replaceChildren(
    <div class="workbench">
      <aside class="controls">
        {picker}
        {address.element}
        {clock.element}
        {recorderControls}
        {keyHints()}
      </aside>
      <main class="stage">{phone}</main>
      <aside class="inspector">
        <h2>
          リクエスト <button type="button" data-action="clear-inspector" onClick={() => inspector.clear()}>消去</button>
        </h2>
        {inspector.element}
      </aside>
    </div>,
  );

  /** Large screens (P-07A: 480×854) scale the whole phone down so that the keypad stays in the window. */
  function fit() {
    phone.style.zoom = '1';
    const room = window.innerHeight - 24;
    phone.style.zoom = String(Math.min(1, room / phone.offsetHeight));
  }
  window.addEventListener('resize', fit);
  fit();
  // The shown time only; nothing the handset computes depends on this timer.
  const showTime = () => {
    clock.refresh();
    const shown = new Date(shell.now()).toLocaleTimeString('ja-JP', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
    if (phoneTime.textContent !== shown) phoneTime.textContent = shown;
  };
  showTime();
  setInterval(showTime, 500);

  document.addEventListener('keydown', (event) => {
    // Typing in the address bar or the clock field is not pressing the phone's keys.
    if ((event.target as HTMLElement).closest?.('input, select, textarea')) return;
    if (event.key === 'Escape') return home();
    const key = keyFromKeyboard(event.key);
    if (key) {
      event.preventDefault();
      press(key);
    }
  });

  (window as unknown as { handset: unknown }).handset = {
    press(key: string) {
      if (!isKey(key)) throw new Error(`unknown key: ${key}`);
      press(key);
    },
    type(text: string) {
      recorder.action({ kind: 'type', text: String(text) });
      view.type(String(text));
    },
    screen() {
      sync();
      return { title: view.title, text: content.innerText, softkeys: [...view.softkeys], focused: view.focusedText() };
    },
    state() {
      return { device: device.id, carrier: device.carrier, userAgent: device.userAgent, url: view.url ?? '', mail, apps: store.list().map((app) => app.name), clockOffset };
    },
    /** The code the token app shows, computed now from the handset's clock; null off the OTP screen. */
    otp() {
      sync();
      return currentCode();
    },
    open,
    home,
    requests: () => inspector.entries,
    setClock,
    reset() {
      for (const key of Object.keys(localStorage)) if (key.startsWith(`emu:${device.id}:`)) localStorage.removeItem(key);
      clockOffset = 0;
      clock.refresh();
      shell.home();
    },
  };
  shell.home();
  document.body.dataset.ready = 'true';
}

void main();
