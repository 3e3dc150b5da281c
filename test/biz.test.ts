import { describe, expect, it } from 'vitest';
import { codeAt } from '../gateway/otp/code.ts';
import { bizServices } from '../gateway/biz/index.ts';
import { createApp } from '../gateway/routes.ts';
import type { Token } from '../gateway/store/schema.ts';
import { apiFor } from './helpers/api.ts';
import { freshPostgresUrl, SKIP_POSTGRES } from './helpers/backends.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices } from './helpers/services.ts';

const BIZ_SERVICE = '20200001';
const PERSONAL_SERVICE = '10100001';

async function setUp(env: Record<string, string> = {}) {
  const { services, clock } = await testServices(undefined, env);
  const app = createApp(services);
  return { services, clock, app, client: new PortalClient(app) };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

/** POST /m/app/enroll as the token app sends it; returns the key=value lines. */
async function enrolRequest(app: Setup['app'], serviceId: string, ip?: string) {
  const response = await app.request('http://bank.test/m/app/enroll', {
    method: 'POST',
    body: new URLSearchParams({ serviceId }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  }, ip ? { incoming: { socket: { remoteAddress: ip } } } : undefined);
  const text = await response.text();
  return { status: response.status, fields: Object.fromEntries(text.trim().split('\n').map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])) };
}

/** A phone that enrolled: its serial and a function for its code at the test clock. */
async function enrolledPhone(setup: Setup) {
  const { fields } = await enrolRequest(setup.app, BIZ_SERVICE);
  const token = { algorithm: fields.algorithm, digits: Number(fields.digits), period: Number(fields.period) } as Token;
  return { serial: fields.serial!, code: () => codeAt(fields.secret!, token, setup.clock.now()) };
}

async function login(client: PortalClient, loginId = 'admin01', password = 'Passw0rd!') {
  await client.get('/biz/');
  return client.post('/biz/login', { loginId, password });
}

/** admin01 registers `phone` for `customerId` from BOA002 (BOA003 first when the user has a token). */
async function register(setup: Setup, customerId: string, phone: { serial: string; code: () => string }, fields: Record<string, string> = {}) {
  await setup.client.get(`/biz/admin/otp/register?customerId=${customerId}`);
  return setup.client.post('/biz/admin/otp/new', { customerId, serial: phone.serial, otp: phone.code(), approvalPassword: 'shonin01', ...fields });
}

describe('POST /m/app/enroll', () => {
  it('mints an unbound 6-digit token of the business bank and audits it', async () => {
    const setup = await setUp();
    const { status, fields } = await enrolRequest(setup.app, BIZ_SERVICE);
    expect(status).toBe(200);
    expect(fields.serial).toMatch(/^KT[0-9A-Z]{10}$/);
    expect(fields).toMatchObject({ digits: '6', period: '30', issuer: 'こだま野信用金庫' });
    const token = await setup.services.db.tokens.get(fields.serial!);
    expect(token).toMatchObject({ tenantId: 'kodama', status: 'provisioned' });
    expect(token?.customerId).toBeUndefined();
    const events = await setup.services.db.audit.list({ tenantId: 'kodama', action: 'biz.enrol', limit: 5 });
    expect(events[0]).toMatchObject({ result: 'ok', actor: 'handset' });
  });

  it('refuses an unknown or a personal サービスID with unknown_service, and a malformed one with bad_request', async () => {
    const setup = await setUp();
    expect(await enrolRequest(setup.app, PERSONAL_SERVICE)).toMatchObject({ status: 404, fields: { error: 'unknown_service' } });
    expect(await enrolRequest(setup.app, '99999999')).toMatchObject({ status: 404, fields: { error: 'unknown_service' } });
    expect(await enrolRequest(setup.app, 'abc')).toMatchObject({ status: 400, fields: { error: 'bad_request' } });
  });

  it('allows 30 a minute from one address, then rate_limited; another address and the next minute go on', async () => {
    const setup = await setUp();
    for (let i = 0; i < 30; i++) expect((await enrolRequest(setup.app, BIZ_SERVICE, '10.0.0.1')).status).toBe(200);
    expect(await enrolRequest(setup.app, BIZ_SERVICE, '10.0.0.1')).toMatchObject({ status: 429, fields: { error: 'rate_limited' } });
    expect((await enrolRequest(setup.app, BIZ_SERVICE, '10.0.0.2')).status).toBe(200);
    setup.clock.advance(60_000);
    expect((await enrolRequest(setup.app, BIZ_SERVICE, '10.0.0.1')).status).toBe(200);
  });
});

describe('BBL001 / BBM001 / BKN001', () => {
  it('logs admin01 in to メイン with ようこそ and the login times, and shows 管理機能', async () => {
    const setup = await setUp();
    await setup.client.get('/biz/');
    expect(setup.client.page.screen).toBe('BBL001');
    expect(setup.client.page.html).toContain('画面ID : BBL001');
    await login(setup.client);
    expect(setup.client.page.screen).toBe('BBM001');
    expect(setup.client.page.html).toContain('ようこそ こだま 一郎 様');
    expect(setup.client.field('loginTimes')).toBe('2026/11/22 12:00 ログイン');
    await setup.client.post('/biz/logout', {});
    setup.clock.advance(3_600_000);
    await login(setup.client);
    expect(setup.client.field('loginTimes')).toBe('2026/11/22 13:00 ログイン(前回 2026/11/22 12:00)');
    await setup.client.get('/biz/admin');
    expect(setup.client.page.screen).toBe('BKN001');
    expect(setup.client.page.html).toContain('ワンタイムパスワード認証情報管理');
  });

  it('refuses empty fields with field errors, a wrong password, and a personal customer', async () => {
    const setup = await setUp();
    await setup.client.get('/biz/');
    await setup.client.post('/biz/login', { loginId: '', password: '' });
    expect(setup.client.page.status).toBe(400);
    expect(setup.client.fieldError('loginId')).toBe('ログインIDを入力してください。');
    expect(setup.client.fieldError('password')).toBe('ログインパスワードを入力してください。');
    await setup.client.post('/biz/login', { loginId: 'admin01', password: 'wrong' });
    expect(setup.client.messages()).toContain('ログインIDまたはログインパスワードが正しくありません。');
    await setup.client.post('/biz/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(setup.client.page.screen).toBe('BBL001');
    expect(setup.client.page.status).toBe(400);
  });

  it('refuses a 一般者 every 管理機能 screen', async () => {
    const setup = await setUp();
    await login(setup.client, 'W0005');
    expect(setup.client.page.screen).toBe('BBM001');
    expect(setup.client.page.html).not.toContain('href="/biz/admin"');
    for (const path of ['/biz/admin', '/biz/admin/otp', '/biz/admin/otp/user?customerId=W0005', '/biz/admin/otp/register?customerId=W0005']) {
      await setup.client.get(path);
      expect(setup.client.page.status, path).toBe(403);
      expect(setup.client.messages()).toContain('管理機能は管理者のみご利用いただけます。');
    }
    await setup.client.post('/biz/admin/otp/new', { customerId: 'W0005', serial: 'KT0000000000', otp: '000000', approvalPassword: 'x' });
    expect(setup.client.page.status).toBe(403);
  });

  it('keeps the personal and the business login apart in one browser', async () => {
    const setup = await setUp();
    await setup.client.get('/');
    await setup.client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    await login(setup.client);
    await setup.client.get('/ib/top');
    expect(setup.client.page.screen).toBe('BTP001');
    await setup.client.get('/biz/main');
    expect(setup.client.page.screen).toBe('BBM001');
  });
});

describe('BOA001 user list', () => {
  it('pages 12 users 10 at a time, masks serials and shows 利用権限', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0003', phone);
    await setup.client.get('/biz/admin/otp');
    const { html } = setup.client.page;
    expect(setup.client.page.screen).toBe('BOA001');
    expect(setup.client.field('count')).toBe('1から10件/12件');
    expect(html.match(/name="customerId"/g)).toHaveLength(10);
    expect(html).toMatch(/data-user="W0001">[\s\S]*?管理者/);
    expect(html).toMatch(/data-user="W0002">[\s\S]*?data-field="serial">-<[\s\S]*?一般者/);
    expect(html).toMatch(/data-user="W0003">[\s\S]*?data-field="serial">●●●●●●●●</);
    expect(html).not.toContain(phone.serial);
    expect(html).toContain('次へ&gt;');
    expect(html).toContain('最後へ&gt;&gt;');
    await setup.client.get('/biz/admin/otp?page=2');
    expect(setup.client.field('count')).toBe('11から12件/12件');
    expect(setup.client.page.html).toContain('data-user="W0012"');
    expect(setup.client.page.html).not.toContain('次へ&gt;');
  });

  it('filters by ID, name and 登録状況', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0003', phone);
    await setup.client.get('/biz/admin/otp?id=W0011');
    expect(setup.client.field('count')).toBe('1から1件/1件');
    await setup.client.get(`/biz/admin/otp?name=${encodeURIComponent('五月')}`);
    expect(setup.client.page.html).toContain('data-user="W0005"');
    expect(setup.client.field('count')).toBe('1から1件/1件');
    await setup.client.get('/biz/admin/otp?status=registered');
    expect(setup.client.field('count')).toBe('1から1件/1件');
    expect(setup.client.page.html).toContain('data-user="W0003"');
    await setup.client.get('/biz/admin/otp?status=unregistered');
    expect(setup.client.field('count')).toBe('1から10件/11件');
  });

  it('refuses a user of no company of this administrator', async () => {
    const setup = await setUp();
    await login(setup.client);
    await setup.client.get('/biz/admin/otp/user?customerId=c-taro');
    expect(setup.client.page.status).toBe(404);
    expect(setup.client.messages()).toContain('選択された利用者は見つかりませんでした。一覧から選択し直してください。');
  });
});

describe('register, exchange, unregister', () => {
  it('registers an enrolled token (BOA002 → BOA004 → BOA005) and the user logs in with it (BBL002)', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await setup.client.get('/biz/admin/otp/user?customerId=W0005');
    expect(setup.client.page.screen).toBe('BOA002');
    expect(setup.client.field('status')).toBe('未登録');
    await setup.client.get('/biz/admin/otp/register?customerId=W0005');
    expect(setup.client.page.screen).toBe('BOA004');
    await register(setup, 'W0005', phone);
    expect(setup.client.page.screen).toBe('BOA005');
    expect(setup.client.page.html).toContain('利用形態とトークンを登録しました。登録されたトークンは現在より有効となります。');
    expect(setup.client.field('serial')).toBe('●●●●●●●●');
    expect(setup.client.page.html).not.toContain(phone.serial);
    expect(await setup.services.db.tokens.get(phone.serial)).toMatchObject({ customerId: 'W0005', status: 'active' });
    const events = await setup.services.db.audit.list({ tenantId: 'kodama', customerId: 'W0005', action: 'biz.token.register', limit: 5 });
    expect(events[0]).toMatchObject({ result: 'ok', actor: 'customer:W0001' });

    setup.clock.advance(30_000);
    const user = new PortalClient(setup.app);
    await login(user, 'W0005');
    expect(user.page.screen).toBe('BBL002');
    await user.post('/biz/login/otp', { otp: phone.code() });
    expect(user.page.screen).toBe('BBM001');
  });

  it('refuses a foreign, a bound, an unknown, a malformed and an expired serial, without echoing it', async () => {
    const setup = await setUp();
    await login(setup.client);
    const personal = await setup.services.tokens.issue((await setup.services.db.tenants.get('himawari'))!);
    await register(setup, 'W0005', { serial: personal.token.serial, code: () => '123456' });
    expect(setup.client.fieldError('serial')).toBe('シリアル番号が正しくありません。トークンに表示されているシリアル番号を入力してください。');
    expect(setup.client.page.html).not.toContain(personal.token.serial);
    await register(setup, 'W0005', { serial: 'KT0000000000', code: () => '123456' });
    expect(setup.client.fieldError('serial')).toContain('シリアル番号が正しくありません');
    await register(setup, 'W0005', { serial: 'KT00', code: () => '123456' });
    expect(setup.client.fieldError('serial')).toBe('シリアル番号は半角英数12文字で入力してください。');
    const phone = await enrolledPhone(setup);
    await register(setup, 'W0006', phone);
    expect(setup.client.page.screen).toBe('BOA005');
    setup.clock.advance(30_000);
    await register(setup, 'W0005', phone);
    expect(setup.client.page.status).toBe(409);
    expect(setup.client.fieldError('serial')).toBe('このトークンは既に登録されています。新しいトークンのシリアル番号を入力してください。');
    const late = await enrolledPhone(setup);
    setup.clock.advance(7 * 86_400_000);
    await login(setup.client);
    await register(setup, 'W0005', late);
    expect(setup.client.fieldError('serial')).toContain('登録の期限（初期設定から7日）を過ぎています');
    expect((await setup.services.db.customers.get('W0005'))?.tokenSerial).toBeUndefined();
  });

  it('counts a wrong 承認用パスワード toward its lock and refuses a wrong code', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0005', phone, { approvalPassword: 'wrong' });
    expect(setup.client.fieldError('approvalPassword')).toBe('承認用パスワードが正しくありません。（あと4回誤るとロックされます）');
    expect((await setup.services.db.customers.get('W0001'))?.confirmFailures).toBe(1);
    for (let i = 0; i < 4; i++) await register(setup, 'W0005', phone, { approvalPassword: 'wrong' });
    expect(setup.client.messages()[0]).toContain('承認用パスワードを規定回数以上誤って入力されたため');
    await register(setup, 'W0005', phone);
    expect(setup.client.page.screen).toBe('BOA004');
    expect(setup.client.messages()[0]).toContain('お取引を制限しています');
    const fresh = await setUp();
    const other = await enrolledPhone(fresh);
    await login(fresh.client);
    await register(fresh, 'W0005', other, { otp: '000000' });
    expect(fresh.client.fieldError('otp')).toMatch(/ワンタイムパスワードが正しくありません/);
  });

  it('exchanges: BOA003 current code (a replay refused), then the new token; the old one is revoked at once', async () => {
    const setup = await setUp();
    const oldPhone = await enrolledPhone(setup);
    const newPhone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0002', oldPhone);
    await setup.client.get('/biz/admin/otp/register?customerId=W0002');
    expect(setup.client.page.screen).toBe('BOA003');
    expect(setup.client.page.html).toContain('現在ご利用中のトークンをご使用ください。');
    // The code just used to register is a replay.
    await setup.client.post('/biz/admin/otp/current', { customerId: 'W0002', otp: oldPhone.code() });
    expect(setup.client.page.screen).toBe('BOA003');
    expect(setup.client.fieldError('otp')).toContain('同じパスワードは連続して使用できません');
    // BOA004 cannot be reached around BOA003.
    await setup.client.post('/biz/admin/otp/new', { customerId: 'W0002', serial: newPhone.serial, otp: newPhone.code(), approvalPassword: 'shonin01' });
    expect(setup.client.page.status).toBe(409);
    setup.clock.advance(30_000);
    await setup.client.post('/biz/admin/otp/current', { customerId: 'W0002', otp: oldPhone.code() });
    expect(setup.client.page.screen).toBe('BOA004');
    await setup.client.post('/biz/admin/otp/new', { customerId: 'W0002', serial: newPhone.serial, otp: newPhone.code(), approvalPassword: 'shonin01' });
    expect(setup.client.page.screen).toBe('BOA005');
    expect(setup.client.messages()).toContain('交換が完了しました。');
    expect(await setup.services.db.tokens.get(oldPhone.serial)).toMatchObject({ status: 'revoked' });
    expect(await setup.services.db.tokens.get(newPhone.serial)).toMatchObject({ status: 'active', customerId: 'W0002' });
    expect((await setup.services.db.customers.get('W0002'))?.tokenSerial).toBe(newPhone.serial);
    setup.clock.advance(30_000);
    expect((await setup.services.tokens.verify(oldPhone.serial, oldPhone.code())).reason).toBe('revoked');
    const events = await setup.services.db.audit.list({ tenantId: 'kodama', customerId: 'W0002', limit: 20 });
    expect(events.map((event) => `${event.action}:${event.result}`)).toEqual(expect.arrayContaining(['biz.token.exchange:ok', 'biz.token.prove-current:ok', 'biz.token.prove-current:replayed', 'biz.token.register:ok']));
  });

  it('unregisters (BOA006 → BOA007) with 承認用パスワード and the current code', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0004', phone);
    setup.clock.advance(30_000);
    await setup.client.get('/biz/admin/otp/user?customerId=W0004');
    expect(setup.client.field('status')).toBe('登録完了');
    await setup.client.get('/biz/admin/otp/release?customerId=W0004');
    expect(setup.client.page.screen).toBe('BOA006');
    await setup.client.post('/biz/admin/otp/release', { customerId: 'W0004', otp: '', approvalPassword: '' });
    expect(setup.client.fieldError('otp')).toBe('ワンタイムパスワードを入力してください。');
    expect(setup.client.fieldError('approvalPassword')).toBe('承認用パスワードを入力してください。');
    await setup.client.post('/biz/admin/otp/release', { customerId: 'W0004', otp: phone.code(), approvalPassword: 'shonin01' });
    expect(setup.client.page.screen).toBe('BOA007');
    expect(await setup.services.db.tokens.get(phone.serial)).toMatchObject({ status: 'revoked' });
    const user = await setup.services.db.customers.get('W0004');
    expect(user?.tokenSerial).toBeUndefined();
    // Without a token the user logs in with the password alone.
    const client = new PortalClient(setup.app);
    await login(client, 'W0004');
    expect(client.page.screen).toBe('BBM001');
  });
});

describe('BRK001 利用履歴照会', () => {
  it('lists the company’s steps newest first, filters by お客様ID and date, pages 20 at a time', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0005', phone);
    await setup.client.get('/biz/admin/history?customerId=W0005');
    expect(setup.client.page.screen).toBe('BRK001');
    const rows = [...setup.client.page.html.matchAll(/data-event="([^"]+)"/g)].map((match) => match[1]);
    expect(rows[0]).toBe('biz.token.register');
    expect(rows).toContain('otp.verify');
    expect(setup.client.page.html).not.toContain(phone.serial);
    await setup.client.get('/biz/admin/history?customerId=W0005&date=2026-11-23');
    expect(setup.client.page.html).toContain('該当する履歴はありません。');
    await setup.client.get('/biz/admin/history?date=2026-11-22');
    expect(setup.client.page.html).toContain('data-event="login"');
    await setup.client.get('/biz/admin/history?date=22-11-2026');
    expect(setup.client.page.status).toBe(400);
    await setup.client.get('/biz/admin/history?customerId=c-taro');
    expect(setup.client.page.status).toBe(400);
    // Another bank's customer's events never show; 22 logins of W0006 fill more than a page.
    const personal = new PortalClient(setup.app);
    await personal.get('/');
    await personal.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    for (let i = 0; i < 22; i++) await login(new PortalClient(setup.app), 'W0006');
    // The bank's events that concern no user of this company (an enrolment) stay out.
    await enrolRequest(setup.app, BIZ_SERVICE);
    await setup.client.get('/biz/admin/history');
    expect(setup.client.page.html).not.toContain('c-taro');
    expect(setup.client.page.html).not.toContain('data-event="biz.enrol"');
    expect([...setup.client.page.html.matchAll(/data-event=/g)]).toHaveLength(20);
    expect(setup.client.page.html).toContain('次へ&gt;');
    const next = /href="(\/biz\/admin\/history\?before=[^"]+)"/.exec(setup.client.page.html)![1]!.replace(/&amp;/g, '&');
    await setup.client.get(next);
    expect(setup.client.page.screen).toBe('BRK001');
    expect(setup.client.page.html).toContain('data-event=');
  });
});

describe('BIL001 IDロック解除', () => {
  it('lists a user locked by wrong login passwords and unlocks them after the 承認用パスワード', async () => {
    const setup = await setUp();
    const user = new PortalClient(setup.app);
    for (let i = 0; i < 5; i++) await login(user, 'W0008', 'wrong');
    await login(user, 'W0008');
    expect(user.messages()[0]).toContain('ログインを一時的に制限しています');
    await login(setup.client);
    await setup.client.get('/biz/admin/unlock');
    expect(setup.client.page.screen).toBe('BIL001');
    expect(setup.client.page.html).toContain('data-user="W0008"');
    expect(setup.client.page.html).not.toContain('data-user="W0009"');
    await setup.client.post('/biz/admin/unlock', { customerId: 'W0008', approvalPassword: 'wrong' });
    expect(setup.client.fieldError('approvalPassword')).toContain('承認用パスワードが正しくありません');
    await setup.client.post('/biz/admin/unlock', { customerId: 'W0008', approvalPassword: 'shonin01' });
    expect(setup.client.messages()).toContain('W0008（こだま 八雲）のロックを解除しました。');
    expect(setup.client.page.html).toContain('ロックされている利用者はいません。');
    await login(user, 'W0008');
    expect(user.page.screen).toBe('BBM001');
    // 利用履歴照会 names the step in Japanese like every other.
    await setup.client.get('/biz/admin/history?customerId=W0008');
    expect(setup.client.page.html).toContain('<td>IDロック解除</td>');
    await setup.client.post('/biz/admin/unlock', { customerId: 'c-taro', approvalPassword: 'shonin01' });
    expect(setup.client.page.status).toBe(404);
  });
});

describe('BOA010 利用形態設定', () => {
  /** BOA010 → 確定, as the administrator submits it. */
  const setUsage = (client: PortalClient, tokenMode: string, loginOtp: string, approvalPassword = 'shonin01') => client.post('/biz/admin/otp/usage', { tokenMode, loginOtp, approvalPassword });
  const storedUsage = async (setup: Setup) => (await setup.services.db.customers.get('W0001'))?.usage;

  it('is reached from BOA001; a change is stored, shown on BOA011 and BOA001, and audited', async () => {
    const setup = await setUp();
    await login(setup.client);
    await setup.client.get('/biz/admin/otp');
    expect(setup.client.page.html).toMatch(/<a href="\/biz\/admin\/otp\/usage"[^>]*>利用形態設定 &gt;<\/a>/);
    expect(setup.client.page.html).toContain('ワンタイムパスワード認証の利用形態の設定を行います。');
    expect(setup.client.field('tokenMode')).toBe('利用者ごとにトークンを利用');
    expect(setup.client.field('loginOtp')).toBe('する');
    await setup.client.get('/biz/admin/otp/usage');
    expect(setup.client.page.screen).toBe('BOA010');
    expect(setup.client.page.html).toMatch(/name="tokenMode" value="individual" checked/);
    expect(setup.client.page.html).toMatch(/name="loginOtp" value="on" checked/);
    await setUsage(setup.client, 'individual', 'off');
    expect(setup.client.page.screen).toBe('BOA011');
    expect(setup.client.field('done')).toBe('利用形態を変更しました。変更後の利用形態は現在より有効となります。');
    expect(setup.client.field('loginOtp')).toBe('しない');
    expect(await storedUsage(setup)).toEqual({ tokenMode: 'individual', loginOtp: false });
    await setup.client.get('/biz/admin/otp');
    expect(setup.client.field('loginOtp')).toBe('しない');
    await setup.client.get('/biz/admin/otp/usage');
    expect(setup.client.page.html).toMatch(/name="loginOtp" value="off" checked/);
    // BOA011 belongs to the change just made: after BOA010 is shown again it leads back there.
    await setup.client.get('/biz/admin/otp/usage/done');
    expect(setup.client.page.screen).toBe('BOA010');
    const events = await setup.services.db.audit.list({ tenantId: 'kodama', customerId: 'W0001', action: 'biz.usage.change', limit: 5 });
    expect(events[0]).toMatchObject({ result: 'ok', actor: 'customer:W0001', detail: { tokenMode: 'individual', loginOtp: false } });
    expect(JSON.stringify(events)).not.toContain('shonin01');
  });

  it('refuses a wrong 承認用パスワード next to the field and counts it; an empty choice or password is asked for', async () => {
    const setup = await setUp();
    await login(setup.client);
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'individual', 'off', 'wrong');
    expect(setup.client.page.screen).toBe('BOA010');
    expect(setup.client.fieldError('approvalPassword')).toBe('承認用パスワードが正しくありません。（あと4回誤るとロックされます）');
    expect((await setup.services.db.customers.get('W0001'))?.confirmFailures).toBe(1);
    expect(await storedUsage(setup)).toBeUndefined();
    // The choice made is kept on the page.
    expect(setup.client.page.html).toMatch(/name="loginOtp" value="off" checked/);
    const events = await setup.services.db.audit.list({ tenantId: 'kodama', customerId: 'W0001', action: 'biz.usage.change', limit: 5 });
    expect(events[0]?.result).toBe('password-wrong');
    await setup.client.post('/biz/admin/otp/usage', { tokenMode: 'both', approvalPassword: '' });
    expect(setup.client.page.status).toBe(400);
    expect(setup.client.fieldError('tokenMode')).toBe('トークンの利用形態を選択してください。');
    expect(setup.client.fieldError('loginOtp')).toContain('「する」「しない」から選択してください');
    expect(setup.client.fieldError('approvalPassword')).toBe('承認用パスワードを入力してください。');
    for (let i = 0; i < 4; i++) await setUsage(setup.client, 'individual', 'off', 'wrong');
    await setUsage(setup.client, 'individual', 'off');
    expect(setup.client.page.status).toBe(403);
    expect(setup.client.messages()[0]).toContain('お取引を制限しています');
    expect(await storedUsage(setup)).toBeUndefined();
  });

  it('refuses a 一般者 (403) and a form without its CSRF token', async () => {
    const setup = await setUp();
    const user = new PortalClient(setup.app);
    await login(user, 'W0005');
    for (const path of ['/biz/admin/otp/usage', '/biz/admin/otp/usage/done']) {
      await user.get(path);
      expect(user.page.status, path).toBe(403);
      expect(user.messages()).toContain('管理機能は管理者のみご利用いただけます。');
    }
    await setUsage(user, 'individual', 'off', 'anything');
    expect(user.page.status).toBe(403);
    await login(setup.client);
    await setup.client.get('/biz/admin/otp/usage');
    await setup.client.post('/biz/admin/otp/usage', { _csrf: '', tokenMode: 'individual', loginOtp: 'off', approvalPassword: 'shonin01' });
    expect(setup.client.page.status).toBe(403);
    expect(setup.client.messages()[0]).toContain('最初から操作をやり直して下さい');
    expect(await storedUsage(setup)).toBeUndefined();
  });

  it('with the login OTP off, a user with a token goes from BBL001 straight to メイン; on again, BBL002', async () => {
    const setup = await setUp();
    const phone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0005', phone);
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'individual', 'off');
    const user = new PortalClient(setup.app);
    await login(user, 'W0005');
    expect(user.page.screen).toBe('BBM001');
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'individual', 'on');
    const again = new PortalClient(setup.app);
    await login(again, 'W0005');
    expect(again.page.screen).toBe('BBL002');
  });

  it('switches to shared only with the administrator’s token registered and no 一般者 holding one', async () => {
    const setup = await setUp();
    const adminPhone = await enrolledPhone(setup);
    const userPhone = await enrolledPhone(setup);
    await login(setup.client);
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'shared', 'on');
    expect(setup.client.page.status).toBe(409);
    expect(setup.client.fieldError('tokenMode')).toBe('全利用者で共用するトークンとして、先に管理者のトークンを登録してください。');
    await register(setup, 'W0001', adminPhone);
    await register(setup, 'W0003', userPhone);
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'shared', 'on');
    expect(setup.client.page.status).toBe(409);
    expect(setup.client.fieldError('tokenMode')).toBe('利用者ごとのトークンを登録解除してから変更してください。（トークン登録済みの一般者: W0003）');
    expect(await storedUsage(setup)).toBeUndefined();
    expect((await setup.services.db.audit.list({ tenantId: 'kodama', customerId: 'W0001', action: 'biz.usage.change', limit: 1 }))[0]?.result).toBe('users-have-tokens');
    setup.clock.advance(30_000);
    await setup.client.get('/biz/admin/otp/release?customerId=W0003');
    await setup.client.post('/biz/admin/otp/release', { customerId: 'W0003', otp: userPhone.code(), approvalPassword: 'shonin01' });
    expect(setup.client.page.screen).toBe('BOA007');
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'shared', 'on');
    expect(setup.client.page.screen).toBe('BOA011');
    expect(await storedUsage(setup)).toEqual({ tokenMode: 'shared', loginOtp: true });
  });

  it('in shared mode every 一般者 logs in with the administrator’s token; a code used by one is refused to another', async () => {
    const setup = await setUp();
    const adminPhone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0001', adminPhone);
    await setup.client.get('/biz/admin/otp/usage');
    await setUsage(setup.client, 'shared', 'on');
    expect(setup.client.page.screen).toBe('BOA011');

    // BOA001 / BOA002 show the shared token, masked, and offer a 一般者 nothing to register.
    await setup.client.get('/biz/admin/otp');
    expect(setup.client.page.html).toMatch(/data-user="W0005">[\s\S]*?data-field="serial">●●●●●●●●<small class="shared-note">（管理者と共用）/);
    expect(setup.client.page.html).not.toContain(adminPhone.serial);
    await setup.client.get('/biz/admin/otp/user?customerId=W0005');
    expect(setup.client.field('status')).toBe('登録完了（管理者のトークンを共用）');
    expect(setup.client.page.html).not.toContain('/biz/admin/otp/register?customerId=W0005');
    await setup.client.get('/biz/admin/otp/register?customerId=W0005');
    expect(setup.client.page.status).toBe(409);
    expect(setup.client.messages()).toContain('全利用者で1つのトークンを共用する利用形態のため、一般者にはトークンを登録できません。管理者に登録されたトークンをご利用ください。');
    const other = await enrolledPhone(setup);
    await setup.client.post('/biz/admin/otp/new', { customerId: 'W0005', serial: other.serial, otp: other.code(), approvalPassword: 'shonin01' });
    expect(setup.client.page.status).toBe(409);
    // Refused before anything is checked: the other phone's code is not consumed.
    expect(await setup.services.db.tokens.get(other.serial)).toMatchObject({ status: 'provisioned', lastStep: null });
    expect((await setup.services.db.customers.get('W0005'))?.tokenSerial).toBeUndefined();
    // The shared token cannot be unregistered while everyone uses it.
    await setup.client.get('/biz/admin/otp/user?customerId=W0001');
    expect(setup.client.page.html).not.toContain('/biz/admin/otp/release?customerId=W0001');
    await setup.client.get('/biz/admin/otp/release?customerId=W0001');
    expect(setup.client.page.status).toBe(409);
    setup.clock.advance(30_000);
    await setup.client.post('/biz/admin/otp/release', { customerId: 'W0001', otp: adminPhone.code(), approvalPassword: 'shonin01' });
    expect(setup.client.page.status).toBe(409);
    expect(setup.client.messages()[0]).toContain('管理者のトークンは登録解除できません');
    // Refused before the code is checked: it stays usable (a 一般者 logs in with it below).
    expect(await setup.services.db.tokens.get(adminPhone.serial)).toMatchObject({ status: 'active', customerId: 'W0001' });

    const first = new PortalClient(setup.app);
    await login(first, 'W0005');
    expect(first.page.screen).toBe('BBL002');
    expect(first.field('shared')).toContain('全利用者で共用しているトークン');
    const code = adminPhone.code();
    await first.post('/biz/login/otp', { otp: code });
    expect(first.page.screen).toBe('BBM001');
    const second = new PortalClient(setup.app);
    await login(second, 'W0006');
    expect(second.page.screen).toBe('BBL002');
    await second.post('/biz/login/otp', { otp: code });
    expect(second.page.screen).toBe('BBL002');
    expect(second.fieldError('otp')).toContain('同じパスワードは連続して使用できません');
    setup.clock.advance(30_000);
    await second.post('/biz/login/otp', { otp: adminPhone.code() });
    expect(second.page.screen).toBe('BBM001');
    // A bank system checking a 一般者's code by customer id checks the same shared token.
    const api = await apiFor(setup.services, BIZ_SERVICE, ['verify'], setup.app);
    setup.clock.advance(30_000);
    expect(await api.call('POST', '/api/v1/verifications', { customerId: 'W0007', otp: adminPhone.code() })).toMatchObject({ status: 200, json: { serial: adminPhone.serial } });
    expect((await api.call('POST', '/api/v1/verifications', { customerId: 'W0008', otp: adminPhone.code() })).json.code).toBe('replayed');
  });
});

const BACKENDS = [
  { name: 'embedded', skip: false, env: async (): Promise<Record<string, string>> => ({}) },
  { name: 'PostgreSQL', skip: SKIP_POSTGRES, env: async (): Promise<Record<string, string>> => ({ DATABASE_URL: await freshPostgresUrl() }) },
];

describe.each(BACKENDS)('利用形態 inside the transaction ($name)', (backend) => {
  it.skipIf(backend.skip)('refuses a registration for a 一般者 and the shared token’s unregistration when the company turned shared after the page was read', async () => {
    const setup = await setUp(await backend.env());
    const adminPhone = await enrolledPhone(setup);
    const userPhone = await enrolledPhone(setup);
    await login(setup.client);
    await register(setup, 'W0001', adminPhone);
    const { db } = setup.services;
    // What BOA004 / BOA006 read before the administrator switched to shared in another window.
    const stale = (await db.customers.get('W0001'))!;
    await setup.client.get('/biz/admin/otp/usage');
    await setup.client.post('/biz/admin/otp/usage', { tokenMode: 'shared', loginOtp: 'on', approvalPassword: 'shonin01' });
    expect((await db.customers.get('W0001'))?.usage?.tokenMode).toBe('shared');
    const { admin } = bizServices(setup.services);
    const user = (await db.customers.get('W0005'))!;
    setup.clock.advance(30_000);
    expect(await admin.register(stale, user, { serial: userPhone.serial, otp: userPhone.code(), approvalPassword: 'shonin01', currentSerial: undefined })).toEqual({ status: 'shared' });
    expect((await db.customers.get('W0005'))?.tokenSerial).toBeUndefined();
    expect(await db.tokens.get(userPhone.serial)).toMatchObject({ status: 'provisioned' });
    expect(await admin.release(stale, stale, { otp: adminPhone.code(), approvalPassword: 'shonin01' })).toEqual({ status: 'shared' });
    expect(await db.tokens.get(adminPhone.serial)).toMatchObject({ status: 'active', customerId: 'W0001' });
    await setup.services.close();
  });
});
