import { describe, expect, it } from 'vitest';
import { createApp } from '../gateway/routes.ts';
import { decodeShiftJis } from '../gateway/markup/shift-jis.ts';
import { mailedLink, testServices } from './helpers/services.ts';

const MAIL = 'taro@docomo.ne.jp';
const D503I = { 'user-agent': 'DoCoMo/1.0/D503i' };

/** The mailed link, followed with the issuance service's own ticket lookup. */
describe('download link from a real issuance', () => {
  it('shows the bank\'s download page, then a used page once the app is set up', async () => {
    const { services } = await testServices();
    const result = await services.issuance.issue('c-taro', await services.issuance.prepare({ mail: MAIL, startPassword: '1234' }), 'f', 'http://bank.test');
    if (result.status !== 'created') throw new Error(result.status);
    const app = createApp(services);

    const link = await mailedLink(services, MAIL);
    const page = await app.request(link, { headers: D503I });
    expect(page.status).toBe(200);
    const html = decodeShiftJis(new Uint8Array(await page.arrayBuffer()));
    expect(html).toContain('ひまわり台信用組合');
    expect(html).toContain('ijam="#app"');
    const ticket = link.split('/').at(-1)!;
    const jam = await app.request(`http://bank.test/m/app/${ticket}/docomo/ketai-token.jam`, { headers: D503I });
    const jar = await app.request(`http://bank.test/m/app/${ticket}/docomo/ketai-token.jar`, { headers: D503I });
    const size = (await jar.arrayBuffer()).byteLength;
    expect(decodeShiftJis(new Uint8Array(await jam.arrayBuffer()))).toContain(`AppSize = ${size}\r\n`);

    const provisioned = await services.issuance.provision({ serviceId: '10100001', userId: result.issuance.userId, startPassword: '1234' });
    expect(provisioned.ok).toBe(true);
    expect((await app.request(link, { headers: D503I })).status).toBe(410);
    expect((await app.request(`http://bank.test/m/app/${ticket}/docomo/ketai-token.jar`, { headers: D503I })).status).toBe(410);
  });
});
