import { fileURLToPath } from 'node:url';
import { bundleBrowserEntry } from '../emulator/bundle.ts';

const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));

/** The token app as one script: the package the download page serves and the emulator installs. */
export function buildHandsetBundle(): Promise<Uint8Array<ArrayBuffer>> {
  return bundleBrowserEntry(ENTRY);
}
