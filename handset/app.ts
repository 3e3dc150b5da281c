import { Secret, TOTP } from 'otpauth';
import { deserializeToken, parseProvisionResponse, serializeToken, type ProvisionResult, type TokenRecord } from './provision.ts';
import type { Item, Key, Runtime, Screen } from './runtime.ts';
import { BIZ_HELP, BIZ_HELP_TITLE, BIZ_TERMS, CHANGE_NOTICE, COPIED, COPY_FAILED, HELP, TERMS } from './wording.ts';

/** How long COPY's feedback stays on the screen. */
const FEEDBACK_MS = 3000;

type View =
  | { name: 'setup'; serviceId: string; userId: string; startPassword: string; agreed: boolean; error?: string }
  /** The business app's 初期設定: only the terms, then 送信 enrols (docs/business.md). */
  | { name: 'enrol'; agreed: boolean; error?: string }
  | { name: 'sending' }
  | { name: 'otp' }
  | { name: 'top' }
  | { name: 'settings' }
  | { name: 'confirmDelete' }
  | { name: 'help'; from: 'otp' | 'top' }
  | { name: 'expired' };

export interface TokenApp {
  key(key: Key): void;
  /** Fills the focused field (the handset's text input). */
  input(text: string): void;
  /** Called about once a second so the countdown moves. */
  tick(): void;
}

/** Japan-time `YYYY/MM/DD` for the token's dates. */
export function japanDate(iso: string): string {
  const date = new Date(Date.parse(iso) + 9 * 3600_000);
  if (Number.isNaN(date.getTime())) return '-';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}/${pad(date.getUTCMonth() + 1)}/${pad(date.getUTCDate())}`;
}

export function currentCode(token: TokenRecord, now: number): { code: string; secondsLeft: number } {
  const period = token.period;
  const code = TOTP.generate({
    secret: Secret.fromBase32(token.secret),
    algorithm: token.algorithm,
    digits: token.digits,
    period,
    timestamp: now,
  });
  const secondsLeft = period - (Math.floor(now / 1000) % period);
  return { code, secondsLeft };
}

const SETUP_FIELDS = [
  { name: 'serviceId', label: 'サービスID', max: 16, digitsOnly: false },
  { name: 'userId', label: 'ユーザID', max: 16, digitsOnly: false },
  { name: 'startPassword', label: '利用開始パスワード', max: 8, digitsOnly: true, secret: true },
] as const;

/** The bottom bar of the token screen and the top screen, as in the seed's picture. */
const NAV = ['設定', 'トップ画面', 'ワンタイムパスワード'] as const;
const navItems = (): Item[] => NAV.map((label): Item => ({ kind: 'button', label, nav: true }));

/**
 * The token app of seed 000 (docs/seed-000-personal.md): 初期設定 with its terms → the token screen
 * (bank name, ヘルプ, code, COPY, 機種変更 notice, serial and dates), トップ画面, 設定 (トークン削除),
 * help, expiry. Soft keys: 設定 and トップ画面 / ワンタイムパスワード.
 */
export function createTokenApp(runtime: Runtime): TokenApp {
  /** Set for the business bank's app (from its descriptor): it enrols itself and shows its serial. */
  const bizService = runtime.param?.('serviceId') ?? null;
  let token = deserializeToken(runtime.readScratchPad());
  let view: View = token ? { name: 'otp' } : emptySetup();
  let focus = 0;
  /** COPY's feedback and when it was given. */
  let copied: { text: string; at: number } | null = null;

  function emptySetup(error?: string): View {
    if (bizService) return { name: 'enrol', agreed: false, ...(error ? { error } : {}) };
    return { name: 'setup', serviceId: '', userId: '', startPassword: '', agreed: false, ...(error ? { error } : {}) };
  }

  function go(next: View) {
    view = next;
    copied = null;
    focus = -1;
    const items = build().items;
    // The token screen opens on COPY, the top screen on the way to the code; others on their first item.
    const preferred = items.findIndex((item) => item.kind === 'button' && (item.label === 'COPY' || item.label === 'ワンタイムパスワードを表示'));
    focus = preferred >= 0 ? preferred : items.findIndex(focusable);
    draw();
  }

  function expired(): boolean {
    return token !== null && runtime.now() >= Date.parse(token.expiresAt);
  }

  function build(): Screen {
    if (token && (view.name === 'otp' || view.name === 'top') && expired()) view = { name: 'expired' };
    switch (view.name) {
      case 'setup': {
        const setup = view;
        const items: Item[] = [
          ...(setup.error ? [{ kind: 'text', text: setup.error } as Item] : []),
          ...SETUP_FIELDS.map(
            (field): Item => ({ kind: 'field', name: field.name, label: field.label, value: setup[field.name], max: field.max, digitsOnly: field.digitsOnly, ...('secret' in field ? { secret: true } : {}) }),
          ),
          { kind: 'text', text: '■利用規約' },
          ...TERMS.map((text): Item => ({ kind: 'text', text: `・${text}` })),
          { kind: 'check', label: '上記内容に同意する', checked: setup.agreed },
          { kind: 'button', label: '送信' },
        ];
        return { title: '初期設定', items, focus, softkeys: ['', '送信'] };
      }
      case 'enrol': {
        const items: Item[] = [
          ...(view.error ? [{ kind: 'text', text: view.error } as Item] : []),
          { kind: 'text', text: '■利用規約' },
          ...BIZ_TERMS.map((text): Item => ({ kind: 'text', text: `・${text}` })),
          { kind: 'check', label: '上記内容に同意する', checked: view.agreed },
          { kind: 'button', label: '送信' },
        ];
        return { title: '初期設定', items, focus, softkeys: ['', '送信'] };
      }
      case 'sending':
        return { title: '初期設定', items: [{ kind: 'text', text: '通信中です。しばらくお待ちください。' }], focus: -1, softkeys: ['', ''] };
      case 'otp': {
        const t = token!;
        const { code, secondsLeft } = currentCode(t, runtime.now());
        if (bizService) {
          return {
            title: t.issuer,
            items: [
              { kind: 'button', label: 'ヘルプ' },
              { kind: 'text', text: `シリアル番号: ${t.serial}` },
              { kind: 'otp', code },
              { kind: 'text', text: `残り${secondsLeft}秒` },
              { kind: 'text', text: '「1」ボタンで最新のワンタイムパスワードを表示します。' },
            ],
            focus,
            softkeys: ['設定', ''],
          };
        }
        // COPY's feedback stands in for the countdown a moment: no item moves, so the focus stays put.
        const feedback = copied && runtime.now() - copied.at < FEEDBACK_MS ? copied.text : null;
        return {
          title: t.issuer,
          items: [
            { kind: 'button', label: 'ヘルプ' },
            { kind: 'otp', code },
            { kind: 'text', text: feedback ?? `残り${secondsLeft}秒` },
            { kind: 'button', label: 'COPY' },
            { kind: 'text', text: CHANGE_NOTICE },
            { kind: 'text', text: `シリアル番号: ${t.serial}` },
            { kind: 'text', text: `利用開始日: ${japanDate(t.issuedAt)}` },
            { kind: 'text', text: `利用期限: ${japanDate(t.expiresAt)}` },
            ...navItems(),
          ],
          focus,
          softkeys: ['設定', 'トップ画面'],
        };
      }
      case 'top':
        return {
          title: token!.issuer,
          items: [
            { kind: 'button', label: 'ヘルプ' },
            { kind: 'text', text: 'ワンタイムパスワードアプリ' },
            { kind: 'text', text: `シリアル番号: ${token!.serial}` },
            { kind: 'button', label: 'ワンタイムパスワードを表示' },
            ...navItems(),
          ],
          focus,
          softkeys: ['設定', 'ワンタイムパスワード'],
        };
      case 'settings':
        return {
          title: '設定',
          items: ['トークン削除', ...(runtime.exit ? ['終了'] : [])].map((label): Item => ({ kind: 'button', label })),
          focus,
          softkeys: ['戻る', ''],
        };
      case 'confirmDelete':
        return {
          title: 'トークン削除',
          items: [
            { kind: 'text', text: 'トークンを削除します。削除すると元に戻せません。' },
            { kind: 'text', text: 'ワンタイムパスワードをご利用中の場合は、先にインターネットバンキングで利用解除を行ってください。' },
            { kind: 'text', text: 'よろしいですか？' },
            { kind: 'button', label: 'はい' },
            { kind: 'button', label: 'いいえ' },
          ],
          focus,
          softkeys: ['戻る', ''],
        };
      case 'help':
        if (bizService) return { title: BIZ_HELP_TITLE, items: BIZ_HELP.map((text): Item => ({ kind: 'text', text })), focus: -1, softkeys: ['戻る', ''] };
        return { title: 'ヘルプ', items: HELP.map((text): Item => ({ kind: 'text', text })), focus: -1, softkeys: ['戻る', ''] };
      case 'expired':
        return {
          title: token!.issuer,
          items: [
            { kind: 'text', text: `このトークンは有効期限（${japanDate(token!.expiresAt)}）が切れています。` },
            { kind: 'text', text: 'インターネットバンキングでトークンを再発行してください。' },
            { kind: 'button', label: 'トークン削除' },
          ],
          focus,
          softkeys: ['設定', ''],
        };
    }
  }

  function draw() {
    runtime.render(build());
  }

  async function submit() {
    if (view.name === 'enrol') return enrol();
    if (view.name !== 'setup') return;
    const form = { serviceId: view.serviceId.trim(), userId: view.userId.trim(), startPassword: view.startPassword };
    let error: string | undefined;
    if (!form.serviceId || !form.userId || !form.startPassword) error = 'サービスID・ユーザID・利用開始パスワードを入力してください。';
    else if (!/^\d{4,8}$/.test(form.startPassword)) error = '利用開始パスワードは4～8桁の数字で入力してください。';
    else if (!view.agreed) error = '「上記内容に同意する」を選択してください。';
    if (error) return go({ ...view, error });
    const kept = view;
    go({ name: 'sending' });
    const result = await send('/m/app/provision', runtime.binding ? { ...form, binding: runtime.binding } : form);
    if (!result.ok) return go({ ...kept, startPassword: '', error: result.message });
    token = result.token;
    runtime.writeScratchPad(serializeToken(token));
    go({ name: 'otp' });
  }

  /** Posts a 初期設定 form; a network failure reads as a refusal with the phone's message. */
  async function send(path: string, form: Record<string, string>): Promise<ProvisionResult> {
    try {
      const response = await runtime.post(path, form);
      return parseProvisionResponse(response.status, response.body);
    } catch {
      return { ok: false, code: 'network', message: '通信できませんでした。電波の良い所で再度お試しください。' };
    }
  }

  /** The business 送信: a token of its own from `POST /m/app/enroll`. */
  async function enrol() {
    if (view.name !== 'enrol' || !bizService) return;
    if (!view.agreed) return go({ ...view, error: '「上記内容に同意する」を選択してください。' });
    go({ name: 'sending' });
    const result = await send('/m/app/enroll', { serviceId: bizService });
    if (!result.ok) return go(emptySetup(result.message));
    token = result.token;
    runtime.writeScratchPad(serializeToken(token));
    go({ name: 'otp' });
  }

  async function copy() {
    const ok = await runtime.copy(currentCode(token!, runtime.now()).code);
    if (view.name !== 'otp') return;
    copied = { text: ok ? COPIED : COPY_FAILED, at: runtime.now() };
    draw();
  }

  function activate(item: Item) {
    if (item.kind === 'check' && (view.name === 'setup' || view.name === 'enrol')) {
      view.agreed = !view.agreed;
      return draw();
    }
    if (item.kind !== 'button') return;
    const label = item.label;
    if (label === '送信') return void submit();
    if (label === 'COPY') return void copy();
    if (label === 'ワンタイムパスワード' || label === 'ワンタイムパスワードを表示') return go({ name: 'otp' });
    if (label === '設定') return go({ name: 'settings' });
    if (label === 'トップ画面') return go({ name: 'top' });
    if (label === 'ヘルプ') return go({ name: 'help', from: view.name === 'top' ? 'top' : 'otp' });
    if (label === 'トークン削除') return go({ name: 'confirmDelete' });
    if (label === 'いいえ') return go({ name: 'settings' });
    if (label === '終了') return runtime.exit?.();
    if (label === 'はい') {
      token = null;
      runtime.writeScratchPad(null);
      return go(emptySetup());
    }
  }

  function back() {
    if (view.name === 'help') return go({ name: view.from });
    if (view.name === 'confirmDelete') return go({ name: 'settings' });
    if (view.name === 'settings') return go(token ? { name: 'otp' } : emptySetup());
    if (view.name === 'top') return go({ name: 'otp' });
  }

  function focusedField(): { name: (typeof SETUP_FIELDS)[number]['name']; max: number; digitsOnly: boolean } | null {
    const item = build().items[focus];
    if (view.name !== 'setup' || item?.kind !== 'field') return null;
    return SETUP_FIELDS.find((field) => field.name === item.name) ?? null;
  }

  function setField(update: (value: string) => string) {
    const field = focusedField();
    if (!field || view.name !== 'setup') return false;
    let value = update(view[field.name]);
    if (field.digitsOnly) value = value.replace(/\D/g, '');
    view[field.name] = value.slice(0, field.max);
    draw();
    return true;
  }

  function moveFocus(step: 1 | -1) {
    const items = build().items;
    for (let index = focus + step; index >= 0 && index < items.length; index += step) {
      if (focusable(items[index]!)) {
        focus = index;
        return draw();
      }
    }
  }

  go(view);

  return {
    key(key) {
      if (view.name === 'sending') return;
      if (/^[0-9*#]$/.test(key) && setField((value) => value + key)) return;
      if (key === '1' && view.name === 'otp') return draw();
      if (key === 'up' || key === 'left') return moveFocus(-1);
      if (key === 'down' || key === 'right') return moveFocus(1);
      if (key === 'clear') {
        if (setField((value) => value.slice(0, -1))) return;
        return back();
      }
      if (key === 'select') {
        const item = build().items[focus];
        return item ? activate(item) : undefined;
      }
      if (key === 'soft1') {
        if (view.name === 'otp' || view.name === 'top' || view.name === 'expired') return go({ name: 'settings' });
        return back();
      }
      if (key === 'soft2') {
        if (view.name === 'setup' || view.name === 'enrol') return void submit();
        if (view.name === 'otp' && !bizService) return go({ name: 'top' });
        if (view.name === 'top') return go({ name: 'otp' });
      }
    },
    input(text) {
      setField(() => text);
    },
    tick() {
      if (view.name === 'otp' || view.name === 'expired') draw();
    },
  };
}

function focusable(item: Item): boolean {
  return item.kind === 'field' || item.kind === 'check' || item.kind === 'button';
}
