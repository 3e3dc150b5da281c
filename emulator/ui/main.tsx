/** @jsxImportSource jsx-dom */
import { isKey, type Key } from '../../handset/runtime.ts';
import { keyFromKeyboard } from '../../handset/web.ts';
import { appList, AppStore, installFrom } from './apps.ts';
import { BrowserView } from './browser.ts';
import { UrlEntryView } from './url-entry.ts';
import { openInbox } from './mail.ts';
import { Network } from './net.ts';
import { findDevice } from '../catalog.ts';
import { element, ListView, type Shell, type View } from './view.ts';

const DEFAULT_DEVICE = 'docomo-sh905i';

const KEYPAD: Array<[Key, string]> = [
  ['1', '1'], ['2', '2 ABC'], ['3', '3 DEF'], ['4', '4 GHI'], ['5', '5 JKL'], ['6', '6 MNO'],
  ['7', '7 PQRS'], ['8', '8 TUV'], ['9', '9 WXYZ'], ['*', '＊'], ['0', '0'], ['#', '＃'],
];

function main() {
  const params = new URLSearchParams(location.search);
  const requested = params.get('device');
  const device = findDevice(requested ?? DEFAULT_DEVICE);
  if (!device) {
    document.getElementById('emulator')!.replaceChildren(element('p', `端末「${requested}」はカタログにありません。`));
    return;
  }
  const mail = params.get('mail') || `tester@${device.mailDomain}`;
  let clockOffset = 0;
  let view: View;

  const title = element('div', '', 'bar');
  const content = element('div', '', 'content');
  const left = element('span');
  const right = element('span');
  const small = device.screen.width < 200;
  const display = (
    <div class={small ? 'display small' : 'display'} style={{ width: `${device.screen.width}px`, height: `${device.screen.height}px` }}>
      {title}
      {content}
      <div class="softkeys">{left}{right}</div>
    </div>
  ) as HTMLElement;
  const button = (key: Key, label: string, className = '') => (
    <button type="button" class={className} data-key={key} onClick={() => press(key)}>
      {label}
    </button>
  );
  document.getElementById('emulator')!.replaceChildren(
    <div class="phone" data-device={device.id}>
      <div class="device-name">{device.name}</div>
      {display}
      <div class="nav">
        {button('soft1', 'ソフト1')}
        <span />
        {button('up', '▲')}
        <span />
        {button('soft2', 'ソフト2')}
        <span />
        {button('left', '◀')}
        {button('select', '決定', 'select')}
        {button('right', '▶')}
        {button('clear', 'クリア')}
        <button type="button" onClick={() => shell.home()}>終話</button>
        <span />
        {button('down', '▼')}
      </div>
      <div class="keys">{KEYPAD.map(([key, label]) => button(key, label))}</div>
    </div>,
  );

  const store = new AppStore(device.id);
  const shell: Shell = {
    device,
    mail,
    net: new Network(device.id),
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
    },
    home() {
      shell.show(
        new ListView('メニュー', [
          { label: 'メール', action: () => void openInbox(shell).then(shell.show, (error: Error) => shell.show(new ListView('メール', [], () => shell.home(), [error.message]))) },
          { label: 'アプリ', action: () => shell.show(appList(shell, store)) },
          { label: 'ブラウザ', action: () => shell.browse('/m/') },
          { label: 'URL入力', action: () => shell.show(new UrlEntryView(shell)) },
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

  function press(key: Key) {
    view.key(key);
  }

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') return shell.home();
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
      view.type(String(text));
    },
    screen() {
      return { title: view.title, text: content.innerText, softkeys: [...view.softkeys], focused: view.focusedText() };
    },
    state() {
      return { device: device.id, carrier: device.carrier, userAgent: device.userAgent, url: view.url ?? '', mail, apps: store.list().map((app) => app.name) };
    },
    setClock(offsetMs: number) {
      clockOffset = Number(offsetMs) || 0;
    },
    reset() {
      for (const key of Object.keys(localStorage)) if (key.startsWith(`emu:${device.id}:`)) localStorage.removeItem(key);
      clockOffset = 0;
      shell.home();
    },
  };
  shell.home();
  document.body.dataset.ready = 'true';
}

main();
