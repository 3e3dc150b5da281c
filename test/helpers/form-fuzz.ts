import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { testConfig } from './config.ts';
import { encodeShiftJis } from '../../gateway/markup/shift-jis.ts';
import { codeAt } from '../../gateway/otp/code.ts';
import { createApp } from '../../gateway/routes.ts';
import { createServices } from '../../gateway/services.ts';
import { PortalClient } from './portal-client.ts';
import { binaryString } from './arbitraries.ts';

/**
 * Fuzzes every portal form and the provisioning endpoint as a logged-in attacker would: a valid
 * session and CSRF token, the form's real formId most of the time, and the screen set up first
 * (a pending issuance, a transfer to confirm, a token to activate or release) so that the
 * handler's own checks run. `npm test` runs a few hundred inputs, `npm run fuzz` 10,000 and
 * more. No vitest here: the fuzz command imports it too.
 */

const START = Date.UTC(2026, 10, 22, 3, 0, 0);
const MAIL = 'fuzz..x.@docomo.ne.jp';
/** The portal's only 403 is the CSRF refusal: a fuzzed post that gets it never reached its handler. */
const CSRF_REFUSED = 403;

export interface FuzzFigures {
  inputs: number;
  /** Target name → status → count. */
  statuses: Map<string, Map<number, number>>;
  serverErrors: number;
}

/** What a customer or an attacker might type: junk of every kind, and values near the valid ones. */
const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  binaryString({ maxLength: 40 }),
  fc.stringMatching(/^[0-9０-９ 　-]{0,12}$/),
  fc.stringMatching(/^[0-9]{4,8}$/), // as long as a 利用開始パスワード, an OTP, an amount
  fc.stringMatching(/^[A-Za-z0-9]{0,14}$/),
  fc.constantFrom('', ' ', '0', '-1', '1e9', '99999999999999999999', 'NaN', '__proto__', '\r\n', '\u0000', '<script>', '%00', 'ｶﾅ', '𠮷', MAIL, 'kakunin9', 'Passw0rd?', 'taro', 'cancel', 'confirm', 'p-1', '普通', '当座'),
  fc.string({ minLength: 990, maxLength: 1200 }),
);

type Stage = 'anonymous' | 'fresh' | 'issued' | 'active' | 'otpLogin' | 'pending';

interface Target {
  name: string;
  stage: Stage;
  fields: string[];
  /** Posts one fuzzed input; returns the status. */
  send(client: PortalClient, app: Hono, fields: Record<string, string>, useRealIds: boolean): Promise<number>;
}

/** A portal form: `open` brings the client to the screen that holds it; its _csrf and formId are then sent. */
function form(name: string, stage: Stage, path: string, fields: string[], open: string | ((client: PortalClient) => Promise<unknown>)): Target {
  return {
    name,
    stage,
    fields,
    async send(client, _app, fuzzed, useRealIds) {
      await (typeof open === 'string' ? client.get(open) : open(client));
      const formId = client.input('formId');
      const page = await client.post(path, { ...fuzzed, _csrf: client.csrf() ?? '', ...(useRealIds && formId !== null ? { formId } : {}) }, { follow: false });
      return page.status;
    },
  };
}

/** The ticket of the newest download mail to the fuzz address: the binding its phone would send. */
async function mailedTicket(app: Hono): Promise<string> {
  const mails = (await (await app.request(`http://bank.test/emulator/api/mailbox/${encodeURIComponent(MAIL)}`)).json()) as { body: string }[];
  return /\/m\/dl\/([A-Za-z0-9_-]{32})/.exec(mails.at(-1)?.body ?? '')?.[1] ?? '';
}

const issueInput = { formId: '', mail: MAIL, mailConfirm: MAIL, startPassword: '1357', startPasswordConfirm: '1357' };

/** BOT001 filled in right, so that BOT003 (確認用パスワード) is on screen. */
async function openIssueConfirm(client: PortalClient) {
  await client.get('/ib/otp/issue');
  if (client.page.screen !== 'BOT001') return;
  await client.post('/ib/otp/issue', { ...issueInput, formId: client.input('formId') ?? '' });
}

const NEW_PAYEE = { bank: 'さくら坂銀行', branch: '中央支店', accountType: '普通', accountNumber: '1234567', holder: 'ミホン ジロウ', amount: '1' };

/**
 * The provisioning endpoint, with the pending issuance's real サービスID / ユーザID most of the time.
 * The fuzzed `encoding` picks the body (by its length) and is itself the raw body of one kind.
 */
const provisioning: Target = {
  name: 'POST /m/app/provision',
  stage: 'pending',
  fields: ['serviceId', 'userId', 'startPassword', 'encoding'],
  async send(client, app, fuzzed, useRealIds) {
    const { encoding = '', ...fields } = fuzzed;
    if (useRealIds) Object.assign(fields, { serviceId: client.field('serviceId') ?? '', userId: client.field('userId') ?? '', binding: await mailedTicket(app) });
    const form = new URLSearchParams(fields).toString();
    const [type, body] = {
      0: ['application/x-www-form-urlencoded', form],
      1: ['application/x-www-form-urlencoded; charset=Shift_JIS', encodeShiftJis(Object.entries(fields).map(([k, v]) => `${k}=${v}`).join('&'))],
      2: ['application/x-www-form-urlencoded', new TextEncoder().encode(encoding)],
      3: ['application/json', JSON.stringify(fields)],
      4: ['', form],
    }[encoding.length % 5]! as [string, string | Uint8Array];
    const response = await app.request('http://bank.test/m/app/provision', { method: 'POST', body: body as BodyInit, headers: type ? { 'content-type': type } : {} });
    await response.arrayBuffer();
    if (![200, 400, 401, 404, 409, 410, 413, 423].includes(response.status)) throw new Error(`provisioning answered ${response.status}, not a documented status`);
    return response.status;
  },
};

export const TARGETS: Target[] = [
  form('BLI001 ログイン', 'anonymous', '/ib/login', ['loginId', 'password'], '/'),
  form('ログアウト', 'anonymous', '/ib/logout', [], '/'),
  form('BLI002 ワンタイムパスワード認証', 'otpLogin', '/ib/login/otp', ['otp'], '/ib/login/otp'),
  form('BOT001 トークン発行', 'fresh', '/ib/otp/issue', ['formId', 'mail', 'mailConfirm', 'startPassword', 'startPasswordConfirm'], '/ib/otp/issue'),
  form('BOT003 入力内容確認', 'fresh', '/ib/otp/issue/confirm', ['formId', 'confirmPassword', 'action'], openIssueConfirm),
  form('BOK001 利用開始', 'issued', '/ib/otp/activate', ['otp'], '/ib/otp/activate'),
  form('BOS001 利用解除', 'active', '/ib/otp/release', ['confirmPassword'], '/ib/otp/release'),
  form('BFK001 振込先選択', 'fresh', '/ib/transfer', ['payeeId', 'amount'], '/ib/transfer'),
  form('BFK002 新しい振込先', 'fresh', '/ib/transfer/new', ['bank', 'branch', 'accountType', 'accountNumber', 'holder', 'amount'], '/ib/transfer/new'),
  form('BFK003 振込内容確認', 'fresh', '/ib/transfer/confirm', ['formId', 'otp'], (client) => client.post('/ib/transfer', { payeeId: 'p-1', amount: '1' })),
  form('BFK005 ワンタイムパスワード入力', 'active', '/ib/transfer/otp', ['formId', 'otp'], async (client) => {
    await client.post('/ib/transfer/new', NEW_PAYEE);
    return client.get(`/ib/transfer/otp?form=${client.input('form') ?? ''}`);
  }),
  provisioning,
];

async function setUpStages(dataDir: string): Promise<Record<Stage, { client: PortalClient; app: Hono }>> {
  const gateway = async (name: string) => {
    const services = await createServices(testConfig({ DATA_DIR: join(dataDir, name) }), () => START);
    return createApp(services);
  };
  const loggedIn = async (app: Hono, loginId: string) => {
    const client = new PortalClient(app);
    await client.get('/');
    await client.post('/ib/login', { loginId, password: 'Passw0rd!' });
    return client;
  };
  /** BOT001 → BOT003 → BOT002; the client ends on BOT002, which shows サービスID and ユーザID. */
  const issue = async (client: PortalClient, confirmPassword: string) => {
    await openIssueConfirm(client);
    await client.post('/ib/otp/issue/confirm', { formId: client.input('formId') ?? '', confirmPassword, action: 'confirm' });
    if (client.page.screen !== 'BOT002') throw new Error(`fuzz set-up: トークン発行 ended on ${client.page.screen}`);
  };
  const provision = async (client: PortalClient, app: Hono) => {
    const body = new URLSearchParams({ serviceId: client.field('serviceId') ?? '', userId: client.field('userId') ?? '', startPassword: issueInput.startPassword, binding: await mailedTicket(app) });
    const response = await app.request('http://bank.test/m/app/provision', { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const answer = Object.fromEntries((await response.text()).trim().split('\n').map((line) => line.split('=', 2) as [string, string]));
    if (response.status !== 200) throw new Error(`fuzz set-up: provisioning answered ${response.status} ${answer.message}`);
    return answer;
  };

  // Two gateways: taro and hanako each in one state per gateway, so stages never change each other's screens.
  const first = await gateway('first');
  const pending = await loggedIn(first, 'hanako');
  await issue(pending, 'kakunin2');
  const second = await gateway('second');
  const issued = await loggedIn(second, 'taro');
  await issue(issued, 'kakunin1');
  await provision(issued, second);
  const active = await loggedIn(second, 'hanako');
  await issue(active, 'kakunin2');
  const seed = await provision(active, second);
  await active.get('/ib/otp/activate');
  await active.post('/ib/otp/activate', { otp: codeAt(seed.secret!, { algorithm: 'SHA1', digits: Number(seed.digits), period: Number(seed.period) }, START) });
  if (active.page.screen !== 'BOK002') throw new Error(`fuzz set-up: 利用開始 ended on ${active.page.screen}`);
  return {
    anonymous: { client: new PortalClient(first), app: first },
    fresh: { client: await loggedIn(first, 'taro'), app: first },
    pending: { client: pending, app: first },
    issued: { client: issued, app: second },
    active: { client: active, app: second },
    otpLogin: { client: await loggedIn(second, 'hanako'), app: second },
  };
}

/** Runs `runs` fuzzed inputs over every target; throws at the first 5xx or CSRF refusal. */
export async function fuzzForms(options: { runs: number; seed?: number; onProgress?: (done: number) => void }): Promise<FuzzFigures> {
  // Every failed attempt is an fsync'd write; in memory (tmpfs) the fuzz runs at the speed of the handlers.
  const dataDir = await mkdtemp(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'ketai-fuzz-'));
  const figures: FuzzFigures = { inputs: 0, statuses: new Map(), serverErrors: 0 };
  try {
    const stages = await setUpStages(dataDir);
    const input = fc.record({
      target: fc.constantFrom(...TARGETS),
      values: fc.array(fc.option(value, { freq: 5 }), { minLength: 6, maxLength: 6 }),
      useRealIds: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      extra: fc.dictionary(fc.stringMatching(/^[a-zA-Z_]{1,8}$/).filter((key) => key !== '_csrf'), value, { maxKeys: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(input, async ({ target, values, useRealIds, extra }) => {
        const fields: Record<string, string> = { ...extra };
        target.fields.forEach((name, i) => {
          const fuzzed = values[i];
          if (fuzzed !== null && fuzzed !== undefined) fields[name] = fuzzed;
        });
        const { client, app } = stages[target.stage];
        const status = await target.send(client, app, fields, useRealIds);
        figures.inputs += 1;
        const counts = figures.statuses.get(target.name) ?? new Map<number, number>();
        counts.set(status, (counts.get(status) ?? 0) + 1);
        figures.statuses.set(target.name, counts);
        if (status >= 500) figures.serverErrors += 1;
        options.onProgress?.(figures.inputs);
        if (status >= 500) throw new Error(`${target.name} answered ${status} to ${JSON.stringify(fields).slice(0, 400)}`);
        if (target !== provisioning && status === CSRF_REFUSED) throw new Error(`${target.name} refused a valid session's CSRF token: the handler was never reached`);
      }),
      { numRuns: options.runs, endOnFailure: true, ...(options.seed === undefined ? {} : { seed: options.seed }) },
    );
    return figures;
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
