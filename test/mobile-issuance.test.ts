import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { fitsHandset } from '../gateway/carrier/java.ts';
import { createApp } from '../gateway/routes.ts';
import { decodeShiftJis } from '../gateway/markup/shift-jis.ts';
import { mailedLink, testServices } from './helpers/services.ts';

const MAIL = 'taro@docomo.ne.jp';
/** A FOMA handset whose i-appli takes the built-in package. */
const FOMA = { 'user-agent': 'DoCoMo/2.0 SH905i(c100;TB;W24H16)' };
const P503I = { 'user-agent': 'DoCoMo/1.0/P503i' };

/** The mailed link, followed with the issuance service's own ticket lookup. */
describe('download link from a real issuance', () => {
  it('shows the bank\'s download page, then a used page once the app is set up', async () => {
    const { services } = await testServices();
    const result = await services.issuance.issue('c-taro', await services.issuance.prepare({ mail: MAIL, startPassword: '1234' }), 'f', 'http://bank.test');
    if (result.status !== 'created') throw new Error(result.status);
    const app = createApp(services);

    const link = await mailedLink(services, MAIL);
    const page = await app.request(link, { headers: FOMA });
    expect(page.status).toBe(200);
    const html = decodeShiftJis(new Uint8Array(await page.arrayBuffer()));
    expect(html).toContain('ひまわり台信用組合');
    expect(html).toContain('ijam="#app"');
    const ticket = link.split('/').at(-1)!;
    const jam = await app.request(`http://bank.test/m/app/${ticket}/docomo/ketai-token.jam`, { headers: FOMA });
    const jar = await app.request(`http://bank.test/m/app/${ticket}/docomo/ketai-token.jar`, { headers: FOMA });
    const size = (await jar.arrayBuffer()).byteLength;
    expect(decodeShiftJis(new Uint8Array(await jam.arrayBuffer()))).toContain(`AppSize = ${size}\r\n`);

    // A P503i (DoJa-1.0, 10 KB) is offered the package exactly when its size fits, whatever the package is.
    const p503i = decodeShiftJis(new Uint8Array(await (await app.request(link, { headers: P503I })).arrayBuffer()));
    const fits = fitsHandset(detectHandset(P503I), size);
    expect(p503i.includes('ijam="#app"')).toBe(fits);
    expect(p503i.includes('未対応機種')).toBe(!fits);

    const provisioned = await services.issuance.provision({ serviceId: '10100001', userId: result.issuance.userId, startPassword: '1234' });
    expect(provisioned.ok).toBe(true);
    expect((await app.request(link, { headers: FOMA })).status).toBe(410);
    expect((await app.request(`http://bank.test/m/app/${ticket}/docomo/ketai-token.jar`, { headers: FOMA })).status).toBe(410);
  });
});
