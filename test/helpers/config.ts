import { loadConfig, type Config } from '../../gateway/config.ts';
import type { ScryptCost } from '../../gateway/security/password.ts';

/**
 * The tests' scrypt cost for new password hashes: the same scrypt, about 1/1000 of the production
 * cost's CPU (which would otherwise be a tenth of the suite's). Production refuses it
 * (createServices); test/security.test.ts checks that a config from the environment never has it.
 */
export const TEST_PASSWORD_COST: ScryptCost = { N: 16, r: 8, p: 1 };

/**
 * `loadConfig(env)` with the tests' scrypt cost, for services and gateways a test builds in process;
 * a production config keeps the production cost, as production insists.
 */
export function testConfig(env: NodeJS.ProcessEnv): Config {
  const config = loadConfig(env);
  return config.production ? config : { ...config, passwordCost: TEST_PASSWORD_COST };
}
