import { mkdir } from 'node:fs/promises';
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

/** `npm run apikey`: bank API keys (docs/api.md, "Keys"). The new key is the last line printed. */
async function main(argv: string[]): Promise<void> {
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

  const config = loadConfig();
  await mkdir(config.dataDir, { recursive: true });
  const box = new SecretBox(await loadSecretKey(config.dataDir, config.secretKey));
  const db = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), poolSize: 2, keyCheck: keyCheck(box) });
  try {
    // The gateway seeds the same on start: a key can be made before its first start.
    await seedDemo(db, config.passwordCost);
    const keys = new ApiKeyService(db);
    if (command === 'create') {
      const { record, key } = await keys.create(values.service!, scopes, values.name ?? `key for ${values.service}`);
      console.log(`created key ${record.id} for ${record.tenantId} (scopes ${record.scopes.join(',')}, name "${record.name}")`);
      console.log('the key is shown once, here; only its hash is stored:');
      console.log(key);
    } else if (command === 'list') {
      const list = await keys.list();
      if (list.length === 0) console.log('no keys');
      for (const key of list) console.log([key.id, key.tenantId, key.scopes.join(','), key.createdAt, key.revokedAt ? `revoked ${key.revokedAt}` : 'live', key.name].join('\t'));
    } else {
      if (!(await keys.revoke(rest[0]!))) throw new UsageError(`no key ${rest[0]}`);
      console.log(`revoked key ${rest[0]}`);
    }
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? `${message}\n${USAGE}` : `apikey: ${message}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
