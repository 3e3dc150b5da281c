import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchApi } from './api.ts';
import { benchCarrier } from './carrier.ts';
import { benchHttp } from './http.ts';
import { benchInstructions } from './instructions.ts';
import { describeMachine } from './machine.ts';
import { benchOtp } from './otp.ts';
import { benchCrash } from './crash.ts';
import { benchScenarios } from './scenarios.ts';
import { benchStore } from './store.ts';

/** `npm run bench` runs every part in this order; `npm run bench -- <part>` runs one. */
const PARTS: Record<string, { title: string; run: () => Promise<void> }> = {
  store: { title: 'Embedded store: one commit and start-up as the data grows', run: benchStore },
  otp: { title: 'OTP engine', run: benchOtp },
  carrier: {
    title: 'Carrier gateway',
    run: async () => {
      const dataDir = await mkdtemp(join(tmpdir(), 'ketai-bench-'));
      try {
        await benchCarrier(dataDir);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  },
  http: { title: 'HTTP: the gateway against a bare Hono app, same run', run: benchHttp },
  instructions: { title: 'HTTP in instructions per request (callgrind): the same figures, free of the machine\'s noise', run: benchInstructions },
  api: { title: 'Bank API over HTTP (accepted codes, durable replay state)', run: benchApi },
  scenarios: { title: 'Scenario runner (wall time, Chromium and gateways included)', run: () => benchScenarios('enroll') },
  crash: { title: 'kill -9 during acknowledged writes, each backend', run: benchCrash },
};

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name in PARTS));
if (unknown.length > 0) {
  console.error(`unknown bench part ${unknown.join(', ')}; parts: ${Object.keys(PARTS).join(', ')}`);
  process.exit(2);
}
console.log(`ketai-token benchmarks on ${describeMachine()}`);
for (const name of asked.length > 0 ? asked : Object.keys(PARTS)) {
  console.log(`\n${PARTS[name]!.title} [${name}]`);
  await PARTS[name]!.run();
}
