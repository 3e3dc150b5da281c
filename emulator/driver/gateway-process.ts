import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface LogLine {
  /** When the runner received the line (ms since epoch). */
  at: number;
  line: string;
}

/** A gateway of its own for one scenario run: free port, fresh `DATA_DIR`, access log captured. */
export interface IsolatedGateway {
  url: string;
  dataDir: string;
  log: LogLine[];
  /** Restarts on the same port and data with the clock `offsetMs` ahead (sessions end, data stays). */
  restart(offsetMs: number): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
const CLOCK_SHIFT = fileURLToPath(new URL('./clock-shift.ts', import.meta.url));

/** Gateways still running: killed when this process exits, so a run cut short (a test time-out, an error exit) leaves no server behind. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startIsolatedGateway(): Promise<IsolatedGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-scenario-'));
  const log: LogLine[] = [];
  let running: { child: ChildProcess; url: string };
  try {
    running = await launch({ DATA_DIR: dataDir, PORT: '0' }, log);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = new URL(running.url).port;
  return {
    url: running.url,
    dataDir,
    log,
    async restart(offsetMs) {
      await stop(running.child);
      running = await launch({ DATA_DIR: dataDir, PORT: port, SCENARIO_CLOCK_OFFSET_MS: String(offsetMs) }, log);
    },
    async stop() {
      await stop(running.child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function launch(env: Record<string, string>, log: LogLine[]): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', CLOCK_SHIFT, 'gateway/main.ts'], {
    env: { ...process.env, HOST: '127.0.0.1', ACCESS_LOG: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log.push({ at: Date.now(), line });
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const from = log.length;
  try {
    return { child, url: await listeningUrl(child, () => log.slice(from)) };
  } catch (error) {
    await stop(child);
    throw error;
  }
}

function listeningUrl(child: ChildProcess, lines: () => LogLine[]): Promise<string> {
  const output = () => lines().map((entry) => entry.line).join('\n');
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the gateway printed no URL within ${START_TIMEOUT_MS / 1000} s:\n${output()}`)), START_TIMEOUT_MS);
    const onData = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output());
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      // The gateway listens on 127.0.0.1 only; "localhost" could resolve to ::1 first.
      resolve(match[1]!.replace('//localhost:', '//127.0.0.1:'));
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the gateway exited with ${code}:\n${output()}`));
    });
  });
}

/** SIGTERM: the gateway flushes pending writes before it exits. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** The log lines from `from` to `to`, with their offset in seconds from `to`. */
export function logAround(log: LogLine[], from: number, to: number): string {
  return log
    .filter((entry) => entry.at >= from && entry.at <= to)
    .map((entry) => `${((entry.at - to) / 1000).toFixed(3).padStart(8)}s  ${entry.line}`)
    .join('\n');
}
