import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { createTokenApp } from '../handset/app.ts';
import { deserializeToken, parseProvisionResponse } from '../handset/provision.ts';
import type { HttpResponse, Runtime, Screen } from '../handset/runtime.ts';

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
  const state = { screen: undefined as Screen | undefined, pad: null as string | null, now: start, posts: [] as Record<string, string>[], copied: '' };
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
    copy: (text) => (state.copied = text),
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
    expect(text(state.screen)).toContain('シリアル番号 KT00001234');
    expect(text(state.screen)).toContain('利用期限 2031/11/22');
    expect(text(state.screen)).toContain('残り60秒');
    expect(deserializeToken(state.pad)?.serial).toBe('KT00001234');
    state.now += 60_000;
    app.key('1');
    const next = TOTP.generate({ secret: Secret.fromBase32(SECRET), digits: 8, period: 60, timestamp: state.now });
    expect(state.screen?.items).toContainEqual({ kind: 'otp', code: next });
    app.key('select');
    expect(state.copied).toBe(next);
  });

  it('keeps the token across launches and deletes it from 設定 after confirmation', async () => {
    const { runtime, state } = fakeRuntime(() => ({ status: 200, body: OK_BODY }));
    await setUp(createTokenApp(runtime));
    const app = createTokenApp(runtime);
    expect(state.screen?.title).toBe('ひまわり信用組合');
    app.key('soft1');
    expect(state.screen?.title).toBe('メニュー');
    app.key('select');
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
