import { describe, expect, it } from 'vitest';
import { createTokenApp } from '../handset/app.ts';
import type { Runtime, Screen } from '../handset/runtime.ts';
import { BIZ_HELP_TITLE, BIZ_TERMS } from '../handset/wording.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { createApp } from '../gateway/routes.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices } from './helpers/services.ts';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const texts = (screen: Screen | undefined) => (screen?.items ?? []).map((item) => (item.kind === 'text' ? item.text : item.kind === 'otp' ? `code ${item.code}` : item.kind === 'button' ? `[${item.label}]` : item.kind === 'check' ? item.label : item.label));

/** The app on a runtime whose HTTP goes to a real gateway, with the descriptor's サービスID. */
async function bizApp(serviceId = '20200001') {
  const { services, clock } = await testServices();
  const gateway = createApp(services);
  const state = { screen: undefined as Screen | undefined, pad: null as string | null, paths: [] as string[] };
  const runtime: Runtime = {
    render: (screen) => (state.screen = screen),
    readScratchPad: () => state.pad,
    writeScratchPad: (value) => (state.pad = value),
    post: async (path, form) => {
      state.paths.push(path);
      const response = await gateway.request(`http://bank.test${path}`, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      return { status: response.status, body: await response.text() };
    },
    now: clock.now,
    copy: async () => false,
    param: (name) => (name === 'serviceId' ? serviceId : null),
  };
  return { app: createTokenApp(runtime), state, services, clock, gateway };
}

/** Focus the agreement, tick it, and 送信. */
async function agreeAndSend(app: ReturnType<typeof createTokenApp>, state: { screen: Screen | undefined }) {
  const check = state.screen!.items.findIndex((item) => item.kind === 'check');
  for (let i = 0; i < 50 && state.screen!.focus < check; i++) app.key('down');
  app.key('select');
  app.key('soft2');
  // The gateway answers in its own time: wait until the app leaves 通信中.
  for (let i = 0; i < 200 && texts(state.screen).some((line) => line.startsWith('通信中')); i++) await settle();
}

describe('token app, business mode', () => {
  it('初期設定 is only the terms; 送信 needs the agreement, then enrols and shows シリアル番号 and the code', async () => {
    const { app, state, services, clock } = await bizApp();
    expect(state.screen?.title).toBe('初期設定');
    expect(state.screen?.items.some((item) => item.kind === 'field')).toBe(false);
    expect(texts(state.screen)).toContain(`・${BIZ_TERMS[0]}`);
    app.key('soft2');
    await settle();
    expect(texts(state.screen)).toContain('「上記内容に同意する」を選択してください。');
    expect(state.paths).toEqual([]);
    await agreeAndSend(app, state);
    expect(state.paths).toEqual(['/m/app/enroll']);
    expect(state.screen?.title).toBe('こだま野信用金庫');
    const serial = /^シリアル番号: (KT[0-9A-Z]{10})$/.exec(texts(state.screen).find((line) => line.startsWith('シリアル番号')) ?? '')?.[1];
    expect(serial).toBeDefined();
    const token = (await services.db.tokens.get(serial!))!;
    expect(token.customerId).toBeUndefined();
    const secret = JSON.parse(state.pad!).secret as string;
    expect(texts(state.screen)).toContain(`code ${codeAt(secret, token, clock.now())}`);
    clock.advance(30_000);
    app.key('1');
    expect(texts(state.screen)).toContain(`code ${codeAt(secret, token, clock.now())}`);
  });

  it('shows the help 「シリアル番号およびワンタイムパスワードの確認方法」 and returns', async () => {
    const { app, state } = await bizApp();
    await agreeAndSend(app, state);
    for (let i = 0; i < 50 && state.screen!.focus > 0; i++) app.key('up');
    app.key('select');
    expect(state.screen?.title).toBe(BIZ_HELP_TITLE);
    app.key('soft1');
    expect(state.screen?.title).toBe('こだま野信用金庫');
  });

  it('shows the gateway’s message for a サービスID that is not a business bank’s', async () => {
    const { app, state } = await bizApp('10100001');
    await agreeAndSend(app, state);
    expect(state.screen?.title).toBe('初期設定');
    expect(texts(state.screen)).toContain('サービスIDが正しくありません。');
  });

  it('the enrolled serial, typed by admin01 with the app’s code, is registered (BOA005)', async () => {
    const { app, state, gateway, services } = await bizApp();
    await agreeAndSend(app, state);
    const serial = texts(state.screen).find((line) => line.startsWith('シリアル番号'))!.slice('シリアル番号: '.length);
    const code = texts(state.screen).find((line) => line.startsWith('code '))!.slice(5);
    const client = new PortalClient(gateway);
    await client.get('/biz/');
    await client.post('/biz/login', { loginId: 'admin01', password: 'Passw0rd!' });
    await client.get('/biz/admin/otp/register?customerId=W0007');
    await client.post('/biz/admin/otp/new', { customerId: 'W0007', serial, otp: code, approvalPassword: 'shonin01' });
    expect(client.page.screen).toBe('BOA005');
    expect((await services.db.customers.get('W0007'))?.tokenSerial).toBe(serial);
  });
});

describe('/m/biz/<サービスID>', () => {
  const P07A = 'DoCoMo/2.0 P07A3(c500;TB;W24H15)';
  it('offers the i-appli without a ticket, and its ADF carries the サービスID', async () => {
    const { gateway } = await bizApp();
    const page = await gateway.request('http://bank.test/m/biz/20200001', { headers: { 'user-agent': P07A } });
    expect(page.status).toBe(200);
    const html = new TextDecoder('shift_jis').decode(await page.arrayBuffer());
    expect(html).toContain('/m/biz/20200001/docomo/ketai-token.jam');
    // Typed with a trailing slash, the address is sent to the page; only a page view is.
    const slashed = await gateway.request('http://bank.test/m/biz/20200001/', { headers: { 'user-agent': P07A } });
    expect([slashed.status, slashed.headers.get('location')]).toEqual([301, 'http://bank.test/m/biz/20200001']);
    expect((await gateway.request('http://bank.test/m/biz/20200001/', { method: 'POST', headers: { 'user-agent': P07A } })).status).toBe(404);
    const adf = await gateway.request('http://bank.test/m/biz/20200001/docomo/ketai-token.jam', { headers: { 'user-agent': P07A } });
    expect(adf.status).toBe(200);
    const text = new TextDecoder('shift_jis').decode(await adf.arrayBuffer());
    expect(text).toContain('AppParam = serviceId=20200001');
    // The package itself is the ticket-free built-in one every bank's handsets share.
    expect(text).toContain('PackageURL = http://bank.test/m/app/pkg/kodama/docomo/ketai-token.jar');
    const jad = await (await gateway.request('http://bank.test/m/biz/20200001/au/ketai-token.jad')).text();
    expect(jad).toContain('KT-Service-Id: 20200001');
  });

  it('refuses a personal bank’s and an unknown サービスID', async () => {
    const { gateway } = await bizApp();
    expect((await gateway.request('http://bank.test/m/biz/10100001', { headers: { 'user-agent': P07A } })).status).toBe(404);
    expect((await gateway.request('http://bank.test/m/biz/99999999/docomo/ketai-token.jam')).status).toBe(404);
    expect((await gateway.request('http://bank.test/m/biz/10100001/docomo/ketai-token.jar')).status).toBe(404);
  });
});
