import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../gateway/config.ts';
import { DEMO_CUSTOMERS, DEMO_PASSWORD_HASHES, seedDemo } from '../gateway/demo.ts';
import { hashPassword, PASSWORD_COST, verifyPassword, weakerThanProduction } from '../gateway/security/password.ts';
import { SecretBox, SecretBoxError } from '../gateway/security/secret-box.ts';
import { KEY_FILE_NAME, loadSecretKey } from '../gateway/security/secret-key.ts';
import { createServices } from '../gateway/services.ts';
import { TEST_PASSWORD_COST, testConfig } from './helpers/config.ts';
import { tempDir } from './helpers/temp-dir.ts';

const PRODUCTION = { KETAI_ENV: 'production', PUBLIC_URL: 'https://bank.example', SMTP_URL: 'smtp://mail.bank.example:587' };

describe('SecretBox', () => {
  const box = new SecretBox(SecretBox.generateKey());

  it('round-trips and never shows the plaintext', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'KT0000000001');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'KT0000000001')).toBe('JBSWY3DPEHPK3PXP');
    expect(box.seal('same', 'ctx')).not.toBe(box.seal('same', 'ctx'));
  });

  it('detects tampering, a wrong record and a wrong key', () => {
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'KT0000000001');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0]! ^= 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64url')].join('.');
    expect(() => box.open(tampered, 'KT0000000001')).toThrow(SecretBoxError);
    expect(() => box.open(sealed, 'KT0000000002')).toThrow(SecretBoxError);
    expect(() => new SecretBox(SecretBox.generateKey()).open(sealed, 'KT0000000001')).toThrow(SecretBoxError);
    expect(() => box.open('garbage', 'KT0000000001')).toThrow(SecretBoxError);
  });

  it('wants a 32-byte key', () => {
    expect(() => new SecretBox(Buffer.alloc(16))).toThrow(/32 bytes/);
  });
});

describe('loadSecretKey', () => {
  it('creates a key file with mode 0600 on first use and reads it back after', async () => {
    const dir = await tempDir();
    const key = await loadSecretKey(dir, undefined);
    expect(key).toHaveLength(32);
    expect((await stat(join(dir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
    expect(await loadSecretKey(dir, undefined)).toEqual(key);
  });

  it('prefers KETAI_SECRET_KEY in hex or base64 and writes no file then', async () => {
    const dir = await tempDir();
    const key = SecretBox.generateKey();
    expect(await loadSecretKey(dir, key.toString('hex'))).toEqual(key);
    expect(await loadSecretKey(dir, key.toString('base64'))).toEqual(key);
    await expect(stat(join(dir, KEY_FILE_NAME))).rejects.toThrow();
  });

  it('refuses a key that is not 32 bytes', async () => {
    const dir = await tempDir();
    await expect(loadSecretKey(dir, 'short')).rejects.toThrow(/32-byte key/);
    await writeFile(join(dir, KEY_FILE_NAME), 'abcd\n');
    await expect(loadSecretKey(dir, undefined)).rejects.toThrow(/32-byte key/);
    expect(await readFile(join(dir, KEY_FILE_NAME), 'utf8')).toBe('abcd\n');
  });
});

describe('passwords', () => {
  it('hashes with scrypt and a per-record salt, and verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('kakunin1', PASSWORD_COST), hashPassword('kakunin1', PASSWORD_COST)]);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('kakunin1');
    expect(await verifyPassword('kakunin1', a)).toBe(true);
    expect(await verifyPassword('kakunin2', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('hashes at the cost given and verifies at the cost stored', async () => {
    const cheap = await hashPassword('kakunin1', TEST_PASSWORD_COST);
    expect(cheap).toMatch(/^scrypt\$16\$8\$1\$/);
    expect(await verifyPassword('kakunin1', cheap)).toBe(true);
    expect(await verifyPassword('kakunin2', cheap)).toBe(false);
  });

  it('a config from the environment has the production cost, and the gateway seeds and hashes with it', async () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 14, r: 8, p: 1 });
    expect(loadConfig({}).passwordCost).toEqual(PASSWORD_COST);
    expect(loadConfig(PRODUCTION).passwordCost).toEqual(PASSWORD_COST);
    expect(testConfig(PRODUCTION).passwordCost).toEqual(PASSWORD_COST);
    const services = await createServices(loadConfig({ DATA_DIR: await tempDir() }));
    try {
      const taro = (await services.db.customers.get('c-taro'))!;
      expect(taro.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(taro.confirmPasswordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect((await services.issuance.prepare({ mail: 't@docomo.ne.jp', startPassword: '1234' })).startPasswordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    } finally {
      await services.close();
    }
  });

  it('production refuses a cost cheaper than its own in any parameter', async () => {
    const config = { ...loadConfig({ ...PRODUCTION, DATA_DIR: await tempDir() }) };
    for (const cheaper of [TEST_PASSWORD_COST, { ...PASSWORD_COST, N: 2 ** 13 }, { ...PASSWORD_COST, r: 4 }, { ...PASSWORD_COST, p: 0 }]) {
      expect(weakerThanProduction(cheaper), JSON.stringify(cheaper)).toBe(true);
      await expect(createServices({ ...config, passwordCost: cheaper })).rejects.toThrow(/production scrypt cost/);
    }
    expect(weakerThanProduction({ ...PASSWORD_COST, N: 2 ** 15 })).toBe(false);
    const stronger = await createServices({ ...config, passwordCost: { ...PASSWORD_COST, N: 2 ** 15 } });
    await stronger.close();
  });

  it('the demo passwords come hashed in advance at the production cost, each its own salt; another cost hashes at start', async () => {
    const demoPasswords = new Set(DEMO_CUSTOMERS.flatMap((person) => [person.password, ...(person.confirmPassword ? [person.confirmPassword] : [])]));
    expect([...DEMO_PASSWORD_HASHES.keys()].sort()).toEqual([...demoPasswords].sort());
    const salts = new Set<string>();
    for (const [password, hash] of DEMO_PASSWORD_HASHES) {
      expect(hash, password).toMatch(/^scrypt\$16384\$8\$1\$/);
      expect(await verifyPassword(password, hash), password).toBe(true);
      salts.add(hash.split('$')[4]!);
    }
    expect(salts.size).toBe(DEMO_PASSWORD_HASHES.size);
    const seededAt = async (cost: typeof PASSWORD_COST) => {
      const services = await createServices({ ...loadConfig({ DATA_DIR: await tempDir() }), demo: false, passwordCost: cost });
      try {
        expect(await seedDemo(services.db, cost)).toBe(true);
        return (await services.db.customers.get('c-taro'))!;
      } finally {
        await services.close();
      }
    };
    const production = await seededAt(PASSWORD_COST);
    expect(production.passwordHash).toBe(DEMO_PASSWORD_HASHES.get('Passw0rd!'));
    expect(production.confirmPasswordHash).toBe(DEMO_PASSWORD_HASHES.get('kakunin1'));
    const stronger = await seededAt({ ...PASSWORD_COST, N: 2 ** 15 });
    expect(stronger.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Passw0rd!', stronger.passwordHash)).toBe(true);
  });

  it('treats a malformed stored hash as a mismatch', async () => {
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$0$0$0$AA$AA')).toBe(false);
  });
});
