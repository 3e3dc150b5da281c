import { execFileSync } from 'node:child_process';

/** Builds dist/gateway.js once, so the gateways the tests start do not each find it stale and rebuild. */
export default function buildOnce(): void {
  execFileSync(process.execPath, ['scripts/build.js'], { stdio: 'inherit' });
}
