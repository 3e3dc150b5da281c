import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';

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
});
