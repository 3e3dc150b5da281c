import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { beforeEach, describe, expect, it } from 'vitest';
import { GatewayPool } from '../emulator/driver/gateway-process.ts';

/** Starts an isolated gateway, prints its URL and exits without stopping it: a run cut short. */
const ABANDON = `
import { startIsolatedGateway } from './emulator/driver/gateway-process.ts';
const gateway = await startIsolatedGateway();
console.log(gateway.url);
process.exit(1);
`;

/** This process's gateway host processes (emulator/driver/gateway-host.ts) by pid. */
const allHosts = () =>
  execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes('scripts/gateway-host.js'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
/** Hosts an earlier test file in this worker may still be ending are not this test's. */
let before = new Set<number>();
beforeEach(() => {
  before = new Set(allHosts());
});
const hosts = () => allHosts().filter((pid) => !before.has(pid));
const hostsEnd = async () => {
  for (let tries = 0; tries < 50 && hosts().length > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
  return hosts();
};

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

  it('a pool hands each run its own gateway, all from one host process, and stops the ones started ahead that no run took', async () => {
    const pool = new GatewayPool(3);
    const first = await pool.take();
    const second = await pool.take();
    expect(second.url).not.toBe(first.url);
    expect(second.dataDir).not.toBe(first.dataDir);
    expect(hosts()).toHaveLength(1);
    // Taking the second started the third ahead; closing the pool stops it, and no fourth is started.
    await pool.close();
    expect(pool.started).toBe(3);
    for (const gateway of [first, second]) expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    await Promise.all([first.stop(), second.stop()]);
    await expect(fetch(`${first.url}/healthz`)).rejects.toThrow();
    // The host ends with its last gateway.
    expect(await hostsEnd()).toEqual([]);
  }, 60_000);

  it('starts no gateway ahead once it is told that no more runs are left (atMost)', async () => {
    const pool = new GatewayPool(5);
    const first = await pool.take();
    pool.atMost(0);
    const second = await pool.take();
    // The one started ahead before the word came is the second; none after it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pool.started).toBe(2);
    await pool.close();
    await Promise.all([first.stop(), second.stop()]);
    expect(pool.started).toBe(2);
    expect(await hostsEnd()).toEqual([]);
  }, 60_000);

  it('a restart keeps the port and the data; a host that died is replaced for the next run', async () => {
    const pool = new GatewayPool(3);
    const first = await pool.take();
    const before = await fetch(`${first.url}/emulator/api/mailbox/${encodeURIComponent('x@docomo.ne.jp')}`);
    expect(before.status).toBe(200);
    await first.restart(60_000);
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
    // One access log across the restart, each line with when it was written, in order.
    const log = await first.log();
    expect(log.map((entry) => entry.line)).toEqual([expect.stringMatching(/^GET \/emulator\/api\/mailbox\/\*\*\* 200 \d+ms$/), expect.stringMatching(/^GET \/healthz 200 \d+ms$/)]);
    expect(log[0]!.at).toBeLessThanOrEqual(log[1]!.at);
    expect(hosts()).toHaveLength(1);
    // A gateway that brings its host down fails its own run; the one started ahead dies with it, and the next run gets a new host.
    process.kill(hosts()[0]!, 'SIGKILL');
    await expect(first.stop()).rejects.toThrow(/gateway host exited \(SIGKILL\)/);
    const second = await pool.take();
    expect((await fetch(`${second.url}/healthz`)).status).toBe(200);
    await pool.close();
    await second.stop();
    expect(await hostsEnd()).toEqual([]);
  }, 60_000);
});
