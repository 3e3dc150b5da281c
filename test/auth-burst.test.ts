import { describe, expect, it } from 'vitest';
import { testServices } from './helpers/services.ts';

describe('locks hold under concurrency', () => {
  it('101 simultaneous logins, 100 wrong and the right one last, neither log in nor reset the count', async () => {
    const { services } = await testServices();
    const attempts = [...Array.from({ length: 100 }, () => 'wrong-password'), 'Passw0rd!'];
    const results = await Promise.all(attempts.map((password) => services.logins.login('himawari', 'taro', password)));
    expect(results.filter((result) => result.status === 'ok')).toHaveLength(0);
    const taro = (await services.db.customers.get('c-taro'))!;
    expect(taro.loginFailures).toBeGreaterThanOrEqual(5);
    expect(taro.loginLockedUntil).toBeDefined();
    expect((await services.logins.login('himawari', 'taro', 'Passw0rd!')).status).toBe('locked');
  });

  it('the same burst against 確認用パスワード does not pass', async () => {
    const { services } = await testServices();
    const attempts = [...Array.from({ length: 100 }, () => 'wrong123'), 'kakunin1'];
    const results = await Promise.all(attempts.map((password) => services.confirmPasswords.check('c-taro', password)));
    expect(results.filter((result) => result.status === 'ok')).toHaveLength(0);
    expect((await services.confirmPasswords.check('c-taro', 'kakunin1')).status).toBe('locked');
  });

  it('a right password after a few wrong ones still logs in and clears the count', async () => {
    const { services } = await testServices();
    for (let i = 0; i < 3; i++) await services.logins.login('himawari', 'taro', 'nope');
    expect((await services.logins.login('himawari', 'taro', 'Passw0rd!')).status).toBe('ok');
    expect((await services.db.customers.get('c-taro'))!.loginFailures).toBe(0);
  });
});
