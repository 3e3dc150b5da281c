import { describe, expect, it } from 'vitest';
import { codeAt } from '../gateway/otp/code.ts';
import { createApp } from '../gateway/routes.ts';
import type { Services } from '../gateway/services.ts';
import { fuzzForms, TARGETS } from './helpers/form-fuzz.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { mailedLink, testServices, ticketOf, type TestClock } from './helpers/services.ts';

const MAIL = 'taro..k.@docomo.ne.jp';

async function setUp(start?: number) {
  const { services, clock } = await testServices(start);
  const client = new PortalClient(createApp(services));
  return { services, clock, client };
}

async function login(client: PortalClient, loginId = 'taro', password = 'Passw0rd!') {
  await client.get('/');
  return client.post('/ib/login', { loginId, password });
}

const issueForm = (client: PortalClient, overrides: Record<string, string> = {}) => ({
  formId: client.input('formId') ?? '',
  mail: MAIL,
  mailConfirm: MAIL,
  startPassword: '1234',
  startPasswordConfirm: '1234',
  ...overrides,
});

/** BOP001 → BOT001 → BOT003 → BOT002 through the portal. */
async function issueToken(client: PortalClient) {
  await client.get('/ib/otp/issue');
  await client.post('/ib/otp/issue', issueForm(client));
  return client.post('/ib/otp/issue/confirm', { formId: client.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' });
}

/** The app's 初期設定, as the token app would do it. */
async function provision(services: Services) {
  const { serviceId, userId } = await services.issuance.overview('c-taro');
  const result = await services.issuance.provision({ serviceId, userId, startPassword: '1234', binding: await ticketOf(services, MAIL) });
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** taro with a token 利用中; returns a function for the current code. */
async function activeCustomer() {
  const setup = await setUp();
  await login(setup.client);
  await issueToken(setup.client);
  const { token, secret } = await provision(setup.services);
  const code = () => codeAt(secret, token, setup.clock.now());
  await setup.client.get('/ib/otp/activate');
  await setup.client.post('/ib/otp/activate', { otp: code() });
  setup.clock.advance(60_000);
  return { ...setup, code };
}

describe('frame and screen ids', () => {
  it('shows 画面ID matching data-screen, the bank header, 文字サイズ, ログアウト and the global navigation', async () => {
    const { client } = await setUp();
    await client.get('/');
    expect(client.page.screen).toBe('BLI001');
    expect(client.page.html).toContain('画面ID : BLI001');
    expect(client.page.html).not.toContain('ログアウト');
    await login(client);
    for (const [path, id] of [
      ['/ib/top', 'BTP001'], ['/ib/accounts', 'BKZ001'], ['/ib/procedures', 'BMN001'], ['/ib/otp', 'BOP001'], ['/ib/otp/issue', 'BOT001'],
      ['/ib/transfer', 'BFK001'], ['/ib/transfer/new', 'BFK002'], ['/ib/help', 'BHP001'], ['/ib/nowhere', 'BER001'],
    ] as const) {
      await client.get(path);
      expect(client.page.screen, path).toBe(id);
      expect(client.page.html).toContain(`画面ID : ${id}`);
      for (const text of ['ひまわり台信用組合', 'インターネットバンキング', '文字サイズ', 'ログアウト', 'ホーム', '口座情報', '振込・振替', '各種お申込・手続き', 'ご利用サービスの変更']) {
        expect(client.page.html, `${path} ${text}`).toContain(text);
      }
    }
  });

  it('changes the font size and returns to the page', async () => {
    const { client } = await setUp();
    await login(client);
    const app = createApp((await testServices()).services);
    const response = await app.request('http://bank.test/ib/font/l', { headers: { referer: 'http://bank.test/ib/otp' } });
    expect(response.headers.get('location')).toBe('/ib/otp');
    expect(response.headers.get('set-cookie')).toMatch(/ketai_font=l/);
    const evil = await app.request('http://bank.test/ib/font/l', { headers: { referer: 'http://evil.example/x' } });
    expect(evil.headers.get('location')).toBe('/');
    client.cookies.set('ketai_font', 'l');
    await client.get('/ib/top');
    expect(client.page.html).toContain('class="font-l"');
  });

  it('sends secure headers and no-store on portal pages', async () => {
    const { services } = await setUp();
    const response = await createApp(services).request('/');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });
});

describe('login (BLI001, BLI002)', () => {
  it('asks for both fields, then gives one generic message for a wrong password and an unknown id', async () => {
    const { client } = await setUp();
    await client.get('/');
    await client.post('/ib/login', { loginId: '', password: '' });
    expect(client.fieldError('loginId')).toBe('ログインIDを入力して下さい。');
    expect(client.fieldError('password')).toBe('ログインパスワードを入力して下さい。');
    await client.post('/ib/login', { loginId: 'taro', password: 'wrong' });
    const wrongPassword = client.messages();
    await client.post('/ib/login', { loginId: 'nobody', password: 'wrong' });
    expect(client.messages()).toEqual(wrongPassword);
    expect(wrongPassword).toEqual(['ログインIDまたはログインパスワードが正しくありません。']);
    expect(client.input('loginId')).toBe('nobody');
  });

  it('locks the login after 5 wrong passwords, even for the right one, until the lock ends', async () => {
    const { client, clock } = await setUp();
    await client.get('/');
    for (let i = 0; i < 5; i++) await client.post('/ib/login', { loginId: 'taro', password: 'wrong' });
    expect(client.messages()[0]).toMatch(/ログインを一時的に制限しています。2026年11月22日 12時15分以降/);
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(client.page.screen).toBe('BLI001');
    expect(client.messages()[0]).toMatch(/制限しています/);
    clock.advance(15 * 60_000);
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(client.page.screen).toBe('BLI001'); // the login page itself idled out
    expect(client.messages()).toEqual(['画面の有効期限（5分）が切れました。お手数ですが、もう一度入力して下さい。']);
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(client.page.screen).toBe('BTP001');
  });

  it('sends a new visitor one session cookie and no-store, on a page and on a redirect; a returning one no cookie', async () => {
    const { services } = await setUp();
    const app = createApp(services);
    const sessionCookies = (response: Response) => response.headers.getSetCookie().filter((header) => header.startsWith('ketai_sid='));
    const page = await app.request('http://bank.test/');
    expect(sessionCookies(page)).toHaveLength(1);
    expect(page.headers.get('cache-control')).toBe('no-store');
    const redirect = await app.request('http://bank.test/ib/top');
    expect(redirect.status).toBe(302);
    expect(sessionCookies(redirect)).toHaveLength(1);
    expect(redirect.headers.get('cache-control')).toBe('no-store');
    const id = /ketai_sid=([^;]+)/.exec(sessionCookies(page)[0]!)![1];
    const again = await app.request('http://bank.test/', { headers: { cookie: `ketai_font=l; ketai_sid=${id}` } });
    expect(sessionCookies(again)).toHaveLength(0);
    expect(again.headers.get('cache-control')).toBe('no-store');
    expect(await again.text()).toContain('class="font-l"');
  });

  it('gives a new session id at login, in an httpOnly SameSite=Lax cookie', async () => {
    const { services } = await setUp();
    const app = createApp(services);
    const client = new PortalClient(app);
    await client.get('/');
    const before = client.cookies.get('ketai_sid');
    const response = await app.request('http://bank.test/ib/login', {
      method: 'POST',
      body: new URLSearchParams({ _csrf: client.csrf()!, loginId: 'taro', password: 'Passw0rd!' }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `ketai_sid=${before}` },
    });
    const cookie = response.headers.get('set-cookie')!;
    // Exactly one: the rotated session's, never also the old one's.
    expect(response.headers.getSetCookie().filter((header) => header.startsWith('ketai_sid='))).toHaveLength(1);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toContain(before!);
  });

  it('asks for the OTP when it is 利用中, and refuses a replayed code with its own message', async () => {
    const { client, code, clock } = await activeCustomer();
    await client.post('/ib/logout', {});
    expect(client.page.screen).toBe('BLI001');
    expect(client.messages()).toContain('ログアウトしました。ご利用ありがとうございました。');
    await login(client);
    expect(client.page.screen).toBe('BLI002');
    await client.get('/ib/top');
    expect(client.page.screen).toBe('BLI001'); // not logged in before the OTP
    await client.get('/ib/login/otp');
    await client.post('/ib/login/otp', { otp: 'abc' });
    expect(client.fieldError('otp')).toBe('ワンタイムパスワードは半角数字8桁で入力して下さい。');
    await client.post('/ib/login/otp', { otp: '00000000' });
    expect(client.fieldError('otp')).toMatch(/ワンタイムパスワードが正しくありません。（あと9回/);
    const used = code();
    await client.post('/ib/login/otp', { otp: used.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) }); // full-width
    expect(client.page.screen).toBe('BTP001');

    await client.post('/ib/logout', {});
    await login(client);
    await client.post('/ib/login/otp', { otp: used });
    expect(client.page.screen).toBe('BLI002');
    expect(client.fieldError('otp')).toMatch(/同じパスワードは連続して使用できません/);
    clock.advance(60_000);
    await client.post('/ib/login/otp', { otp: code() });
    expect(client.page.screen).toBe('BTP001');
  });

  it('locks the token after 10 wrong codes and says until when', async () => {
    const { client } = await activeCustomer();
    await client.post('/ib/logout', {});
    await login(client);
    for (let i = 0; i < 10; i++) await client.post('/ib/login/otp', { otp: '00000000' });
    expect(client.messages()[0]).toMatch(/ロックしました。.*以降に再度お試し下さい/);
    await client.post('/ib/login/otp', { otp: '00000000' });
    expect(client.messages()[0]).toMatch(/ロックされています/);
  });
});

describe('sessions and CSRF', () => {
  it('ends the session after 5 minutes idle, with a message, also for a form posted late', async () => {
    const { client, clock } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    clock.advance(4 * 60_000);
    await client.get('/ib/otp/issue');
    expect(client.page.screen).toBe('BOT001'); // activity keeps it alive
    clock.advance(5 * 60_000 + 1);
    await client.post('/ib/otp/issue', issueForm(client));
    expect(client.page.screen).toBe('BLI001');
    expect(client.messages()[0]).toMatch(/一定時間（5分）以上操作がなかったため、ログアウトしました/);
    await client.get('/ib/top');
    expect(client.page.screen).toBe('BLI001');
  });

  it('refuses a POST without the CSRF token or with another session’s token', async () => {
    const { client, services } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    const response = await client.post('/ib/otp/issue', { ...issueForm(client), _csrf: 'forged' });
    expect(response.status).toBe(403);
    expect(client.page.screen).toBe('BER001');
    const other = new PortalClient(createApp(services));
    await other.get('/');
    expect((await other.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!', _csrf: client.csrf()! })).status).toBe(403);
  });
});

describe('BOP001', () => {
  it('shows 登録状況 and enables the buttons the state allows', async () => {
    const { client, services, clock } = await setUp();
    await login(client);
    await client.get('/ib/otp');
    expect(client.field('otpStatus')).toBe('未登録');
    expect(client.page.html).toContain('「ワンタイムパスワード」とは、1分毎に更新される使い捨てのパスワード');
    expect([client.buttonEnabled('トークン発行'), client.buttonEnabled('ワンタイムパスワード利用開始'), client.buttonEnabled('ワンタイムパスワード利用解除')]).toEqual([true, false, false]);
    expect(client.field('serviceId')).toBeNull();
    await client.get('/ib/otp/activate');
    expect(client.page.screen).toBe('BOP001');
    expect(client.messages()[0]).toMatch(/トークン発行後に行えます/);

    await issueToken(client);
    await client.get('/ib/otp');
    expect(client.field('otpStatus')).toBe('トークン発行済');
    expect([client.field('serviceId'), client.field('userId')]).toEqual(['10100001', (await services.issuance.overview('c-taro')).userId]);
    expect([client.buttonEnabled('トークン発行'), client.buttonEnabled('ワンタイムパスワード利用開始'), client.buttonEnabled('ワンタイムパスワード利用解除')]).toEqual([false, true, true]);

    const { token, secret } = await provision(services);
    await client.get('/ib/otp/activate');
    await client.post('/ib/otp/activate', { otp: codeAt(secret, token, clock.now()) });
    await client.get('/ib/otp');
    expect(client.field('otpStatus')).toBe('利用中');
    expect([client.buttonEnabled('トークン発行'), client.buttonEnabled('ワンタイムパスワード利用開始'), client.buttonEnabled('ワンタイムパスワード利用解除')]).toEqual([false, false, true]);
  });
});

describe('トークン発行 BOT001 → BOT003 → BOT002', () => {
  it('reports empty, format and mismatch errors next to each field', async () => {
    const { client } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    await client.post('/ib/otp/issue', issueForm(client, { mail: '', mailConfirm: '', startPassword: '', startPasswordConfirm: '' }));
    expect(client.page.screen).toBe('BOT001');
    expect(client.fieldError('mail')).toBe('携帯電話メールアドレスを入力して下さい。');
    expect(client.fieldError('mailConfirm')).toBe('携帯電話メールアドレス(確認用)を入力して下さい。');
    expect(client.fieldError('startPassword')).toBe('利用開始パスワードを入力して下さい。');
    expect(client.fieldError('startPasswordConfirm')).toBe('利用開始パスワード(確認用)を入力して下さい。');
    await client.post('/ib/otp/issue', issueForm(client, { mail: 'taro@', mailConfirm: 'x', startPassword: '12a', startPasswordConfirm: '12a' }));
    expect(client.fieldError('mail')).toMatch(/正しく入力して下さい/);
    expect(client.fieldError('startPassword')).toBe('利用開始パスワードは4～8桁の数字で入力して下さい。');
    await client.post('/ib/otp/issue', issueForm(client, { mailConfirm: 'taro.k@docomo.ne.jp', startPassword: '123456789' }));
    expect(client.fieldError('mailConfirm')).toBe('携帯電話メールアドレスと携帯電話メールアドレス(確認用)が一致しません。');
    expect(client.fieldError('startPassword')).toMatch(/4～8桁/);
    await client.post('/ib/otp/issue', issueForm(client, { startPasswordConfirm: '1235' }));
    expect(client.fieldError('startPasswordConfirm')).toBe('利用開始パスワードと利用開始パスワード(確認用)が一致しません。');
    expect(client.input('mail')).toBe(MAIL); // the address is kept, passwords are not
  });

  it('accepts carrier addresses that break RFC 5322 and full-width digits', async () => {
    const { client } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    await client.post('/ib/otp/issue', issueForm(client, { mail: 'x.@ezweb.ne.jp', mailConfirm: 'x.@ezweb.ne.jp', startPassword: '１２３４', startPasswordConfirm: '1234' }));
    expect(client.page.screen).toBe('BOT003');
    expect(client.field('mail')).toBe('x.@ezweb.ne.jp');
  });

  it('checks 確認用パスワード: format, wrong, and a lock after repeated wrong ones', async () => {
    const { client } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    await client.post('/ib/otp/issue', issueForm(client));
    const formId = client.input('formId')!;
    await client.post('/ib/otp/issue/confirm', { formId, confirmPassword: '', action: 'confirm' });
    expect(client.fieldError('confirmPassword')).toBe('確認用パスワードを入力して下さい。');
    await client.post('/ib/otp/issue/confirm', { formId, confirmPassword: 'ab', action: 'confirm' });
    expect(client.fieldError('confirmPassword')).toBe('確認用パスワードは半角英数字6～12桁で入力して下さい。');
    await client.post('/ib/otp/issue/confirm', { formId, confirmPassword: 'wrong12', action: 'confirm' });
    expect(client.fieldError('confirmPassword')).toBe('確認用パスワードが正しくありません。（あと4回誤るとロックされます）');
    for (let i = 0; i < 4; i++) await client.post('/ib/otp/issue/confirm', { formId, confirmPassword: 'wrong12', action: 'confirm' });
    expect(client.messages()[0]).toMatch(/お取引を制限しています/);
    await client.post('/ib/otp/issue/confirm', { formId, confirmPassword: 'kakunin1', action: 'confirm' });
    expect(client.page.screen).toBe('BOT003');
    expect(client.messages()[0]).toMatch(/お取引を制限しています/);
  });

  it('申込を中止する returns to BOP001 without an issuance', async () => {
    const { client, services } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    await client.post('/ib/otp/issue', issueForm(client));
    await client.post('/ib/otp/issue/confirm', { formId: client.input('formId')!, confirmPassword: '', action: 'cancel' });
    expect(client.page.screen).toBe('BOP001');
    expect(client.messages()).toContain('トークン発行を中止しました。');
    expect(await services.issuance.overview('c-taro')).toMatchObject({ status: 'none' });
    expect(await services.outbox.mailbox(MAIL)).toHaveLength(0);
  });

  it('確定する creates one issuance and one mail, whatever the double submits and reloads', async () => {
    const { client, services } = await setUp();
    await login(client);
    await client.get('/ib/otp/issue');
    await client.post('/ib/otp/issue', issueForm(client));
    const fields = { formId: client.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' };
    const csrf = client.csrf()!;
    await Promise.all([client.post('/ib/otp/issue/confirm', { ...fields, _csrf: csrf }), client.post('/ib/otp/issue/confirm', { ...fields, _csrf: csrf })]);
    await client.post('/ib/otp/issue/confirm', { ...fields, _csrf: csrf });
    expect(client.page.screen).toBe('BOT002');
    await client.get('/ib/otp/issue/done');
    expect(client.page.screen).toBe('BOT002');
    expect(client.page.html).toContain('トークン発行を受け付けました。');
    const { userId } = await services.issuance.overview('c-taro');
    expect([client.field('mail'), client.field('serviceId'), client.field('userId')]).toEqual([MAIL, '10100001', userId]);
    expect(await services.outbox.mailbox(MAIL)).toHaveLength(1);
    expect(await mailedLink(services, MAIL)).toMatch(/^http:\/\/bank\.test\/m\/dl\//);
    await client.get('/ib/otp/issue');
    expect(client.page.screen).toBe('BOP001');
    expect(client.messages()[0]).toMatch(/トークンは発行済みです/);
  });
});

describe('利用開始 BOK001 → BOK002', () => {
  it('gives each bad code its own message and makes the token 利用中 on success', async () => {
    const { client, services, clock } = await setUp();
    await login(client);
    await issueToken(client);
    await client.get('/ib/otp/activate');
    expect(client.page.screen).toBe('BOK001');
    expect(client.page.html).toMatch(/name="otp"[^>]*inputmode="numeric"|inputmode="numeric"[^>]*name="otp"/);
    await client.post('/ib/otp/activate', { otp: '12345678' });
    expect(client.messages()[0]).toMatch(/初期設定が完了していません/);
    const { token, secret } = await provision(services);
    await client.post('/ib/otp/activate', { otp: '1234' });
    expect(client.fieldError('otp')).toBe('ワンタイムパスワードは半角数字8桁で入力して下さい。');
    await client.post('/ib/otp/activate', { otp: '00000000' });
    expect(client.fieldError('otp')).toMatch(/正しくありません/);
    await client.post('/ib/otp/activate', { otp: codeAt(secret, token, clock.now()) });
    expect(client.page.screen).toBe('BOK002');
    expect(client.page.html).toContain('ワンタイムパスワード利用開始登録を受け付けました。');
    expect((await services.db.customers.get('c-taro'))!.otpStatus).toBe('active');
  });
});

describe('利用解除 BOS001 → BOS002', () => {
  it('revokes the token, says to delete it in the app, and refuses a new issuance until the next day (JST)', async () => {
    // 2026-11-22 21:00 JST
    const { client, services, clock } = await setUp(Date.UTC(2026, 10, 22, 12, 0));
    await login(client);
    await issueToken(client);
    const { token } = await provision(services);
    await client.get('/ib/otp/release');
    expect(client.page.screen).toBe('BOS001');
    await client.post('/ib/otp/release', { confirmPassword: 'wrong12' });
    expect(client.fieldError('confirmPassword')).toMatch(/正しくありません/);
    await client.post('/ib/otp/release', { confirmPassword: 'kakunin1' });
    expect(client.page.screen).toBe('BOS002');
    expect(client.page.html).toContain('「設定」を選択、「トークン削除」を選択');
    expect(client.field('reissueFrom')).toBe('新たなトークン発行は2026年11月23日 00時00分以降に行えます。');
    expect((await services.db.tokens.get(token.serial))!.status).toBe('revoked');

    await client.get('/ib/otp');
    expect(client.field('otpStatus')).toMatch(/利用解除済/);
    await client.get('/ib/otp/issue');
    expect(client.page.screen).toBe('BOP001');
    expect(client.messages()[0]).toBe('利用解除の当日はトークン発行を行えません。2026年11月23日 00時00分以降に再度お手続き下さい。');

    clock.set(Date.UTC(2026, 10, 22, 15, 0)); // midnight in Japan
    await login(client);
    await client.get('/ib/otp/issue');
    expect(client.page.screen).toBe('BOT001');
  });
});

describe('振込・振替', () => {
  const newPayee = { bank: 'さくら坂銀行', branch: '北支店', accountType: '普通', accountNumber: '１２３４５６７', holder: 'ヤマダ ハナコ', amount: '10,000' };

  it('pays a registered payee without an OTP even when it is 利用中', async () => {
    const { client } = await activeCustomer();
    await client.get('/ib/transfer');
    expect(client.page.screen).toBe('BFK001');
    await client.post('/ib/transfer', { payeeId: 'p-1', amount: '5000' });
    expect(client.page.screen).toBe('BFK003');
    expect(client.page.html).not.toContain('name="otp"');
    await client.post('/ib/transfer/confirm', { formId: client.input('formId')! });
    expect(client.page.screen).toBe('BFK004');
    expect(client.field('otpChecked')).toBe('不要（事前登録済み振込先）');
  });

  it('asks for the OTP on its own screen (BFK005) for a new payee when it is 利用中, and pays once on double submit', async () => {
    const { client, code, services } = await activeCustomer();
    await client.get('/ib/transfer/new');
    await client.post('/ib/transfer/new', newPayee);
    expect(client.page.screen).toBe('BFK003');
    expect(client.page.html).not.toContain('name="otp"');
    expect(client.page.html).toContain('>次へ</button>');
    // 次へ is a GET form carrying the form id.
    await client.get(`/ib/transfer/otp?form=${client.input('form')!}`);
    expect(client.page.screen).toBe('BFK005');
    expect(client.page.html).toContain('name="otp"');
    expect(client.page.html).toContain('>次へ</button>');
    const formId = client.input('formId')!;
    // BFK003's own submit never executes a transfer that needs the OTP: it goes to BFK005.
    await client.post('/ib/transfer/confirm', { formId });
    expect(client.page.screen).toBe('BFK005');
    await client.post('/ib/transfer/otp', { formId, otp: '' });
    expect(client.page.screen).toBe('BFK005');
    expect(client.fieldError('otp')).toBe('ワンタイムパスワードは半角数字8桁で入力して下さい。');
    const csrf = client.csrf()!;
    const otp = code();
    await Promise.all([client.post('/ib/transfer/otp', { formId, otp, _csrf: csrf }), client.post('/ib/transfer/otp', { formId, otp, _csrf: csrf })]);
    await client.get('/ib/transfer/done');
    expect(client.page.screen).toBe('BFK004');
    expect(client.field('otpChecked')).toBe('認証済');
    expect((await services.db.accounts.get('c-taro'))!.balance).toBe(1_250_000 - 10_000);
  });

  it('needs no OTP for a new payee while the OTP is not used', async () => {
    const { client } = await setUp();
    await login(client);
    await client.get('/ib/transfer/new');
    await client.post('/ib/transfer/new', newPayee);
    expect(client.page.html).not.toContain('name="otp"');
    await client.post('/ib/transfer/confirm', { formId: client.input('formId')! });
    expect(client.field('otpChecked')).toBe('不要（ワンタイムパスワード未利用）');
  });

  it('reports bad payee fields and amounts', async () => {
    const { client } = await setUp();
    await login(client);
    await client.get('/ib/transfer/new');
    await client.post('/ib/transfer/new', { ...newPayee, accountNumber: '12', holder: 'yamada', amount: '99999999', accountType: 'x' });
    expect(client.fieldError('accountNumber')).toBe('口座番号は7桁の数字で入力して下さい。');
    expect(client.fieldError('holder')).toMatch(/全角カタカナ/);
    expect(client.fieldError('amount')).toMatch(/1円以上10,000,000円以下/);
    expect(client.fieldError('accountType')).toBe('科目を選択して下さい。');
    await client.get('/ib/transfer');
    await client.post('/ib/transfer', { payeeId: '', amount: '2000000' });
    expect(client.fieldError('payeeId')).toBe('振込先を選択して下さい。');
    expect(client.fieldError('amount')).toBe('振込金額が支払可能残高を超えています。');
  });
});

describe('bad input never gets a 500', () => {
  it('fuzzes every form with a valid session and CSRF token: each handler is reached, none answers 5xx', async () => {
    const figures = await fuzzForms({ runs: 300 });
    expect(figures.inputs).toBe(300);
    expect(figures.serverErrors).toBe(0);
    expect([...figures.statuses.keys()].sort()).toEqual(TARGETS.map((target) => target.name).sort());
    for (const [name, counts] of figures.statuses) {
      expect(counts.has(403), name).toBe(false);
      // A form whose checks ran answers some input with its own error page (400); these two only redirect.
      if (name !== 'ログアウト' && name !== 'BFK003 振込内容確認') expect(counts.has(400), `${name}: ${JSON.stringify([...counts])}`).toBe(true);
    }
  }, 120_000);

  it('answers odd content types and huge bodies with a page, in the session that is logged in', async () => {
    const { services } = await testServices();
    const app = createApp(services);
    const client = new PortalClient(app);
    await login(client);
    await client.get('/ib/otp/issue');
    const cookie = [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = `_csrf=${encodeURIComponent(client.csrf()!)}&formId=${client.input('formId')}`;
    for (const [type, body, status] of [
      ['application/json', '{"a":1}', 403],
      ['multipart/form-data; boundary=x', '--x\r\nbroken', 403],
      ['application/x-www-form-urlencoded', `${csrf}&mail=${'a'.repeat(40_000)}`, 413],
      ['application/x-www-form-urlencoded', `${csrf}&mail=%E0%A4%A`, 400],
      ['application/x-www-form-urlencoded; charset=shift_jis', `${csrf}&mail=%82%A0%82%A2`, 400],
    ] as const) {
      const response = await app.request('http://bank.test/ib/otp/issue', { method: 'POST', body, headers: { cookie, 'content-type': type } });
      expect(response.status, type).toBe(status);
      expect(await response.text()).toContain('画面ID');
    }
  });
});

export type { TestClock };

describe('文字サイズ redirect', () => {
  it('never redirects off the site, whatever the Referer', async () => {
    const { services } = await setUp();
    const app = createApp(services);
    const attacks = [
      '::::', 'javascript:alert(1)', '//evil.example/x', 'http://evil.example/ib/otp', 'https://bank.test/ib/otp', 'http://bank.test:8080/ib/otp',
      // same host, but a path a browser reads as another site (scheme-relative after the URL parser's clean-up)
      'http://bank.test//evil.example', 'http://bank.test//evil.example/ib/otp', 'http://bank.test/\\evil.example', 'http://bank.test/\\/evil.example',
      'http://bank.test/\t/evil.example', 'http://bank.test/ib//evil.example', 'http://bank.test/%2F%2Fevil.example', 'http://bank.test/%5Cevil.example',
    ];
    for (const referer of attacks) {
      const response = await app.request('http://bank.test/ib/font/s', { headers: { referer } });
      expect(response.status, referer).toBe(302);
      expect(response.headers.get('location'), referer).toBe('/');
    }
    for (const path of ['/', '/ib/otp', '/ib/otp/issue', '/ib/transfer/new']) {
      const response = await app.request('http://bank.test/ib/font/s', { headers: { referer: `http://bank.test${path}?x=1` } });
      expect(response.headers.get('location'), path).toBe(path);
    }
  });
});
