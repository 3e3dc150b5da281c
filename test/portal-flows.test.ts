import { describe, expect, it } from 'vitest';
import { createApp } from '../gateway/routes.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices, ticketOf } from './helpers/services.ts';

async function loggedIn(loginId = 'hanako', password = 'Passw0rd!') {
  const { services, clock } = await testServices();
  const app = createApp(services);
  const tabA = new PortalClient(app);
  await tabA.get('/');
  await tabA.post('/ib/login', { loginId, password });
  // A second tab of the same browser: the same cookies, its own page.
  const tabB = new PortalClient(app);
  for (const [name, value] of tabA.cookies) tabB.cookies.set(name, value);
  return { services, clock, tabA, tabB };
}

const bot001 = (tab: PortalClient, mail: string, startPassword: string) => ({ formId: tab.input('formId')!, mail, mailConfirm: mail, startPassword, startPasswordConfirm: startPassword });

describe('two tabs of one session', () => {
  it('each BOT001 form carries its own address and start password through BOT003 to 確定する', async () => {
    const { services, tabA, tabB } = await loggedIn();
    await tabA.get('/ib/otp/issue');
    await tabA.post('/ib/otp/issue', bot001(tabA, 'hanako.nc@ezweb.ne.jp', '13579'));
    expect(tabA.page.screen).toBe('BOT003');
    await tabB.get('/ib/otp/issue');
    await tabB.post('/ib/otp/issue', bot001(tabB, 'hanako.other@ezweb.ne.jp', '2222'));
    expect(tabB.page.screen).toBe('BOT003');
    await tabA.post('/ib/otp/issue/confirm', { formId: tabA.input('formId')!, confirmPassword: 'kakunin2', action: 'confirm' });
    expect(tabA.page.screen).toBe('BOT002');
    expect(tabA.field('mail')).toBe('hanako.nc@ezweb.ne.jp');
    expect(await services.outbox.mailbox('hanako.nc@ezweb.ne.jp')).toHaveLength(1);
    expect(await services.outbox.mailbox('hanako.other@ezweb.ne.jp')).toHaveLength(0);
    const { serviceId, userId } = await services.issuance.overview('c-hanako');
    expect((await services.issuance.provision({ serviceId, userId, startPassword: '13579', binding: await ticketOf(services, 'hanako.nc@ezweb.ne.jp') })).ok).toBe(true);
  });

  it('a stale transfer tab says why it went back to BFK001', async () => {
    const { tabA, tabB } = await loggedIn();
    await tabA.get('/ib/transfer');
    await tabA.post('/ib/transfer', { payeeId: 'p-1', amount: '1000' });
    expect(tabA.page.screen).toBe('BFK003');
    const formId = tabA.input('formId')!;
    await tabA.post('/ib/transfer/confirm', { formId });
    expect(tabA.page.screen).toBe('BFK004');
    await tabB.get('/ib/transfer');
    await tabB.post('/ib/transfer/confirm', { formId: 'an-old-form', _csrf: tabB.csrf()! });
    expect(tabB.page.screen).toBe('BFK001');
    expect(tabB.messages()[0]).toMatch(/この振込の画面は古くなっているか/);
  });
});

describe('a voided issuance shows as such', () => {
  it('after 5 wrong 利用開始パスワード, BOP001 says the issuance is void and offers トークン発行 again', async () => {
    const { services, tabA } = await loggedIn('taro');
    await tabA.get('/ib/otp/issue');
    await tabA.post('/ib/otp/issue', bot001(tabA, 'taro@docomo.ne.jp', '1234'));
    await tabA.post('/ib/otp/issue/confirm', { formId: tabA.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' });
    const { serviceId, userId } = await services.issuance.overview('c-taro');
    const binding = await ticketOf(services, 'taro@docomo.ne.jp');
    for (let i = 0; i < 5; i++) await services.issuance.provision({ serviceId, userId, startPassword: '9999', binding });
    await tabA.get('/ib/otp');
    expect(tabA.field('serviceId')).toBeNull();
    expect(tabA.page.html).toContain('利用開始パスワードを規定回数以上誤ったため、発行済みのトークンは無効になりました。');
    expect(tabA.buttonEnabled('トークン発行')).toBe(true);
    expect(tabA.buttonEnabled('ワンタイムパスワード利用開始')).toBe(false);
    await tabA.get('/ib/otp/activate');
    expect(tabA.page.screen).toBe('BOP001');
    expect(tabA.messages()[0]).toMatch(/無効になりました/);
  });
});

describe('the registered phone hears of every change', () => {
  it('mails a notice on 利用開始 and 利用解除, and the old address when a new one is issued', async () => {
    const { services, clock } = await testServices();
    const issue = async (mail: string, formId: string) => {
      const result = await services.issuance.issue('c-taro', await services.issuance.prepare({ mail, startPassword: '1234' }), formId, 'http://bank.test');
      if (result.status !== 'created') throw new Error(result.status);
      return result.issuance;
    };
    const first = await issue('old@docomo.ne.jp', 'f1');
    const provisioned = await services.issuance.provision({ serviceId: '10100001', userId: first.userId, startPassword: '1234', binding: await ticketOf(services, 'old@docomo.ne.jp') });
    if (!provisioned.ok) throw new Error(provisioned.error);
    const { codeAt } = await import('../gateway/otp/code.ts');
    expect((await services.issuance.activate('c-taro', codeAt(provisioned.secret, provisioned.token, clock.now()))).reason).toBe('ok');
    await services.issuance.release('c-taro');
    clock.advance(24 * 3_600_000);
    await issue('new@docomo.ne.jp', 'f2');
    const subjects = (await services.outbox.mailbox('old@docomo.ne.jp')).map((mail) => mail.subject);
    expect(subjects).toEqual([
      '【ひまわり台信用組合】ワンタイムパスワードアプリのダウンロード',
      '【ひまわり台信用組合】ワンタイムパスワードの利用開始のお知らせ',
      '【ひまわり台信用組合】ワンタイムパスワードの利用解除のお知らせ',
      '【ひまわり台信用組合】ワンタイムパスワードのトークン発行（新しいメールアドレスへのお申込み）のお知らせ',
    ]);
    const actions = (await services.db.audit.list({ tenantId: 'himawari', customerId: 'c-taro', limit: 50 })).map((event) => `${event.action}:${event.result}`);
    expect(actions).toEqual(expect.arrayContaining(['token.issue:ok', 'provision:ok', 'otp.verify:ok', 'token.activate:ok', 'token.release:ok']));
  });
});

describe('the issuance and its mail are one change', () => {
  it('a crash before the mail is sent leaves it queued, and a restart sends it', async () => {
    const { services } = await testServices();
    // The transaction commits the issuance and the queued mail together; nothing was sent yet.
    await services.db.transaction(async (tx) => {
      await services.outbox.queue(tx, { to: 'late@docomo.ne.jp', subject: 's', body: 'b' });
    });
    expect((await services.db.outbox.due(services.now(), 10)).map((mail) => mail.to)).toEqual(['late@docomo.ne.jp']);
    await services.outbox.drain();
    expect(await services.db.outbox.due(services.now(), 10)).toEqual([]);
    expect(await services.outbox.mailbox('late@docomo.ne.jp')).toHaveLength(1);
  });

  it('if the issuance cannot be written, no mail goes out', async () => {
    const { services } = await testServices();
    await expect(
      services.db.transaction(async (tx) => {
        await services.outbox.queue(tx, { to: 'never@docomo.ne.jp', subject: 's', body: 'b' });
        throw new Error('crash between the two writes');
      }),
    ).rejects.toThrow();
    expect(await services.outbox.mailbox('never@docomo.ne.jp')).toEqual([]);
  });
});
