import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createTokenApp } from '../handset/app.ts';
import { CHANGE_NOTICE, HELP, TERMS } from '../handset/wording.ts';
import { deserializeToken, parseProvisionResponse } from '../handset/provision.ts';
import type { HttpResponse, Runtime, Screen } from '../handset/runtime.ts';

/** What a customer reads on a screen, item by item: text, the code, buttons ([label]), fields, the box. */
function read(screen: Screen | undefined): string[] {
  return (screen?.items ?? []).map((item) => {
    switch (item.kind) {
      case 'text':
        return item.text;
      case 'otp':
        return `code ${item.code}`;
      case 'button':
        return item.nav ? `nav [${item.label}]` : `[${item.label}]`;
      case 'field':
        return `${item.label}: ${item.value}`;
      case 'check':
        return `${item.checked ? '☑' : '☐'} ${item.label}`;
    }
  });
}

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OK_BODY = [
  'serial=KT00001234',
  `secret=${SECRET}`,
  'algorithm=SHA1',
  'digits=8',
  'period=60',
  'issuer=ひまわり信用組合',
  'issuedAt=2026-11-22T00:00:00.000Z',
  'expiresAt=2031-11-22T00:00:00.000Z',
].join('\n');

function fakeRuntime(reply: (form: Record<string, string>) => HttpResponse, start = Date.parse('2026-11-22T12:00:00Z')) {
  const state = { screen: undefined as Screen | undefined, pad: null as string | null, now: start, posts: [] as Record<string, string>[], copied: '', clipboard: true };
  const runtime: Runtime = {
    render: (screen) => (state.screen = screen),
    readScratchPad: () => state.pad,
    writeScratchPad: (value) => (state.pad = value),
    post: async (path, form) => {
      expect(path).toBe('/m/app/provision');
      state.posts.push(form);
      return reply(form);
    },
    now: () => state.now,
    copy: async (text) => {
      if (state.clipboard) state.copied = text;
      return state.clipboard;
    },
  };
  return { runtime, state };
}

const text = (screen: Screen | undefined) => JSON.stringify(screen?.items);
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setUp(app: ReturnType<typeof createTokenApp>, password = '1234') {
  app.input('1234567');
  app.key('down');
  app.input('U0001');
  app.key('down');
  for (const digit of password) app.key(digit as '1');
  app.key('down');
  app.key('select');
  app.key('soft2');
  await settle();
}

describe('token app', () => {
  it('sends the descriptor\'s issuance binding with 初期設定 when the runtime has one', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    await setUp(createTokenApp({ ...runtime, binding: 'TICKET-1' }));
    expect(state.posts).toEqual([{ serviceId: '1234567', userId: 'U0001', startPassword: '1234', binding: 'TICKET-1' }]);
  });

  it('runs 初期設定 by keys and shows the current TOTP of the provisioned secret', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    const app = createTokenApp(runtime);
    expect(state.screen?.title).toBe('初期設定');
    await setUp(app);
    expect(state.posts).toEqual([{ serviceId: '1234567', userId: 'U0001', startPassword: '1234' }]);
    const expected = TOTP.generate({ secret: Secret.fromBase32(SECRET), digits: 8, period: 60, timestamp: state.now });
    expect(state.screen?.title).toBe('ひまわり信用組合');
    expect(state.screen?.items).toContainEqual({ kind: 'otp', code: expected });
    expect(text(state.screen)).toContain('シリアル番号: KT00001234');
    expect(text(state.screen)).toContain('利用期限: 2031/11/22');
    expect(text(state.screen)).toContain('残り60秒');
    expect(deserializeToken(state.pad)?.serial).toBe('KT00001234');
    state.now += 60_000;
    app.key('1');
    const next = TOTP.generate({ secret: Secret.fromBase32(SECRET), digits: 8, period: 60, timestamp: state.now });
    expect(state.screen?.items).toContainEqual({ kind: 'otp', code: next });
    app.key('select');
    await settle();
    expect(state.copied).toBe(next);
  });

  it('shows the seed\'s token screen item by item, with COPY feedback', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    const app = createTokenApp(runtime);
    await setUp(app);
    const code = TOTP.generate({ secret: Secret.fromBase32(SECRET), digits: 8, period: 60, timestamp: state.now });
    expect(state.screen?.title).toBe('ひまわり信用組合');
    expect(read(state.screen)).toEqual([
      '[ヘルプ]',
      `code ${code}`,
      '残り60秒',
      '[COPY]',
      CHANGE_NOTICE,
      'シリアル番号: KT00001234',
      '利用開始日: 2026/11/22',
      '利用期限: 2031/11/22',
      'nav [設定]',
      'nav [トップ画面]',
      'nav [ワンタイムパスワード]',
    ]);
    expect(CHANGE_NOTICE).toBe('機種変更を行う場合は、端末の変更前に、ご利用のサービスからワンタイムパスワードの利用解除を行なってください。');
    expect(state.screen?.softkeys).toEqual(['設定', 'トップ画面']);
    expect(state.screen?.items[state.screen.focus]).toEqual({ kind: 'button', label: 'COPY' });
    // COPY says it copied (where the countdown was), and the feedback goes after a few seconds.
    app.key('select');
    await settle();
    expect(read(state.screen)[2]).toBe('コピーしました');
    expect(state.screen?.items[state.screen.focus]).toEqual({ kind: 'button', label: 'COPY' });
    state.now += 5_000;
    app.tick();
    expect(read(state.screen)).not.toContain('コピーしました');
    expect(read(state.screen)[2]).toMatch(/^残り\d+秒$/);
    state.clipboard = false;
    app.key('select');
    await settle();
    expect(read(state.screen)).toContain('コピーできませんでした');
  });

  it('has a top screen distinct from the token screen, and ヘルプ from both', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    const app = createTokenApp(runtime);
    await setUp(app);
    app.key('soft2'); // トップ画面
    expect(state.screen?.title).toBe('ひまわり信用組合');
    expect(read(state.screen)).toEqual([
      '[ヘルプ]',
      'ワンタイムパスワードアプリ',
      'シリアル番号: KT00001234',
      '[ワンタイムパスワードを表示]',
      'nav [設定]',
      'nav [トップ画面]',
      'nav [ワンタイムパスワード]',
    ]);
    expect(state.screen?.items.some((item) => item.kind === 'otp')).toBe(false);
    expect(state.screen?.softkeys).toEqual(['設定', 'ワンタイムパスワード']);
    app.key('up'); // ヘルプ
    app.key('select');
    expect(state.screen?.title).toBe('ヘルプ');
    expect(read(state.screen)).toEqual(HELP);
    app.key('soft1'); // 戻る: back where help was opened
    expect(read(state.screen)).toContain('[ワンタイムパスワードを表示]');
    app.key('select');
    expect(state.screen?.items.some((item) => item.kind === 'otp')).toBe(true);
    // The bottom bar's ワンタイムパスワード and トップ画面 lead to their own screens.
    for (let step = 0; step < 10; step++) app.key('down');
    expect(state.screen?.items[state.screen.focus]).toMatchObject({ label: 'ワンタイムパスワード', nav: true });
    app.key('up');
    app.key('select');
    expect(read(state.screen)).toContain('[ワンタイムパスワードを表示]');
  });

  it('says 利用解除 comes first in its help and before トークン削除', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    const app = createTokenApp(runtime);
    await setUp(app);
    app.key('up'); // ヘルプ at the top
    app.key('select');
    const help = read(state.screen).join('\n');
    expect(help).toContain(CHANGE_NOTICE);
    expect(help.indexOf('利用解除')).toBeLessThan(help.indexOf('トークン削除'));
    expect(help).toContain('金融機関へご連絡ください');
    app.key('soft1');
    app.key('soft1'); // 設定
    app.key('select'); // トークン削除
    expect(read(state.screen).join('\n')).toContain('先にインターネットバンキングで利用解除');
  });

  it('puts the terms above 「上記内容に同意する」 in 初期設定', () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    createTokenApp(runtime);
    const lines = read(state.screen);
    expect(lines.slice(0, 3)).toEqual(['サービスID: ', 'ユーザID: ', '利用開始パスワード: ']);
    expect(lines[3]).toBe('■利用規約');
    expect(lines.slice(4, 4 + TERMS.length)).toEqual(TERMS.map((term) => `・${term}`));
    expect(TERMS.length).toBeGreaterThanOrEqual(5);
    expect(lines.slice(4 + TERMS.length)).toEqual(['☐ 上記内容に同意する', '[送信]']);
    expect(state.screen?.softkeys).toEqual(['', '送信']);
  });

  it('keeps the token across launches and deletes it from 設定 after confirmation', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    await setUp(createTokenApp(runtime));
    const app = createTokenApp(runtime);
    expect(state.screen?.title).toBe('ひまわり信用組合');
    app.key('soft1');
    expect(state.screen?.title).toBe('設定');
    app.key('select');
    expect(text(state.screen)).toContain('よろしいですか');
    app.key('down');
    app.key('select');
    expect(state.screen?.title).toBe('設定');
    app.key('select');
    app.key('select');
    expect(state.screen?.title).toBe('初期設定');
    expect(state.pad).toBeNull();
  });

  it('shows provisioning errors in Japanese and keeps the entered ids', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 403, body: 'error=wrong_password\nmessage=利用開始パスワードが正しくありません。' }));
    const app = createTokenApp(runtime);
    await setUp(app);
    expect(state.screen?.title).toBe('初期設定');
    expect(text(state.screen)).toContain('利用開始パスワードが正しくありません。');
    expect(text(state.screen)).toContain('1234567');
    expect(state.pad).toBeNull();
  });

  it('refuses incomplete input and an unticked agreement before sending', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    const app = createTokenApp(runtime);
    app.key('soft2');
    expect(text(state.screen)).toContain('入力してください');
    app.input('1234567');
    app.key('down');
    app.input('U0001');
    app.key('down');
    app.input('12ab34');
    expect(text(state.screen)).toContain('"value":"1234"');
    app.key('soft2');
    await settle();
    expect(text(state.screen)).toContain('同意する」を選択');
    expect(state.posts).toHaveLength(0);
  });

  it('shows the expired-token screen once 利用期限 has passed', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    const app = createTokenApp(runtime);
    await setUp(app);
    state.now = Date.parse('2031-11-23T00:00:00Z');
    app.tick();
    expect(text(state.screen)).toContain('有効期限');
    expect(state.screen?.items.some((item) => item.kind === 'otp')).toBe(false);
  });
});

describe('provisioning response', () => {
  it('reads errors and rejects incomplete success bodies', () => {
    expect(parseProvisionResponse(409, 'error=already_provisioned\nmessage=既に設定済みです。')).toEqual({ ok: false, code: 'already_provisioned', message: '既に設定済みです。' });
    expect(parseProvisionResponse(200, 'serial=1')).toMatchObject({ ok: false, code: 'bad_response' });
    expect(parseProvisionResponse(500, '')).toMatchObject({ ok: false, message: expect.stringContaining('通信エラー') });
    expect(deserializeToken('{junk')).toBeNull();
  });
});
