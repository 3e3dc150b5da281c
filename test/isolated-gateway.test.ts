import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { GatewayPool } from '../emulator/driver/gateway-process.ts';

/** Starts an isolated gateway, prints its URL and exits without stopping it: a run cut short. */
const ABANDON = `
import { startIsolatedGateway } from './emulator/driver/gateway-process.ts';
const gateway = await startIsolatedGateway();
console.log(gateway.url);
process.exit(1);
`;

describe('isolated gateway', () => {
  it('does not outlive the process that started it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', ABANDON], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(output)?.[0];
    expect(url, output).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  }, 30_000);

  it('a pool hands each run its own gateway and stops the ones started ahead that no run took', async () => {
    const pool = new GatewayPool(3);
    const first = await pool.take();
    const second = await pool.take();
    expect(second.url).not.toBe(first.url);
    expect(second.dataDir).not.toBe(first.dataDir);
    // Taking the second started the third ahead; closing the pool stops it, and no fourth is started.
    await pool.close();
    for (const gateway of [first, second]) expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    await Promise.all([first.stop(), second.stop()]);
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    expect(execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' })).not.toContain('scripts/start.js');
  }, 60_000);

  it('starts no gateway ahead once it is told that no more runs are left (atMost)', async () => {
    const pool = new GatewayPool(5);
    const first = await pool.take();
    pool.atMost(0);
    const second = await pool.take();
    const gateways = () => execFileSync('ps', ['-o', 'args=', '--ppid', String(process.pid)], { encoding: 'utf8' }).split('\n').filter((line) => line.includes('scripts/start.js'));
    // The one started ahead before the word came is the second; none after it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(gateways()).toHaveLength(2);
    await pool.close();
    await Promise.all([first.stop(), second.stop()]);
    expect(gateways()).toHaveLength(0);
  }, 60_000);
});
