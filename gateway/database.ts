import { join } from 'node:path';
import { demoData } from './demo.ts';
import type { SecretBox } from './security/secret-box.ts';
import { assertDataShape, KEY_CHECK_CONTEXT, KEY_CHECK_TEXT, SCHEMA_VERSION, type Data } from './store/schema.ts';
import { Store } from './store/store.ts';

export const DATA_FILE_NAME = 'ketai.json';

/** Opens `<dataDir>/ketai.json`, creating it with the demo data on first start. */
export function openDatabase(dataDir: string, box: SecretBox): Promise<Store<Data>> {
  return Store.open<Data>(
    join(dataDir, DATA_FILE_NAME),
    async () => ({
      version: SCHEMA_VERSION,
      keyCheck: box.seal(KEY_CHECK_TEXT, KEY_CHECK_CONTEXT),
      ...(await demoData()),
      tokens: {},
      issuances: {},
      transfers: {},
    }),
    (data) => {
      assertDataShape(data);
      try {
        box.open(data.keyCheck, KEY_CHECK_CONTEXT);
      } catch {
        throw new Error('it was written with another secret key (check KETAI_SECRET_KEY or secret.key)');
      }
    },
  );
}
