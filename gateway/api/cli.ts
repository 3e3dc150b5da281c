import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { seedDemo } from '../demo.ts';
import { SecretBox } from '../security/secret-box.ts';
import { loadSecretKey } from '../security/secret-key.ts';
import { keyCheck } from '../store/key-check.ts';
import { openStore } from '../store/open.ts';
import type { ApiScope } from '../store/schema.ts';
import { API_SCOPES, ApiKeyService } from './keys.ts';

const USAGE = `usage: npm run apikey -- create --service <サービスID> [--scopes verify,manage,audit] [--name <text>]
       npm run apikey -- list
       npm run apikey -- revoke <key id>
Works on DATA_DIR (stop the gateway first: the embedded store has one writer) or DATABASE_URL.`;

class UsageError extends Error {}

function scopesOf(text: string): ApiScope[] {
  const scopes = text.split(',').map((scope) => scope.trim()).filter(Boolean);
  const wrong = scopes.filter((scope) => !(API_SCOPES as readonly string[]).includes(scope));
  if (scopes.length === 0 || wrong.length > 0) throw new UsageError(`--scopes takes ${API_SCOPES.join(', ')}; got "${text}"`);
  return scopes as ApiScope[];
}

/** Where the command writes: `console` when run as `npm run apikey`. */
export interface CliOutput {
  log(line: string): void;
  error(line: string): void;
}

async function main(argv: string[], env: NodeJS.ProcessEnv, out: CliOutput): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { service: { type: 'string' }, scopes: { type: 'string', default: 'verify' }, name: { type: 'string' } },
  });
  const [command, ...rest] = positionals;
  if (command !== 'create' && command !== 'list' && command !== 'revoke') throw new UsageError('which command?');
  if (command === 'create' && !/^\d{8}$/.test(values.service ?? '')) throw new UsageError('--service <サービスID> (8 digits) is required');
  if (command === 'revoke' && rest.length !== 1) throw new UsageError('revoke takes one key id');
  const scopes = scopesOf(values.scopes);

  const config = loadConfig(env);
  await mkdir(config.dataDir, { recursive: true });
  const box = new SecretBox(await loadSecretKey(config.dataDir, config.secretKey));
  const db = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), poolSize: 2, keyCheck: keyCheck(box) });
  try {
    // The gateway seeds the same on start: a key can be made before its first start.
    await seedDemo(db, config.passwordCost);
    const keys = new ApiKeyService(db);
    if (command === 'create') {
      const { record, key } = await keys.create(values.service!, scopes, values.name ?? `key for ${values.service}`);
      out.log(`created key ${record.id} for ${record.tenantId} (scopes ${record.scopes.join(',')}, name "${record.name}")`);
      out.log('the key is shown once, here; only its hash is stored:');
      out.log(key);
    } else if (command === 'list') {
      const list = await keys.list();
      if (list.length === 0) out.log('no keys');
      for (const key of list) out.log([key.id, key.tenantId, key.scopes.join(','), key.createdAt, key.revokedAt ? `revoked ${key.revokedAt}` : 'live', key.name].join('\t'));
    } else {
      if (!(await keys.revoke(rest[0]!))) throw new UsageError(`no key ${rest[0]}`);
      out.log(`revoked key ${rest[0]}`);
    }
  } finally {
    await db.close();
  }
}

/**
 * `npm run apikey`: bank API keys (docs/api.md, "Keys"), on the store of `env`'s DATA_DIR or
 * DATABASE_URL. The new key is the last line printed. Returns the exit code: 0, 1 (failed), 2 (usage).
 */
export async function apikey(argv: string[], env: NodeJS.ProcessEnv, out: CliOutput): Promise<number> {
  try {
    await main(argv, env, out);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    out.error(error instanceof UsageError ? `${message}\n${USAGE}` : `apikey: ${message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const code = await apikey(process.argv.slice(2), process.env, console);
  // A failure ends the process at once, even with a store connection still open.
  if (code !== 0) process.exit(code);
}
