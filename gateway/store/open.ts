import type { Database } from './database.ts';
import { EmbeddedDatabase } from './embedded/index.ts';
import type { KeyCheck } from './key-check.ts';

export interface StoreSettings {
  dataDir: string;
  /** `postgres://…`: PostgreSQL; unset: the embedded store in `dataDir`. */
  databaseUrl?: string;
  /** Connections in the PostgreSQL pool. */
  poolSize?: number;
  keyCheck: KeyCheck;
}

/** Opens the backend the settings name (docs/storage.md). */
export async function openStore(settings: StoreSettings): Promise<Database> {
  if (settings.databaseUrl) {
    const { PostgresDatabase } = await import('./postgres/index.ts');
    return PostgresDatabase.open({ url: settings.databaseUrl, poolSize: settings.poolSize ?? 10, keyCheck: settings.keyCheck });
  }
  return EmbeddedDatabase.open({ dataDir: settings.dataDir, keyCheck: settings.keyCheck });
}
