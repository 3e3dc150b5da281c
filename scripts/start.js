// `npm start`: the precompiled gateway (dist/gateway.js), rebuilt first when stale (scripts/launch.js).
import { builtEntry } from './launch.js';

await import(await builtEntry('gateway'));
