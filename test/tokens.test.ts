import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testConfig } from './helpers/config.ts';
import { codeAt } from '../gateway/otp/code.ts';
import { DEMO_CUSTOMERS } from '../gateway/demo.ts';
import { createServices } from '../gateway/services.ts';
import { demoDataDir } from './helpers/demo-data.ts';

const NOW = Date.UTC(2026, 10, 22, 3, 0, 0);

async function setUp(now = () => NOW) {
  const dataDir = await demoDataDir();
  const services = await createServices(testConfig({ DATA_DIR: dataDir }), now);
  const tenant = (await services.db.tenants.get('himawari'))!;
  return { dataDir, services, tenant };
}

describe('TokenService', () => {
  it('issues a token with a 12-character serial, the tenant policy and 利用期限', async () => {
    const { services, tenant } = await setUp();
    const { token, secret } = await services.tokens.issue(tenant, 'c-taro');
    expect(token.serial).toMatch(/^[0-9A-Z]{12}$/);
    expect(token).toMatchObject({ algorithm: 'SHA1', digits: 8, period: 60, customerId: 'c-taro', issuedAt: '2026-11-22T03:00:00.000Z', expiresAt: '2031-11-22T03:00:00.000Z' });
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(services.tokens.secretOf(token)).toBe(secret);
  });

  it('accepts a code submitted twice at the same moment exactly once', async () => {
    const { services, tenant } = await setUp();
    const { token, secret } = await services.tokens.issue(tenant);
    const code = codeAt(secret, token, NOW);
    const outcomes = await Promise.all([services.tokens.verify(token.serial, code), services.tokens.verify(token.serial, code)]);
    expect(outcomes.map((outcome) => outcome.reason).sort()).toEqual(['ok', 'replayed']);
    expect((await services.tokens.verify(token.serial, code)).reason).toBe('replayed');
  });

  it('accepts exactly one of many concurrent submissions of one code', async () => {
    const { services, tenant } = await setUp();
    const { token, secret } = await services.tokens.issue(tenant);
    const code = codeAt(secret, token, NOW);
    const outcomes = await Promise.all(Array.from({ length: 50 }, () => services.tokens.verify(token.serial, code)));
    expect(outcomes.filter((outcome) => outcome.reason === 'ok')).toHaveLength(1);
  });

  it('locks after the maximum number of wrong codes and unlocks after the lock time', async () => {
    let now = NOW;
    const { services, tenant } = await setUp(() => now);
    const { token, secret } = await services.tokens.issue(tenant);
    for (let i = 0; i < tenant.policy.maxFailures; i++) await services.tokens.verify(token.serial, '00000000');
    expect(await services.tokens.verify(token.serial, codeAt(secret, token, now))).toEqual({ reason: 'locked', lockedUntil: NOW + 30 * 60_000 });
    now += 30 * 60_000;
    expect((await services.tokens.verify(token.serial, codeAt(secret, token, now))).reason).toBe('ok');
  });

  it('refuses codes of a revoked token, of an expired token and of an unknown serial', async () => {
    let now = NOW;
    const { services, tenant } = await setUp(() => now);
    const revoked = await services.tokens.issue(tenant);
    await services.tokens.revoke(revoked.token.serial);
    expect((await services.tokens.verify(revoked.token.serial, codeAt(revoked.secret, revoked.token, now))).reason).toBe('revoked');
    const expiring = await services.tokens.issue(tenant);
    now = Date.parse(expiring.token.expiresAt);
    expect((await services.tokens.verify(expiring.token.serial, codeAt(expiring.secret, expiring.token, now))).reason).toBe('expired');
    expect((await services.tokens.verify('KT0000000000', '12345678')).reason).toBe('unknown');
  });

  it('keeps tokens, counters and replay state across a restart', async () => {
    const { dataDir, services, tenant } = await setUp();
    const { token, secret } = await services.tokens.issue(tenant);
    const code = codeAt(secret, token, NOW);
    expect((await services.tokens.verify(token.serial, code)).reason).toBe('ok');
    await services.close();
    const restarted = await createServices(testConfig({ DATA_DIR: dataDir }), () => NOW);
    expect(restarted.tokens.secretOf((await restarted.db.tokens.get(token.serial))!)).toBe(secret);
    expect((await restarted.tokens.verify(token.serial, code)).reason).toBe('replayed');
  });

  it('leaves no plaintext secret or password in the data folder', async () => {
    const { dataDir, services, tenant } = await setUp();
    const { secret } = await services.tokens.issue(tenant);
    await services.db.flush();
    const files = await readdir(dataDir);
    const contents = (await Promise.all(files.map((file) => readFile(join(dataDir, file), 'utf8')))).join('\n');
    expect(contents).not.toContain(secret);
    for (const { password, confirmPassword } of DEMO_CUSTOMERS) {
      expect(contents).not.toContain(password);
      if (confirmPassword) expect(contents).not.toContain(confirmPassword);
    }
  });

  it('refuses to open data sealed with another key', async () => {
    const { dataDir } = await setUp();
    await expect(createServices(testConfig({ DATA_DIR: dataDir, KETAI_SECRET_KEY: 'a'.repeat(64) }))).rejects.toThrow(/another secret key/);
  });
});
