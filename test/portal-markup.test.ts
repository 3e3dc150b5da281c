import { describe, expect, it } from 'vitest';
import { createApp } from '../gateway/routes.ts';
import { PortalClient, type Page } from './helpers/portal-client.ts';
import { testServices } from './helpers/services.ts';

/** Random per-session values (CSRF token, form ids) would make every run differ. */
/** Tokens (CSRF, form ids) and the random ユーザID differ on every run. */
const normalize = (html: string) => html.replace(/value="[A-Za-z0-9_.-]{16,}"/g, 'value="…"').replace(/9998\d{8}/g, '9998________').replace(/form=[0-9a-f-]{36}/g, 'form=…');

/**
 * The portal's screens byte for byte (golden files in test/golden, `vitest -u` after a deliberate
 * change): the markup the JSX renderer produces is the contract the scenarios and testers read.
 */
describe('portal markup (golden files)', () => {
  it('every screen of a walk through login, トークン発行, 利用開始, 利用解除 and 振込', async () => {
    const { services } = await testServices();
    const client = new PortalClient(createApp(services));
    const pages: [string, Page][] = [];
    const keep = (name: string, page: Page) => pages.push([name, page]);
    keep('login', await client.get('/'));
    keep('login-errors', await client.post('/ib/login', { loginId: '', password: '' }));
    keep('top', await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' }));
    for (const [name, path] of [['accounts', '/ib/accounts'], ['procedures', '/ib/procedures'], ['help', '/ib/help'], ['otp', '/ib/otp'], ['not-found', '/ib/nowhere']] as const) {
      keep(name, await client.get(path));
    }
    keep('issue', await client.get('/ib/otp/issue'));
    const form = { mail: 'taro@docomo.ne.jp', mailConfirm: 'taro@docomo.ne.jp', startPassword: '1234', startPasswordConfirm: '1234' };
    keep('issue-errors', await client.post('/ib/otp/issue', { formId: client.input('formId') ?? '', ...form, mailConfirm: 'other@docomo.ne.jp', startPassword: '12' }));
    keep('issue-confirm', await client.post('/ib/otp/issue', { formId: client.input('formId') ?? '', ...form }));
    keep('issue-done', await client.post('/ib/otp/issue/confirm', { formId: client.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' }));
    keep('activate', await client.get('/ib/otp/activate'));
    keep('activate-error', await client.post('/ib/otp/activate', { otp: '1234' }));
    keep('release', await client.get('/ib/otp/release'));
    keep('transfer', await client.get('/ib/transfer'));
    keep('transfer-new', await client.get('/ib/transfer/new'));
    const payee = { bank: 'さくら坂銀行', branch: '北支店', accountType: '普通', accountNumber: '7777777', holder: 'ヤマダ タロウ', amount: '30000' };
    keep('transfer-confirm', await client.post('/ib/transfer/new', payee));
    for (const [name, page] of pages) await expect(normalize(page.html)).toMatchFileSnapshot(`golden/portal-${name}.html`);
    expect(pages.map(([, page]) => page.screen)).toEqual([
      'BLI001', 'BLI001', 'BTP001', 'BKZ001', 'BMN001', 'BHP001', 'BOP001', 'BER001', 'BOT001', 'BOT001', 'BOT003', 'BOT002', 'BOK001', 'BOK001', 'BOS001', 'BFK001', 'BFK002', 'BFK003',
    ]);
  });
});
