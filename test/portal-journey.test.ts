import { describe, expect, it } from 'vitest';
import { codeAt } from '../gateway/otp/code.ts';
import { createApp } from '../gateway/routes.ts';
import { CHANGE_NOTICE } from '../handset/wording.ts';
import { PortalClient } from './helpers/portal-client.ts';
import { testServices, ticketOf } from './helpers/services.ts';

/** What a new user met on the seed-000 journey (issue 12): header links, targets, ways back, BLI002's way out. */
async function client(loginId?: string) {
  const { services } = await testServices();
  const portal = new PortalClient(createApp(services));
  await portal.get('/');
  if (loginId) await portal.post('/ib/login', { loginId, password: 'Passw0rd!' });
  return { portal, services };
}

const href = (html: string, label: string) => new RegExp(`<a href="([^"]+)"[^>]*>${label}</a>`).exec(html)?.[1];

describe('the portal a new user walks', () => {
  it('shows 商品一覧 in the header, logged in or not, and it opens BSH001 without a login', async () => {
    const { portal } = await client();
    expect(href(portal.page.html, '商品一覧')).toBe('/ib/products');
    await portal.get('/ib/products');
    expect(portal.page.screen).toBe('BSH001');
    expect(portal.page.html).toContain('普通預金');
    await portal.get('/');
    await portal.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    for (const path of ['/ib/top', '/ib/otp', '/ib/transfer']) {
      await portal.get(path);
      expect(href(portal.page.html, '商品一覧'), path).toBe('/ib/products');
    }
  });

  it('gives ご利用サービスの変更 its own screen, not 各種お申込・手続き', async () => {
    const { portal } = await client('taro');
    await portal.get('/ib/top');
    const services = href(portal.page.html, 'ご利用サービスの変更');
    expect(services).toBe('/ib/services');
    expect(services).not.toBe(href(portal.page.html, '各種お申込・手続き'));
    await portal.get(services!);
    expect(portal.page.screen).toBe('BSV001');
    expect(portal.page.html).toContain('画面ID : BSV001');
    expect(portal.field('otpStatus')).toBe('未登録');
    expect(portal.page.html).toContain('href="/ib/otp"');
    expect(portal.page.html).toMatch(/<a href="\/ib\/services" class="current">/);
  });

  it('offers a logged-in user トップページへ on BER001, a visitor ログイン画面へ', async () => {
    const { portal } = await client('taro');
    await portal.get('/ib/nowhere');
    expect(portal.page.screen).toBe('BER001');
    expect(portal.page.html).toContain('<a href="/ib/top">トップページへ</a>');
    expect(portal.page.html).not.toContain('ログイン画面へ');
    const visitor = (await client()).portal;
    await visitor.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!', _csrf: 'forged' });
    expect(visitor.page.screen).toBe('BER001');
    expect(visitor.page.html).toContain('<a href="/">ログイン画面へ</a>');
  });

  it('tells a customer at BLI002 without the phone or the token what to do: contact the bank, which releases it', async () => {
    const { portal, services } = await client('taro');
    // トークン発行 → the app's 初期設定 → 利用開始: the OTP is 利用中, so the next login stops at BLI002.
    await portal.get('/ib/otp/issue');
    const mail = 'taro.lost@docomo.ne.jp';
    await portal.post('/ib/otp/issue', { formId: portal.input('formId') ?? '', mail, mailConfirm: mail, startPassword: '1234', startPasswordConfirm: '1234' });
    await portal.post('/ib/otp/issue/confirm', { formId: portal.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' });
    const { serviceId, userId } = await services.issuance.overview('c-taro');
    const provisioned = await services.issuance.provision({ serviceId: serviceId!, userId: userId!, startPassword: '1234', binding: await ticketOf(services, mail) });
    if (!provisioned.ok) throw new Error(provisioned.error);
    await portal.get('/ib/otp/activate');
    await portal.post('/ib/otp/activate', { otp: codeAt(provisioned.secret, provisioned.token, services.now()) });
    expect(portal.page.screen).toBe('BOK002');
    await portal.post('/ib/logout', {});
    await portal.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(portal.page.screen).toBe('BLI002');
    const notes = /<section class="notes" data-section="lost-token">(.*?)<\/section>/s.exec(portal.page.html)?.[1] ?? '';
    expect(notes).toContain('携帯電話を紛失した場合');
    expect(notes).toContain('トークン（アプリ）を削除した場合');
    expect(notes).toContain('お取引店までご連絡下さい');
    expect(notes).toContain('ひまわり台信用組合でワンタイムパスワードの利用を解除いたします');
    expect(notes).toContain(CHANGE_NOTICE);
  });
});
