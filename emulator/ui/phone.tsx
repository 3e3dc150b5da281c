/** @jsxImportSource jsx-dom */
import type { Key } from '../../handset/runtime.ts';
import type { Device } from '../catalog.ts';
import { element } from './view.ts';

const KEYPAD: Array<[Key, string]> = [
  ['1', '1'], ['2', '2 ABC'], ['3', '3 DEF'], ['4', '4 GHI'], ['5', '5 JKL'], ['6', '6 MNO'],
  ['7', '7 PQRS'], ['8', '8 TUV'], ['9', '9 WXYZ'], ['*', '＊'], ['0', '0'], ['#', '＃'],
];

/** The phone drawn in CSS: the screen at the device's resolution, its bars, the d-pad and keypad. */
export function phoneFrame(device: Device, press: (key: Key) => void, home: () => void) {
  const title = element('div', '', 'bar');
  const time = element('span', '', 'phone-time');
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
  const phone = (
    <div class="phone" data-device={device.id}>
      <div class="device-name">
        {device.name} {time}
      </div>
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
        <button type="button" data-key="home" onClick={() => home()}>終話</button>
        <span />
        {button('down', '▼')}
      </div>
      <div class="keys">{KEYPAD.map(([key, label]) => button(key, label))}</div>
    </div>
  ) as HTMLElement;
  return { phone, title, content, left, right, time };
}
