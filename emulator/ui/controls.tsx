/** @jsxImportSource jsx-dom */
import { deviceGroups, CARRIER_LABELS, type Device } from '../catalog.ts';
import { kb } from '../inspect.ts';

/** The device picker, grouped by carrier and generation, with what the picked device sends and takes. */
export function devicePicker(current: Device, pick: (id: string) => void): HTMLElement {
  const select = (
    <select name="device" aria-label="端末" onChange={() => pick(select.value)}>
      {deviceGroups().map((group) => (
        <optgroup label={group.label}>
          {group.devices.map((device) => (
            <option value={device.id} selected={device.id === current.id}>
              {device.name}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  ) as HTMLSelectElement;
  const headers = Object.entries(current.headers).map(([name, value]) => `${name}: ${value}`);
  return (
    <section class="panel" data-panel="device">
      <h2>端末</h2>
      {select}
      <dl class="device-facts">
        <dt>キャリア</dt><dd>{`${CARRIER_LABELS[current.carrier]} · ${current.generation}`}</dd>
        <dt>UA</dt><dd data-field="userAgent">{current.userAgent}</dd>
        <dt>ヘッダ</dt><dd>{headers.length ? headers.join('\n') : 'なし'}</dd>
        <dt>画面</dt><dd>{`${current.screen.width}×${current.screen.height}`}</dd>
        <dt>ページ上限</dt><dd data-field="cacheBytes">{kb(current.cacheBytes)}</dd>
        <dt>Cookie</dt><dd>{current.cookies ? '対応' : '非対応'}</dd>
        <dt>Java</dt><dd>{`${current.java.profile}（上限 ${kb(current.java.maxAppBytes)}）`}</dd>
        <dt>メール</dt><dd>{`@${current.mailDomain}`}</dd>
      </dl>
    </section>
  ) as HTMLElement;
}

/** The address bar: a path on the gateway (`/m/help`) or a URL on an EMULATOR_ORIGINS site. */
export function addressBar(open: (url: string) => void, origins: readonly string[]): { element: HTMLElement; show(url: string): void } {
  const input = (<input name="address" type="text" list="emulator-addresses" placeholder="/m/help または https://…" spellCheck={false} />) as HTMLInputElement;
  const go = (event: Event) => {
    event.preventDefault();
    if (input.value.trim()) open(input.value.trim());
  };
  const element = (
    <section class="panel" data-panel="address">
      <h2>アドレス</h2>
      <form class="address" onSubmit={go}>
        {input}
        <button type="submit">開く</button>
      </form>
      <datalist id="emulator-addresses">
        {['/m/', '/m/help', '/m/biz/', ...origins.map((origin) => `${origin}/`)].map((value) => <option value={value} />)}
      </datalist>
      <p class="hint">{origins.length ? `ゲートウェイと ${origins.join(', ')}` : 'ゲートウェイのみ（他のサイトは EMULATOR_ORIGINS で許可）'}</p>
    </section>
  ) as HTMLElement;
  return { element, show: (url) => void (input.value = url) };
}

export interface ClockControl {
  now(): number;
  offset(): number;
  set(offsetMs: number): void;
  /** The token's period in seconds, from an installed token when there is one. */
  period(): number;
}

/** The handset's clock: its time, the offset, and a jump to the start of the next OTP period. */
export function clockPanel(clock: ClockControl): { element: HTMLElement; refresh(): void } {
  const time = (<output data-field="handsetTime" />) as HTMLOutputElement;
  const offset = (<input name="clockOffset" type="number" step="1" aria-label="ずれ（秒）" />) as HTMLInputElement;
  const format = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'medium' });
  // Called twice a second: only a changed text is written, as each write costs the page a repaint.
  const refresh = () => {
    const shown = format.format(clock.now());
    if (time.value !== shown) time.value = shown;
    const seconds = String(Math.round(clock.offset() / 1000));
    if (document.activeElement !== offset && offset.value !== seconds) offset.value = seconds;
  };
  const next = () => {
    const period = clock.period() * 1000;
    const now = clock.now();
    clock.set(clock.offset() + (period - (now % period)));
  };
  const element = (
    <section class="panel" data-panel="clock">
      <h2>端末の時刻</h2>
      {time}
      <form class="clock" onSubmit={(event: Event) => (event.preventDefault(), clock.set(Number(offset.value) * 1000 || 0))}>
        <label>ずれ {offset} 秒</label>
        <button type="submit">設定</button>
      </form>
      <div class="buttons">
        <button type="button" onClick={() => clock.set(clock.offset() + 60_000)}>+1分</button>
        <button type="button" data-action="next-period" onClick={next}>次の周期へ</button>
        <button type="button" onClick={() => clock.set(0)}>現在時刻</button>
      </div>
    </section>
  ) as HTMLElement;
  refresh();
  return { element, refresh };
}

/** Record / stop, the scenario name, save into SCENARIOS_DIR or download. */
export function recorderPanel(actions: { start(): void; stop(name: string): Promise<string>; download(name: string): void }): HTMLElement {
  const name = (<input name="scenarioName" type="text" value="my-session" pattern="[a-z0-9][a-z0-9-]*" aria-label="シナリオ名" />) as HTMLInputElement;
  const status = (<p class="hint" data-field="recordStatus">キー操作・開いたURL・読んだコードをシナリオにします。</p>) as HTMLElement;
  const record = (<button type="button" data-action="record">● 記録開始</button>) as HTMLButtonElement;
  let recording = false;
  record.addEventListener('click', () => {
    if (!recording) {
      actions.start();
      recording = true;
      record.textContent = '■ 記録停止・保存';
      status.textContent = '記録中… メニューから操作してください。';
      return;
    }
    recording = false;
    record.textContent = '● 記録開始';
    actions.stop(name.value).then(
      (message) => (status.textContent = message),
      (error: Error) => (status.textContent = error.message),
    );
  });
  return (
    <section class="panel" data-panel="record">
      <h2>記録</h2>
      <div class="buttons">
        {name}
        {record}
        <button type="button" data-action="download" onClick={() => actions.download(name.value)}>ダウンロード</button>
      </div>
      {status}
    </section>
  ) as HTMLElement;
}

const HINTS: Array<[string, string]> = [
  ['0–9 * #', '数字キー'],
  ['↑ ↓ ← →', '方向キー'],
  ['Enter', '決定'],
  ['F1 / F2', 'ソフトキー1 / 2'],
  ['Backspace', 'クリア'],
  ['Esc', '終話（メニューへ）'],
];

export function keyHints(): HTMLElement {
  return (
    <section class="panel" data-panel="keys">
      <h2>キーボード</h2>
      <table class="hints">
        {HINTS.map(([keys, meaning]) => (
          <tr>
            <th><kbd>{keys}</kbd></th>
            <td>{meaning}</td>
          </tr>
        ))}
      </table>
    </section>
  ) as HTMLElement;
}
