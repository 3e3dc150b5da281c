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
/** A gateway that has not stopped this long after SIGTERM is stuck: killed, and the run told so. */
const STOP_TIMEOUT_MS = 10_000;
const CLOCK_SHIFT = fileURLToPath(new URL('./clock-shift.js', import.meta.url));
/** `npm start`'s launcher: the precompiled gateway, rebuilt when stale. */
const START = fileURLToPath(new URL('../../scripts/start.js', import.meta.url));

/** Gateways still running: killed when this process exits, so a run cut short (a test time-out, an error exit) leaves no server behind. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Gateways started ahead: while a run executes, the next runs' gateways are already starting, each
 * still with its own `DATA_DIR` and port. `take()` never hands one gateway out twice.
 */
export class GatewayPool {
  private readonly ready: Promise<IsolatedGateway>[] = [];
  private first: Promise<IsolatedGateway> | undefined;
  private left: number;

  /** `total` gateways in all, one of them started before it is asked for. */
  constructor(total: number) {
    this.left = total;
    this.fill();
  }

  take(): Promise<IsolatedGateway> {
    const next = this.ready.shift() ?? this.start();
    this.fill();
    return next;
  }

  /** At most `count` more gateways beyond those taken or started already: fewer runs are left than the pool was made for. */
  atMost(count: number): void {
    this.left = Math.min(this.left, count);
  }

  /** Stops the gateways started ahead that no run took (a run set cut short). */
  async close(): Promise<void> {
    this.left = 0;
    const unused = this.ready.splice(0);
    await Promise.all(unused.map((gateway) => gateway.then((started) => started.stop(), () => undefined)));
  }

  private fill(): void {
    while (this.left > 0 && this.ready.length < 1) {
      const started = this.start();
      // Its failure is reported to the run that takes it, not as an unhandled rejection now.
      started.catch(() => undefined);
      this.ready.push(started);
    }
  }

  private start(): Promise<IsolatedGateway> {
    this.left = Math.max(0, this.left - 1);
    // The first start rebuilds dist/ when it is stale; the others wait for it rather than each rebuild too.
    const started = this.first ? this.first.then(startIsolatedGateway, startIsolatedGateway) : startIsolatedGateway();
    this.first ??= started;
    return started;
  }
}

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
  const child = spawn(process.execPath, ['--import', CLOCK_SHIFT, START], {
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
  let timer: NodeJS.Timeout | undefined;
  const stuck = new Promise<'stuck'>((resolve) => (timer = setTimeout(() => resolve('stuck'), STOP_TIMEOUT_MS)));
  const outcome = await Promise.race([exited, stuck]);
  clearTimeout(timer);
  if (outcome === 'stuck') {
    child.kill('SIGKILL');
    await exited;
    throw new Error(`the gateway did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM`);
  }
}

/** The log lines from `from` to `to`, with their offset in seconds from `to`. */
export function logAround(log: LogLine[], from: number, to: number): string {
  return log
    .filter((entry) => entry.at >= from && entry.at <= to)
    .map((entry) => `${((entry.at - to) / 1000).toFixed(3).padStart(8)}s  ${entry.line}`)
    .join('\n');
}
