import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { codeAt } from '../gateway/otp/code.ts';
import { SecretBox } from '../gateway/security/secret-box.ts';
import { keyCheck } from '../gateway/store/key-check.ts';
import { openStore } from '../gateway/store/open.ts';
import { freshPostgresUrl, pgDumpArgs, SKIP_POSTGRES } from './helpers/backends.ts';
import { startGatewayProcess, type GatewayProcess } from './helpers/gateway-process.ts';
import { PortalClient, type RequestTarget } from './helpers/portal-client.ts';
import { tempDir } from './helpers/temp-dir.ts';

const KEY = SecretBox.generateKey();
const MAIL = 'taro.two@docomo.ne.jp';
const running: GatewayProcess[] = [];
afterAll(() => running.forEach((gateway) => gateway.child.kill('SIGKILL')));

/** A browser that talks to whichever gateway `to` names (a load balancer without stickiness). */
function balancer(urls: string[]): RequestTarget & { to: number } {
  const target = {
    to: 0,
    request: (input: string, init?: RequestInit) => fetch(input.replace('http://bank.test', urls[target.to]!), { ...init, redirect: 'manual' }),
  };
  return target;
}

async function gateway(databaseUrl: string) {
  const started = await startGatewayProcess({ DATA_DIR: await tempDir(), DATABASE_URL: databaseUrl, KETAI_SECRET_KEY: KEY.toString('hex') });
  running.push(started);
  return started;
}

describe.skipIf(SKIP_POSTGRES)('two gateways on one PostgreSQL', () => {
  it('serve as one: sessions, mail, one acceptance per code, nothing acknowledged lost to kill -9, no secret in a dump', async () => {
    const databaseUrl = await freshPostgresUrl();
    const [a, b] = await Promise.all([gateway(databaseUrl), gateway(databaseUrl)]);
    const target = balancer([a.url, b.url]);
    const client = new PortalClient(target);

    // A session made on one gateway is valid on the other.
    await client.get('/');
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(client.page.screen).toBe('BTP001');
    target.to = 1;
    await client.get('/ib/top');
    expect(client.page.screen).toBe('BTP001');

    // トークン発行 on B; the mail is in A's dev mailbox.
    await client.get('/ib/otp/issue');
    await client.post('/ib/otp/issue', { formId: client.input('formId')!, mail: MAIL, mailConfirm: MAIL, startPassword: '2468', startPasswordConfirm: '2468' });
    target.to = 0;
    await client.post('/ib/otp/issue/confirm', { formId: client.input('formId')!, confirmPassword: 'kakunin1', action: 'confirm' });
    expect(client.page.screen).toBe('BOT002');
    const userId = client.field('userId')!;
    const mails = (await (await fetch(`${b.url}/emulator/api/mailbox/${MAIL}`)).json()) as { body: string }[];
    expect(mails).toHaveLength(1);
    const ticket = /\/m\/dl\/([A-Za-z0-9_-]{32})/.exec(mails[0]!.body)![1]!;

    // The app's 初期設定 on B, 利用開始 on A.
    const provisioned = await fetch(`${b.url}/m/app/provision`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ serviceId: '10100001', userId, startPassword: '2468', binding: ticket }).toString(),
    });
    expect(provisioned.status).toBe(200);
    const fields = Object.fromEntries((await provisioned.text()).trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
    const token = { algorithm: 'SHA1' as const, digits: 8, period: 60 };
    await client.get('/ib/otp/activate');
    await client.post('/ib/otp/activate', { otp: codeAt(fields.secret!, token, Date.now()) });
    expect(client.page.screen).toBe('BOK002');

    // 24 sessions at BLI002 (logged in one after the other: concurrent checks of one password are
    // counted as failures until they finish) submit the same code at once, over both gateways.
    const sessions: PortalClient[] = [];
    for (let i = 0; i < 24; i++) {
      const own = balancer([a.url, b.url]);
      own.to = i % 2;
      const browser = new PortalClient(own);
      await browser.get('/');
      await browser.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
      expect(browser.page.screen, `login ${i}: HTTP ${browser.page.status} ${browser.page.url}\n${browser.page.html.slice(0, 2000)}`).toBe('BLI002');
      sessions.push(browser);
    }
    const code = codeAt(fields.secret!, token, Date.now() + 60_000);
    const pages = await Promise.all(sessions.map((browser) => browser.post('/ib/login/otp', { otp: code })));
    expect(pages.filter((page) => page.screen === 'BTP001')).toHaveLength(1);

    // kill -9 of A during acknowledged writes (each answered login attempt has written its audit event).
    let answered = 0;
    const attempts = Array.from({ length: 120 }, (_, i) =>
      fetch(`${a.url}/`)
        .then(async (page) => {
          const csrf = /name="_csrf" value="([^"]*)"/.exec(await page.text())![1]!;
          const cookie = page.headers.getSetCookie()[0]!.split(';')[0]!;
          const response = await fetch(`${a.url}/ib/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
            body: new URLSearchParams({ _csrf: csrf, loginId: `nobody${i}`, password: 'x' }).toString(),
          });
          if (response.status === 400) answered++;
        })
        .catch(() => undefined),
    );
    while (answered < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    a.child.kill('SIGKILL');
    await once(a.child, 'exit');
    await Promise.all(attempts);
    const db = await openStore({ dataDir: '/nonexistent', databaseUrl, poolSize: 2, keyCheck: keyCheck(new SecretBox(KEY)) });
    const unknown = (await db.audit.list({ tenantId: 'himawari', action: 'login', limit: 1000 })).filter((event) => event.result === 'unknown');
    expect(unknown.length).toBeGreaterThanOrEqual(answered);
    await db.close();
    // B still serves (the first session was ended by the cap of sessions per customer: log in again).
    target.to = 1;
    await client.get('/ib/top');
    expect(client.page.screen).toBe('BLI001');
    await client.post('/ib/login', { loginId: 'taro', password: 'Passw0rd!' });
    expect(client.page.screen).toBe('BLI002');

    // A dump of the database holds no clear seed, password or download ticket.
    const { stdout } = await promisify(execFile)('pg_dump', ['--data-only', ...pgDumpArgs(databaseUrl)], { maxBuffer: 64 * 1024 * 1024 });
    for (const secret of [fields.secret!, 'Passw0rd!', 'kakunin1', '2468\n', ticket]) expect(stdout).not.toContain(secret);
  }, 120_000);
});
