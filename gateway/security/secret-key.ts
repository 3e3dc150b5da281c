import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecretBox, SecretBoxError } from './secret-box.ts';

export const KEY_FILE_NAME = 'secret.key';

/**
 * The key that seals token seeds: from `KETAI_SECRET_KEY` (64 hex digits or base64 of 32 bytes)
 * when set, else from `<dataDir>/secret.key`, created on first start with mode 0600.
 * It never goes into the data file.
 */
export async function loadSecretKey(dataDir: string, fromEnv: string | undefined): Promise<Buffer> {
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseKey(fromEnv.trim(), 'KETAI_SECRET_KEY');
  const path = join(dataDir, KEY_FILE_NAME);
  try {
    const key = parseKey((await readFile(path, 'utf8')).trim(), path);
    const mode = (await stat(path)).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      console.warn(`warning: ${path} is readable by others (mode ${mode.toString(8)}); run chmod 600 on it`);
    }
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = SecretBox.generateKey();
  await writeFile(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

function parseKey(text: string, source: string): Buffer {
  if (/^[0-9a-fA-F]{64}$/.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/]{43}=?$/.test(text)) return Buffer.from(text, 'base64');
  throw new SecretBoxError(`${source} must hold a 32-byte key: 64 hex digits or 44 base64 characters`);
}
