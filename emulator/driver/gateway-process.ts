import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

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
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;

export async function startIsolatedGateway(env: Record<string, string> = {}): Promise<IsolatedGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-scenario-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ACCESS_LOG: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: LogLine[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log.push({ at: Date.now(), line });
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  try {
    const url = await listeningUrl(child, log);
    return { url, dataDir, log, stop: () => stop(child, dataDir) };
  } catch (error) {
    await stop(child, dataDir);
    throw error;
  }
}

function listeningUrl(child: ChildProcess, log: LogLine[]): Promise<string> {
  const output = () => log.map((entry) => entry.line).join('\n');
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

async function stop(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }
  await rm(dataDir, { recursive: true, force: true });
}

/** The log lines from `from` to `to`, with their offset in seconds from `to`. */
export function logAround(log: LogLine[], from: number, to: number): string {
  return log
    .filter((entry) => entry.at >= from && entry.at <= to)
    .map((entry) => `${((entry.at - to) / 1000).toFixed(3).padStart(8)}s  ${entry.line}`)
    .join('\n');
}
