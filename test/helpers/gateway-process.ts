import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface GatewayProcess {
  child: ChildProcess;
  output: () => string;
}

/** Runs `npm start`'s command (`node scripts/start.js`) as a real process on a free loopback port. */
function spawnGateway(env: Record<string, string>): GatewayProcess {
  const child = spawn(process.execPath, ['scripts/start.js'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return { child, output: () => output };
}

/** Starts the gateway and waits for the URL it prints. */
export async function startGatewayProcess(env: Record<string, string>): Promise<GatewayProcess & { url: string }> {
  const gateway = spawnGateway(env);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within 60 s:\n${gateway.output()}`)), 60_000);
    gateway.child.stdout!.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(gateway.output());
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    gateway.child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`gateway exited with ${code}:\n${gateway.output()}`));
    });
  });
  return { ...gateway, url };
}

/** Runs the gateway expecting it to stop by itself; returns its exit code and output. */
export async function runGatewayToExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const gateway = spawnGateway(env);
  const [code] = (await once(gateway.child, 'exit')) as [number | null];
  return { code, output: gateway.output() };
}
