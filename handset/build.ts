import { fileURLToPath } from 'node:url';
import { bundleBrowserEntry } from '../emulator/bundle.ts';

const ENTRY = fileURLToPath(new URL('./main.ts', import.meta.url));

/** The token app as one script: the web token, and the twin the emulator runs for the Java app. */
export function buildHandsetBundle(): Promise<Uint8Array<ArrayBuffer>> {
  return bundleBrowserEntry(ENTRY);
}
