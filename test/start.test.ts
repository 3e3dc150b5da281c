import { once } from 'node:events';
import { connect } from 'node:net';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startGatewayProcess, runGatewayToExit } from './helpers/gateway-process.ts';
import { tempDir } from './helpers/temp-dir.ts';

describe('npm start', () => {
  it('serves /healthz, creates the demo data and stops cleanly on SIGTERM', async () => {
    const dataDir = await tempDir();
    const gateway = await startGatewayProcess({ DATA_DIR: dataDir });
    const response = await fetch(`${gateway.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    gateway.child.kill('SIGTERM');
    const [code] = await once(gateway.child, 'exit');
    expect(code).toBe(0);
    expect(gateway.output()).toContain('SIGTERM');
    // A clean stop leaves a snapshot holding everything (nothing left to replay from the journal).
    const data = JSON.parse(await readFile(join(dataDir, 'ketai.json'), 'utf8'));
    const logins = Object.values(data.tables.customers).map((customer: any) => customer.loginId);
    expect(logins.slice(0, 4)).toEqual(['taro', 'hanako', 'admin01', 'W0002']);
    expect(logins).toHaveLength(14);
  });

  it('stops at once on SIGTERM although a client holds a connection open without sending a request', async () => {
    const gateway = await startGatewayProcess({ DATA_DIR: await tempDir() });
    const { port } = new URL(gateway.url);
    // What a browser's pre-opened socket looks like: node held such a stop until its 60 s headers timeout.
    const socket = connect(Number(port), '127.0.0.1');
    // The gateway resets this connection as it stops: expected, not an error of the test.
    socket.on('error', () => undefined);
    await once(socket, 'connect');
    const started = performance.now();
    gateway.child.kill('SIGTERM');
    const [code] = await once(gateway.child, 'exit');
    expect(code).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
    socket.destroy();
  });

  it('refuses to start on a corrupt data file, says why, and does not touch it', async () => {
    const dataDir = await tempDir();
    const corrupt = '{"version":1,"tenants":{';
    await writeFile(join(dataDir, 'ketai.json'), corrupt);
    const { code, output } = await runGatewayToExit({ DATA_DIR: dataDir });
    expect(code).toBe(1);
    expect(output).toMatch(/cannot start: data file .*ketai\.json is not valid JSON/);
    expect(await readFile(join(dataDir, 'ketai.json'), 'utf8')).toBe(corrupt);
  });

  it('refuses a PORT that is not a port', async () => {
    const { code, output } = await runGatewayToExit({ DATA_DIR: await tempDir(), PORT: 'eighty' });
    expect(code).toBe(1);
    expect(output).toContain('PORT must be a port number');
  });
});
