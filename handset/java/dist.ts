import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed JARs (`npm run build:java` writes them): the gateway serves them as built-in packages. */
export const JAVA_ROOT = dirname(fileURLToPath(import.meta.url));
export const DIST = join(JAVA_ROOT, 'dist');
export const JAR_FILES = { doja: 'ketai-token-doja.jar', midp: 'ketai-token-midp.jar' } as const;
export type JavaTarget = keyof typeof JAR_FILES;
