import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { fitsHandset, javaProfile } from '../gateway/app/profile.ts';
import { createApp } from '../gateway/routes.ts';
import { decodeShiftJis } from '../gateway/markup/shift-jis.ts';
import { mailedLink, testServices } from './helpers/services.ts';

const MAIL = 'taro@docomo.ne.jp';
const SH905I = { 'user-agent': 'DoCoMo/2.0 SH905i(c100;TB;W24H16)' };
const P503I = { 'user-agent': 'DoCoMo/1.0/P503i' };

/** The mailed link, followed with the issuance service's own ticket lookup. */
describe('download link from a real issuance', () => {
  it('shows the bank\'s download page, then a used page once the app is set up', async () => {
    const { services } = await testServices();
    const result = await services.issuance.issue('c-taro', await services.issuance.prepare({ mail: MAIL, startPassword: '1234' }), 'f', 'http://bank.test');
    if (result.status !== 'created') throw new Error(result.status);
    const app = createApp(services);

    const link = await mailedLink(services, MAIL);
    const page = await app.request(link, { headers: SH905I });
    expect(page.status).toBe(200);
    const html = decodeShiftJis(new Uint8Array(await page.arrayBuffer()));
    expect(html).toContain('ひまわり台信用組合');
    expect(html).toContain('ijam="#app"');
    const ticket = link.split('/').at(-1)!;
    const adf = async () => decodeShiftJis(new Uint8Array(await (await app.request(`http://bank.test/m/app/dl/${ticket}/docomo/ketai-token.jam`, { headers: SH905I })).arrayBuffer()));
    const jam = await adf();
    const packageUrl = /PackageURL = (\S+)\r\n/.exec(jam)![1]!;
    const size = (await (await app.request(packageUrl, { headers: SH905I })).arrayBuffer()).byteLength;
    expect(jam).toContain(`AppSize = ${size}\r\n`);
    expect(jam).toContain(`AppParam = ${ticket}\r\n`);

    // A P503i (DoJa-1.0, 10 KB) is offered the package exactly when its size fits, whatever the package is.
    const p503i = decodeShiftJis(new Uint8Array(await (await app.request(link, { headers: P503I })).arrayBuffer()));
    const fits = fitsHandset(javaProfile(detectHandset(P503I), P503I['user-agent'])!, size);
    expect(p503i.includes('ijam="#app"')).toBe(fits);
    expect(p503i.includes('未対応機種')).toBe(!fits);

    const provisioned = await services.issuance.provision({ serviceId: '10100001', userId: result.issuance.userId, startPassword: '1234', binding: ticket });
    expect(provisioned.ok).toBe(true);
    expect((await app.request(link, { headers: SH905I })).status).toBe(410);
    // バージョンアップ re-reads the descriptor: it still answers, without the spent binding, and the package stays.
    const again = await adf();
    expect(again).not.toContain('AppParam');
    expect(again).toContain(`AppSize = ${size}\r\n`);
    expect((await app.request(packageUrl, { headers: SH905I })).status).toBe(200);
  });
});

describe('Java profile of a detected handset', () => {
  it('is worked out again when the same handset object comes with another user agent (the MIDP version it declares)', () => {
    const sb = detectHandset({ 'user-agent': 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1' });
    expect(javaProfile(sb, 'SoftBank/1.0/910T/TJ001 Profile/MIDP-2.0')?.profile).toBe('MIDP-2.0');
    expect(javaProfile(sb, 'SoftBank/1.0/910T/TJ001 Profile/MIDP-1.0')?.profile).toBe('MIDP-1.0');
    expect(javaProfile(sb, 'SoftBank/1.0/910T/TJ001 Profile/MIDP-2.0')?.profile).toBe('MIDP-2.0');
    // Shared between requests: nobody can change it for the next one.
    expect(Object.isFrozen(javaProfile(sb, 'SoftBank/1.0/910T/TJ001 Profile/MIDP-2.0'))).toBe(true);
  });
});
