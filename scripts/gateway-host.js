// The scenario runner's gateway host (emulator/driver/gateway-host.ts), precompiled like `npm start`.
import { builtEntry } from './launch.js';

await import(await builtEntry('gateway-host'));
