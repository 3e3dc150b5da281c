import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { OpenAPIHono } from '@hono/zod-openapi';
import { handsetRoutes } from '../gateway/api/handset.ts';
import { decodeShiftJis } from '../gateway/markup/shift-jis.ts';
import { CHANGE_NOTICE } from '../handset/wording.ts';
import { createPackageCatalog } from '../gateway/app/catalog.ts';
import { adfDate } from '../gateway/app/descriptor.ts';
import { DIST, JAR_FILES } from '../handset/java/dist.ts';
import { PACKAGE_DATE } from '../handset/java/package.ts';
import { EXPIRED, UNKNOWN, USED, VALID, mobileApp } from './helpers/mobile-app.ts';
import { tempDir } from './helpers/temp-dir.ts';

const UA = {
  d503i: 'DoCoMo/1.0/D503i',
  d501i: 'DoCoMo/1.0/D501i',
  p07a: 'DoCoMo/2.0 P07A(c500;TB;W24H15)',
  // W31CA: a BREW-only WIN handset (no Java), W53CA: オープンアプリプレイヤー (MIDP 2.0).
  ca32: 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0',
  ca39: 'KDDI-CA39 UP.Browser/6.2.0.13.1.5 (GUI) MMP/2.0',
  hdml: 'UP.Browser/3.04-TS14 UP.Link/3.4.4',
  sb910t: 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1',
  jphoneP: 'J-PHONE/4.0/J-SH51/SNJSHA3029293 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0',
  jphoneC: 'J-PHONE/2.0/J-DN02',
  willcom: 'Mozilla/3.0(WILLCOM;KYOCERA/WX310K/2;1.2.2.16.000000/0.1/C100) Opera 7.0',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  garaho: 'Mozilla/5.0 (Linux; Android 5.1; SH-01J Build/S8133) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/39.0.0.0 Mobile Safari/537.36',
  pc: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
} as const;

/** More i-appli generations for the descriptor tests (no golden download pages of their own). */
const DOJA_UA = {
  p504i: 'DoCoMo/1.0/P504i',
  sh505i: 'DoCoMo/1.0/SH505i/c20/TB/W24H12',
  n900i: 'DoCoMo/2.0 N900i(c100;TB;W24H12)',
  sh905i: 'DoCoMo/2.0 SH905i(c100;TB;W24H16)',
} as const;

async function get(path: string, userAgent: string, headers: Record<string, string> = {}) {
  const app = mobileApp(await tempDir());
  const response = await app.request(`http://gw.example${path}`, { headers: { 'user-agent': userAgent, ...headers } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const shiftJis = /Shift_JIS/i.test(response.headers.get('content-type') ?? '') || path.endsWith('.jam');
  return { response, bytes, text: shiftJis ? decodeShiftJis(bytes) : new TextDecoder().decode(bytes) };
}

describe('download page per handset (golden files in test/golden)', () => {
  it.each(Object.entries(UA))('%s', async (name, userAgent) => {
    const { response, bytes, text } = await get(`/m/dl/${VALID}`, userAgent);
    expect(response.status).toBe(200);
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.length).toBeLessThanOrEqual(detectHandset({ 'user-agent': userAgent }).cacheBytes);
    await expect(`${response.headers.get('content-type')}\n${bytes.length} bytes\n${text}\n`).toMatchFileSnapshot(`golden/download-${name}.txt`);
  });

  it.each(Object.entries(UA))('%s: the meta Content-Type says what the header says', async (_name, userAgent) => {
    const { response, text } = await get(`/m/dl/${VALID}`, userAgent);
    const meta = /<meta http-equiv="Content-Type" content="([^"]+)"/.exec(text)?.[1];
    if (meta) expect(meta).toBe(response.headers.get('content-type'));
  });

  it('gives a cache-less i-mode handset a Shift_JIS i-mode page under 5 KB with the ijam link', async () => {
    const { response, bytes, text } = await get(`/m/dl/${VALID}`, DOJA_UA.p504i);
    expect(response.headers.get('content-type')).toBe('text/html; charset=Shift_JIS');
    expect(bytes.length).toBeLessThan(5120);
    expect(text).toContain(`<object declare id="app" data="/m/app/dl/${VALID}/docomo/ketai-token.jam" type="application/x-jam"></object>`);
    expect(text).toContain('<a ijam="#app" href="/m/help" accesskey="1">\uE6E2ダウンロード</a>');
    expect(text).toContain('ひまわり信用組合');
    expect(text).toContain('2026/11/23 12:00');
    // The keycap is docomo's own Shift_JIS emoji code.
    expect(Buffer.from(bytes).includes(Buffer.from([0xf9, 0x87]))).toBe(true);
  });

  it('gives au and SoftBank XHTML with a JAD link', async () => {
    const au = await get(`/m/dl/${VALID}`, UA.ca39);
    expect(au.text).toContain('-//OPENWAVE//DTD XHTML 1.0//EN');
    expect(au.text).toContain(`href="/m/app/dl/${VALID}/au/ketai-token.jad"`);
    const sb = await get(`/m/dl/${VALID}`, UA.sb910t);
    expect(sb.response.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(sb.text).toContain('-//J-PHONE//DTD XHTML Basic 1.0 Plus//EN');
    expect(sb.text).toContain(`href="/m/app/dl/${VALID}/softbank/ketai_token.jad"`);
  });

  it('sends smartphones and 4G feature phones to the web token and a PC to a QR code', async () => {
    for (const userAgent of [UA.iphone, UA.garaho]) {
      const { text } = await get(`/m/dl/${VALID}`, userAgent);
      // The binding rides in the fragment: it reaches the web token's page, never a server or a log.
      expect(text).toContain(`href="/m/app/web#${VALID}"`);
      expect(text).not.toContain('.jad');
    }
    const pc = await get(`/m/dl/${VALID}`, UA.pc);
    expect(pc.text).toContain('携帯電話で開いてください');
    expect(pc.text).toMatch(/<svg [^>]*>.*<\/svg>/s);
    expect(pc.text).toContain(`http://gw.example/m/dl/${VALID}`);
  });

  it('tells handsets without Java that they are not supported', async () => {
    for (const userAgent of [UA.d501i, UA.hdml, UA.jphoneC, UA.willcom]) {
      const { response, text } = await get(`/m/dl/${VALID}`, userAgent);
      expect(response.status).toBe(200);
      expect(text).toContain('対応していません');
      expect(text).not.toContain('/m/app/');
    }
  });

  it('explains expired, used and unknown tickets', async () => {
    const cases: Array<[string, number, string]> = [
      [EXPIRED, 410, '有効期限が切れています'],
      [USED, 410, '既に使用されたか'],
      [UNKNOWN, 404, 'URLが正しくありません'],
      ['short', 404, 'URLが正しくありません'],
      ['%00%3Cscript%3E', 404, 'URLが正しくありません'],
    ];
    for (const [ticket, status, message] of cases) {
      const { response, text } = await get(`/m/dl/${ticket}`, UA.d503i);
      expect(response.status).toBe(status);
      expect(text).toContain(message);
      expect(text).not.toContain('ijam');
    }
  });

  it('serves the help page with トークン削除 only after 利用解除, and the way out when the phone is lost', async () => {
    const { response, text } = await get('/m/help', UA.d503i);
    expect(response.status).toBe(200);
    expect(text).toContain('「設定」→「トークン削除」');
    expect(text).toContain(CHANGE_NOTICE);
    expect(text.indexOf('利用解除')).toBeLessThan(text.indexOf('トークン削除'));
    expect(text).toContain('紛失');
    expect(text).toContain('金融機関でワンタイムパスワードの利用を解除します');
  });

  it('gives a handset browser at /m/ a top page in its own markup, linking the help', async () => {
    for (const [userAgent, doctype] of [[UA.d503i, '<html><head>'], [UA.ca39, '-//OPENWAVE//DTD XHTML 1.0//EN'], [UA.sb910t, '-//J-PHONE//DTD XHTML Basic 1.0 Plus//EN']] as const) {
      const moved = await get('/m/', userAgent);
      expect(moved.response.status, userAgent).toBe(301);
      expect(moved.response.headers.get('location')).toBe('http://gw.example/m');
      const { response, text } = await get('/m', userAgent);
      expect(response.status, userAgent).toBe(200);
      expect(text).toContain(doctype);
      expect(text).toContain('href="/m/help"');
      expect(text).toContain('ワンタイムパスワード');
    }
  });

  it('says on every carrier that サービスID and ユーザID are on the PC screen, not in the mail', async () => {
    for (const userAgent of [UA.p07a, UA.ca39, UA.sb910t, UA.jphoneP, UA.iphone, UA.garaho]) {
      const { text } = await get(`/m/dl/${VALID}`, userAgent);
      expect(text, userAgent).toContain('パソコンの画面（トークン発行完了画面）に表示されたサービスID・ユーザID');
      expect(text, userAgent).not.toMatch(/メールに記載のサービスID/);
    }
  });

});

describe('app delivery', () => {
  const DOJA_JAR = readFileSync(join(DIST, JAR_FILES.doja));
  const MIDP_JAR = readFileSync(join(DIST, JAR_FILES.midp));
  const lastModified = `LastModified = ${adfDate(new Date(PACKAGE_DATE))}`;

  it('serves a Shift_JIS ADF for the handset\'s DoJa profile, with the real JAR\'s size, class and binding', async () => {
    const { response, bytes, text } = await get(`/m/app/dl/${VALID}/docomo/ketai-token.jam`, DOJA_UA.sh905i);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-jam');
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    const lines = text.split('\r\n');
    expect(text.endsWith('\r\n\r\n')).toBe(true);
    expect(lines).toContain(`AppSize = ${DOJA_JAR.length}`);
    expect(lines).toContain('AppClass = KetaiToken');
    expect(lines).toContain(`AppParam = ${VALID}`);
    expect(lines).toContain('PackageURL = http://gw.example/m/app/pkg/tenant-1/docomo/ketai-token.jar');
    expect(lines).toContain('UseNetwork = http');
    expect(lines).toContain('SPsize = 1024');
    expect(lines).toContain('ProfileVer = DoJa-5.1');
    expect(lines).toContain('ConfigurationVer = CLDC-1.1');
    expect(lines).toContain('X-Ketai-Twin = http://gw.example/m/app/web/token.js');
    // The package's own date, the same on every request (not the server's start time).
    expect(lines).toContain(lastModified);
    // AppName in Shift_JIS, not UTF-8.
    expect(Buffer.from(bytes).includes(Buffer.from('AppName = OTP\x83g\x81[\x83N\x83\x93', 'latin1'))).toBe(true);
    const jar = await get('/m/app/pkg/tenant-1/docomo/ketai-token.jar', DOJA_UA.sh905i);
    expect(jar.response.headers.get('content-type')).toBe('application/java-archive');
    expect(Buffer.from(jar.bytes).equals(DOJA_JAR)).toBe(true);
  });

  it('states each generation\'s own profile, and sends a handset the JAR cannot fit the 未対応 page first', async () => {
    const sh505i = (await get(`/m/app/dl/${VALID}/docomo/ketai-token.jam`, DOJA_UA.sh505i)).text;
    expect(sh505i).toContain('ProfileVer = DoJa-3.0\r\n');
    expect(sh505i).toContain('ConfigurationVer = CLDC-1.0\r\n');
    expect((await get(`/m/app/dl/${VALID}/docomo/ketai-token.jam`, DOJA_UA.n900i)).text).toContain('ProfileVer = DoJa-3.5\r\n');
    expect((await get(`/m/app/dl/${VALID}/docomo/ketai-token.jam`, UA.p07a)).text).toContain('ProfileVer = DoJa-5.1\r\n');
    // DoJa-1.0 handsets hold 10 KB; the built-in JAR is bigger.
    expect(DOJA_JAR.length).toBeGreaterThan(10 * 1024);
    expect((await get(`/m/app/dl/${VALID}/docomo/ketai-token.jam`, UA.d503i)).response.status).toBe(406);
    expect((await get(`/m/dl/${VALID}`, UA.d503i)).text).toContain('未対応機種');
  });

  it('answers whether the JAR fits the same before and after the package is in memory (the catalog\'s ready)', async () => {
    const app = mobileApp(await tempDir());
    const page = async (userAgent: string) => decodeShiftJis(new Uint8Array(await (await app.request(`http://gw.example/m/dl/${VALID}`, { headers: { 'user-agent': userAgent } })).arrayBuffer()));
    // The first request of each reads the package (a promise); the later ones find it in memory.
    for (let round = 0; round < 3; round++) {
      expect(await page(UA.d503i), `round ${round}`).toContain('未対応機種');
      expect(await page(UA.p07a), `round ${round}`).not.toContain('未対応機種');
    }
    const catalog = createPackageCatalog({ dataDir: await tempDir() });
    expect(catalog.ready!('tenant-1', 'docomo')).toBeUndefined();
    const read = await catalog.get('tenant-1', 'docomo');
    expect(catalog.ready!('tenant-1', 'docomo')).toBe(read);
    expect(catalog.ready!('tenant-1', 'au')).toBeUndefined();
    const vendorDir = await tempDir();
    await writeFile(join(vendorDir, 'vendor.jar'), readFileSync(join(DIST, JAR_FILES.doja)));
    await writeFile(join(vendorDir, 'packages.json'), JSON.stringify({ 'tenant-1': { docomo: 'vendor.jar' } }));
    const vendor = createPackageCatalog({ dataDir: vendorDir });
    await vendor.get('tenant-1', 'docomo');
    // A vendor file is looked at on every get (it may change): never answered from memory.
    expect(vendor.ready!('tenant-1', 'docomo')).toBeUndefined();
  });

  it('serves JADs per carrier and MIDP version with the carrier\'s attributes', async () => {
    const au = await get(`/m/app/dl/${VALID}/au/ketai-token.jad`, UA.ca39);
    expect(au.response.headers.get('content-type')).toBe('text/vnd.sun.j2me.app-descriptor; charset=UTF-8');
    expect(au.text).toContain(`MIDlet-Jar-Size: ${MIDP_JAR.length}\r\n`);
    expect(au.text).toContain('MIDlet-Jar-URL: http://gw.example/m/app/pkg/tenant-1/au/ketai-token.jar\r\n');
    expect(au.text).toContain('MIDlet-1: OTPトークン,,KetaiTokenMIDlet\r\n');
    expect(au.text).toContain('MIDlet-X-AllowURL-1: http://gw.example/m/app/\r\n');
    expect(au.text).toContain('MicroEdition-Profile: MIDP-1.0\r\n');
    expect(au.text).toContain('MIDlet-Permissions: javax.microedition.io.Connector.http\r\n');
    expect(au.text).toContain(`Ketai-Binding: ${VALID}\r\n`);
    // SoftBank: file names of letters, digits and _ only; the 3G handset is MIDP 2, the J-PHONE P type MIDP 1 with JSCL.
    expect((await get(`/m/app/dl/${VALID}/softbank/ketai-token.jad`, UA.sb910t)).response.status).toBe(404);
    const sb = await get(`/m/app/dl/${VALID}/softbank/ketai_token.jad`, UA.sb910t);
    expect(sb.text).toContain('MIDlet-Jar-URL: http://gw.example/m/app/pkg/tenant-1/softbank/ketai_token.jar\r\n');
    expect(sb.text).toContain('MIDxlet-Network: Y\r\n');
    expect(sb.text).not.toContain('MIDlet-OCL');
    const jphone = await get(`/m/app/dl/${VALID}/softbank/ketai_token.jad`, UA.jphoneP);
    expect(jphone.text).toContain('MIDlet-OCL: JSCL-1.1.0\r\n');
    expect(jphone.text).not.toContain('MIDlet-Permissions');
    expect(jphone.bytes.length).toBeLessThan(3 * 1024);
    const jar = await get('/m/app/pkg/tenant-1/softbank/ketai_token.jar', UA.jphoneP);
    expect(Buffer.from(jar.bytes).equals(MIDP_JAR)).toBe(true);
  });

  it('keeps answering a used link\'s descriptor without the binding (バージョンアップ), refuses expired and unknown ones', async () => {
    const used = await get(`/m/app/dl/${USED}/docomo/ketai-token.jam`, DOJA_UA.sh905i);
    expect(used.response.status).toBe(200);
    expect(used.text).not.toContain('AppParam');
    expect(used.text).toContain('PackageURL = http://gw.example/m/app/pkg/default/docomo/ketai-token.jar\r\n');
    expect(used.text).toContain(lastModified);
    expect((await get(`/m/app/dl/${USED}/au/ketai-token.jad`, UA.ca32)).text).not.toContain('Ketai-Binding');
    expect((await get(`/m/app/dl/${EXPIRED}/docomo/ketai-token.jam`, UA.d503i)).response.status).toBe(410);
    expect((await get(`/m/app/dl/${UNKNOWN}/au/ketai-token.jad`, UA.ca39)).response.status).toBe(404);
    expect((await get(`/m/app/dl/${VALID}/docomo/ketai-token.jad`, DOJA_UA.sh905i)).response.status).toBe(404);
    expect((await get(`/m/app/dl/${VALID}/docomo/ketai-token.jar`, DOJA_UA.sh905i)).response.status).toBe(404);
    expect((await get(`/m/app/dl/${VALID}/willcom/ketai-token.jad`, UA.d503i)).response.status).toBe(404);
    expect((await get('/m/app/pkg/a.b/docomo/ketai-token.jar', DOJA_UA.sh905i)).response.status).toBe(404);
    expect((await get('/m/app/pkg/default/au/ketai-token.jar', UA.ca39)).response.status).toBe(200);
  });

  it('computes the descriptor from a vendor package configured in packages.json', async () => {
    const dataDir = await tempDir();
    const vendor = new Uint8Array(777).fill(7);
    await writeFile(join(dataDir, 'vendor.jar'), vendor);
    await writeFile(join(dataDir, 'packages.json'), JSON.stringify({ 'tenant-1': { docomo: 'vendor.jar' } }));
    const app = mobileApp(dataDir);
    const jam = await (await app.request(`http://gw.example/m/app/dl/${VALID}/docomo/ketai-token.jam`)).text();
    expect(jam).toContain('AppSize = 777\r\n');
    // The emulator's TypeScript twin stands in for the built-in app only.
    expect(jam).not.toContain('X-Ketai-Twin');
    const jar = new Uint8Array(await (await app.request('http://gw.example/m/app/pkg/tenant-1/docomo/ketai-token.jar')).arrayBuffer());
    expect(jar).toEqual(vendor);
    // Other carriers keep the built-in package.
    expect(await (await app.request(`http://gw.example/m/app/dl/${VALID}/au/ketai-token.jad`)).text()).toContain(`MIDlet-Jar-Size: ${MIDP_JAR.length}`);
  });

  it('puts PUBLIC_URL into PackageURL and the QR link when configured', async () => {
    const app = mobileApp(await tempDir(), 'https://bank.example');
    const jam = decodeShiftJis(new Uint8Array(await (await app.request(`http://internal:8787/m/app/dl/${VALID}/docomo/ketai-token.jam`)).arrayBuffer()));
    expect(jam).toContain('PackageURL = https://bank.example/m/app/pkg/tenant-1/docomo/ketai-token.jar\r\n');
    const pc = await (await app.request(`http://internal:8787/m/dl/${VALID}`, { headers: { 'user-agent': UA.pc } })).text();
    expect(pc).toContain(`https://bank.example/m/dl/${VALID}`);
  });

  it('answers 503, not 500, when the configured package file is missing', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'packages.json'), JSON.stringify({ '*': { au: 'missing.jar' } }));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const response = await mobileApp(dataDir).request(`http://gw.example/m/app/dl/${VALID}/au/ketai-token.jad`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('ただいまダウンロードできません');
    expect(errors).toHaveBeenCalledOnce();
    errors.mockRestore();
  });

  it('answers HEAD for a package with its length', async () => {
    const response = await mobileApp(await tempDir()).request('http://gw.example/m/app/pkg/tenant-1/docomo/ketai-token.jar', { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-length')).toBe(String(DOJA_JAR.length));
  });

  it('rejects a malformed packages.json at start-up with a clear message', async () => {
    const dataDir = await tempDir();
    await writeFile(join(dataDir, 'packages.json'), JSON.stringify({ '*': { nokia: 'x.jar' } }));
    expect(() => mobileApp(dataDir)).toThrow(/carrier \(docomo, au, softbank\)/);
  });
});

describe('GET /api/v1/handset', () => {
  it('classifies the three carriers with their model', async () => {
    const app = handsetRoutes(new OpenAPIHono());
    const ask = async (userAgent: string) => (await app.request('/api/v1/handset', { headers: { 'user-agent': userAgent } })).json();
    expect(await ask('DoCoMo/1.0/D503i')).toEqual({
      carrier: 'docomo', model: 'D503i', deviceId: null, name: null, cacheBytes: 5120, markup: 'chtml', encoding: 'shift_jis', cookies: false, app: 'doja',
    });
    expect(await ask(UA.ca39)).toMatchObject({ carrier: 'au', model: 'CA39', deviceId: 'CA39', name: 'W53CA', markup: 'xhtml', app: 'midp' });
    expect(await ask(UA.ca32)).toMatchObject({ carrier: 'au', name: 'W31CA', app: 'none' });
    expect(await ask(UA.sb910t)).toMatchObject({ carrier: 'softbank', model: '910T', encoding: 'utf-8', app: 'midp' });
    expect(await ask(UA.iphone)).toMatchObject({ carrier: 'smartphone', app: 'web' });
  });
});
