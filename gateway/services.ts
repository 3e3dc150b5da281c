import { mkdir } from 'node:fs/promises';
import type { Config } from './config.ts';
import { openDatabase } from './database.ts';
import { TokenService } from './otp/tokens.ts';
import { SecretBox } from './security/secret-box.ts';
import { loadSecretKey } from './security/secret-key.ts';
import type { Data } from './store/schema.ts';
import type { Store } from './store/store.ts';

/** Everything the routes use, built once at start-up. */
export interface Services {
  store: Store<Data>;
  tokens: TokenService;
  now: () => number;
}

export async function createServices(config: Pick<Config, 'dataDir' | 'secretKey'>, now: () => number = Date.now): Promise<Services> {
  await mkdir(config.dataDir, { recursive: true });
  const box = new SecretBox(await loadSecretKey(config.dataDir, config.secretKey));
  const store = await openDatabase(config.dataDir, box);
  return { store, tokens: new TokenService(store, box, now), now };
}
