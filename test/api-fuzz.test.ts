import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it as itBase } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { createServices, type Services } from '../gateway/services.ts';
import { activeToken, apiFor, type ApiClient } from './helpers/api.ts';
import { BACKENDS, freshPostgresUrl } from './helpers/backends.ts';
import { copyDemoData } from './helpers/demo-data.ts';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { binaryString } from './helpers/arbitraries.ts';

/**
 * Schema fuzzing: whatever a bank system sends, the API answers with a status below 500 and a
 * JSON or problem+json body. Inputs mix the right field names with wrong values, and junk. Both
 * backends: PostgreSQL refuses some text (NUL) that the embedded store keeps.
 */
const RUNS = 60;
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  binaryString({ maxLength: 8 }),
  fc.constantFrom('', 'KT', '１２３４５６７８', '12345678', '00000000', 'null', '-1', '9'.repeat(70), '\u0000', 'c-taro\u0000', '\ud800'),
);
const value = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }));
const fieldsOf = (names: string[]) => fc.dictionary(fc.oneof(fc.constantFrom(...names), text), value, { maxKeys: names.length + 1 });
const bodyOf = (names: string[]) => fc.oneof(fieldsOf(names).map((fields) => JSON.stringify(fields)), value.map((v) => JSON.stringify(v)), text);
const pathPart = fc.oneof(text, fc.constantFrom('KT0000000000', 'c-taro', 'W0001')).map((part) => encodeURIComponent(part.replace(/[\ud800-\udfff]/g, '')) || 'x');
const pairs = (names: string[]) => fc.array(fc.tuple(fc.oneof(fc.constantFrom(...names), text), text), { maxLength: 4 });
/** Several parameters, or one filter alone (so that its value reaches the store, not a 400 for another). */
const query = (names: string[]) => fc.oneof(pairs(names), fc.tuple(fc.constantFrom(...names), text).map((pair) => [pair])).map((list) => new URLSearchParams(list).toString());

let api: ApiClient;
let serial: string;

async function expectClean(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<void> {
  const answer = await api.call(method, path, body, headers);
  expect(answer.status, `${method} ${path} ${body}`).toBeLessThan(500);
  expect(answer.type).toMatch(/^application\/(problem\+)?json/);
}

describe.each(BACKENDS)('every endpoint under random input, $name store', (backend) => {
  let services: Services | undefined;
  // Not tempDir(): that one goes after each test, and this store serves the whole file.
  let dataDir: string | undefined;
  beforeAll(async () => {
    if (backend.skip) return;
    dataDir = await mkdtemp(join(tmpdir(), 'ketai-fuzz-'));
    if (backend.name !== 'postgres') await copyDemoData(dataDir);
    const env = { DATA_DIR: dataDir, API_RATE_PER_MINUTE: '1000000', ...(backend.name === 'postgres' ? { DATABASE_URL: await freshPostgresUrl() } : {}) };
    services = await createServices(testConfig(env));
    api = await apiFor(services);
    serial = (await activeToken(services, 'himawari', 'c-taro')).token.serial;
  }, 60_000);
  afterAll(async () => {
    await services?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  const it = backend.skip ? itBase.skip : itBase;

  it('POST /api/v1/verifications', async () => {
    await fc.assert(fc.asyncProperty(bodyOf(['serial', 'customerId', 'otp']), (body) => expectClean('POST', '/api/v1/verifications', body)), { numRuns: RUNS * 2 });
    await fc.assert(fc.asyncProperty(fc.oneof(fc.record({ serial: fc.oneof(text, fc.constant(serial)), otp: value }), fc.record({ customerId: text, otp: text })), (body) => expectClean('POST', '/api/v1/verifications', JSON.stringify(body))), { numRuns: RUNS });
  }, 120_000);

  it('GET /api/v1/tokens and /api/v1/tokens/{serial}', async () => {
    await fc.assert(fc.asyncProperty(query(['customer', 'status', 'cursor', 'limit']), (q) => expectClean('GET', `/api/v1/tokens?${q}`)), { numRuns: RUNS });
    await fc.assert(fc.asyncProperty(pathPart, (part) => expectClean('GET', `/api/v1/tokens/${part}`)), { numRuns: RUNS });
  }, 120_000);

  it('POST /api/v1/tokens/{serial}/revoke, /unlock, /resync', async () => {
    const target = fc.oneof(pathPart, fc.constant(serial));
    await fc.assert(fc.asyncProperty(target, bodyOf(['reason']), (part, body) => expectClean('POST', `/api/v1/tokens/${part}/revoke`, body)), { numRuns: RUNS });
    await fc.assert(fc.asyncProperty(target, fc.option(bodyOf(['force']), { nil: undefined }), (part, body) => expectClean('POST', `/api/v1/tokens/${part}/unlock`, body)), { numRuns: RUNS });
    await fc.assert(fc.asyncProperty(target, bodyOf(['otp1', 'otp2']), (part, body) => expectClean('POST', `/api/v1/tokens/${part}/resync`, body)), { numRuns: RUNS });
  }, 120_000);

  it('POST /api/v1/customers/{id}/issuances', async () => {
    await fc.assert(
      fc.asyncProperty(pathPart, bodyOf(['mail', 'startPassword']), fc.option(fc.string({ maxLength: 80 }), { nil: undefined }), (id, body, key) =>
        expectClean('POST', `/api/v1/customers/${id}/issuances`, body, key === undefined ? {} : { 'idempotency-key': key.replace(/[^\x20-\x7e]/g, '') }),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);

  it('GET /api/v1/audit', async () => {
    await fc.assert(fc.asyncProperty(query(['serial', 'customer', 'action', 'from', 'to', 'cursor', 'limit']), (q) => expectClean('GET', `/api/v1/audit?${q}`)), { numRuns: RUNS });
  }, 120_000);

  it('the routes without a key and unknown routes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), fc.constantFrom('/api/v1/handset', '/api/v1/openapi.json', '/api/v1/verifications', '/api/v1/tokens'), pathPart, (method, base, part) =>
        expectClean(method, `${base}/${part}`, method === 'GET' ? undefined : '{}'),
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
