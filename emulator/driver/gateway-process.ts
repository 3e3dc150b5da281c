import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromHost, LogLine, ToHost } from './gateway-host.ts';

export type { LogLine };

/** A gateway of its own for one scenario run: free port, fresh `DATA_DIR`, access log captured. */
export interface IsolatedGateway {
  url: string;
  dataDir: string;
  /** Its access log so far, with the host's own output (a service's error, a crash). */
  log(): Promise<LogLine[]>;
  /** Restarts on the same port and data with the clock `offsetMs` ahead (sessions end, data stays). */
  restart(offsetMs: number): Promise<void>;
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 20_000;
/** A gateway that has not stopped this long is stuck: its host is killed, and the run told so. */
const STOP_TIMEOUT_MS = 10_000;
/** The host's launcher: dist/gateway-host.js, rebuilt when stale (scripts/launch.js). */
const HOST = fileURLToPath(new URL('../../scripts/gateway-host.js', import.meta.url));
/** How many of the host's own last lines of output are kept (for a failing run's log, and an error about the host). */
const OUTPUT_KEPT = 50;

/** Hosts still running: killed when this process exits, so a run cut short (a test time-out, an error exit) leaves no server behind. */
const live = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * One gateway host process (gateway-host.ts) and the gateways it runs for this process. Once
 * retired, it ends as soon as its last gateway has stopped.
 */
class GatewayHost {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, { resolve: (message: FromHost) => void; reject: (error: Error) => void }>();
  /** The gateways started and not yet stopped. */
  private readonly running = new Set<number>();
  private readonly stopping = new Map<number, Promise<void>>();
  private lastId = 0;
  private retired = false;
  /** The host's own last lines of output (a service's error), which may concern any of its gateways. */
  private readonly output: LogLine[] = [];

  constructor() {
    // Plain node, not this process's flags (`--import tsx`): the host runs precompiled JavaScript.
    this.child = fork(HOST, [], { execArgv: [], env: { ...process.env, ACCESS_LOG: '1' }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    live.add(this.child);
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        this.output.push({ at: Date.now(), line });
        if (this.output.length > OUTPUT_KEPT) this.output.shift();
      }
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.child.on('message', (message: FromHost) => {
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (message.type === 'failed') waiter?.reject(new Error(message.error));
      else waiter?.resolve(message);
    });
    this.child.once('exit', (code, signal) => {
      live.delete(this.child);
      const error = new Error(`the gateway host exited (${signal ?? `code ${code}`})${this.output.length ? `:\n${this.output.slice(-20).map((entry) => entry.line).join('\n')}` : ''}`);
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null && this.child.connected;
  }

  /** Starts a gateway on `dataDir`. Resolves with its id and URL. */
  async start(dataDir: string, port: number, clockOffsetMs: number): Promise<{ id: number; url: string }> {
    const id = ++this.lastId;
    this.running.add(id);
    try {
      const started = await this.ask({ type: 'start', id, dataDir, port, clockOffsetMs }, START_TIMEOUT_MS, `the gateway did not start within ${START_TIMEOUT_MS / 1000} s`);
      const url = started.type === 'started' ? started.url : '';
      // The gateway listens on 127.0.0.1 only; "localhost" could resolve to ::1 first.
      return { id, url: url.replace('//localhost:', '//127.0.0.1:') };
    } catch (error) {
      this.running.delete(id);
      this.endIfDone();
      throw error;
    }
  }

  /**
   * Stops gateway `id`, its pending writes flushed, and forgets its log; rejects when its host died
   * under it. A gateway that does not stop in time takes its host down with it.
   */
  stop(id: number): Promise<void> {
    let stopping = this.stopping.get(id);
    if (!stopping) {
      if (!this.running.has(id)) return Promise.resolve();
      stopping = this.askStop(id, true).then(
        () => this.forget(id),
        (error: unknown) => {
          this.forget(id);
          throw error;
        },
      );
      this.stopping.set(id, stopping);
    }
    return stopping;
  }

  /** Stops gateway `id` and starts another on the same data and port with the clock `clockOffsetMs` ahead; its log goes on. */
  async restart(id: number, dataDir: string, port: number, clockOffsetMs: number): Promise<{ id: number; url: string }> {
    if (!this.running.has(id)) throw new Error('that gateway has stopped');
    await this.askStop(id, false);
    // The new one is counted before the old one is let go, so that a retired host does not end between them.
    const next = this.start(dataDir, port, clockOffsetMs);
    this.running.delete(id);
    return next;
  }

  /** The access log of the gateway on `dataDir` and the host's own output, in time order. */
  async log(dataDir: string): Promise<LogLine[]> {
    const asked = this.alive ? await this.ask({ type: 'log', id: ++this.lastId, dataDir }, START_TIMEOUT_MS, 'the gateway host did not send the log').catch(() => undefined) : undefined;
    const lines = asked?.type === 'log' ? asked.lines : [];
    return [...lines, ...this.output].sort((a, b) => a.at - b.at);
  }

  /** No more gateways will be asked for: the host ends once those running have stopped. */
  retire(): void {
    this.retired = true;
    this.endIfDone();
  }

  private forget(id: number): void {
    this.stopping.delete(id);
    this.running.delete(id);
    this.endIfDone();
  }

  private endIfDone(): void {
    if (this.retired && this.running.size === 0 && this.alive) this.child.disconnect();
  }

  private askStop(id: number, final: boolean): Promise<FromHost> {
    return this.ask({ type: 'stop', id, final }, STOP_TIMEOUT_MS, `the gateway did not stop within ${STOP_TIMEOUT_MS / 1000} s`);
  }

  private ask(order: ToHost, timeoutMs: number, late: string): Promise<FromHost> {
    return new Promise<FromHost>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(order.id);
        this.child.kill('SIGKILL');
        reject(new Error(late));
      }, timeoutMs);
      const waiter = {
        resolve: (message: FromHost) => (clearTimeout(timer), resolve(message)),
        reject: (error: Error) => (clearTimeout(timer), reject(error)),
      };
      this.waiting.set(order.id, waiter);
      if (!this.alive) return waiter.reject(new Error('the gateway host is not running'));
      this.child.send(order, (error) => error && waiter.reject(error));
    });
  }
}

/**
 * Scenario runs' gateways, each with its own `DATA_DIR` and port, from one host process kept warm
 * between them (gateway-host.ts); one is started ahead while a run executes. `take()` never hands
 * one gateway out twice. A host that died (a gateway crashed it) is replaced for the next run.
 */
export class GatewayPool {
  private host: GatewayHost | undefined;
  private readonly ready: { host: GatewayHost; gateway: Promise<IsolatedGateway> }[] = [];
  private left: number;
  /** How many gateways this pool has started (tests check that none is started needlessly). */
  started = 0;

  /** `total` gateways in all, one of them started before it is asked for. */
  constructor(total: number) {
    this.left = total;
    this.fill();
  }

  take(): Promise<IsolatedGateway> {
    const next = this.ready.shift();
    this.fill();
    if (!next) return this.start().gateway;
    // One started ahead in a host that has died since cannot serve: another takes its place.
    return next.gateway.then((gateway) => (next.host.alive ? gateway : this.start().gateway), () => this.start().gateway);
  }

  /** At most `count` more gateways beyond those taken or started already: fewer runs are left than the pool was made for. */
  atMost(count: number): void {
    this.left = Math.min(this.left, count);
  }

  /** Stops the gateways started ahead that no run took; the host ends once the taken ones stop. */
  async close(): Promise<void> {
    this.left = 0;
    const unused = this.ready.splice(0);
    await Promise.all(unused.map(({ gateway }) => gateway.then((started) => started.stop(), () => undefined)));
    this.host?.retire();
  }

  private fill(): void {
    while (this.left > 0 && this.ready.length < 1) {
      this.left--;
      const started = this.start();
      // Its failure is reported to the run that takes it, not as an unhandled rejection now.
      started.gateway.catch(() => undefined);
      this.ready.push(started);
    }
  }

  private start(): { host: GatewayHost; gateway: Promise<IsolatedGateway> } {
    if (!this.host?.alive) {
      this.host?.retire();
      this.host = new GatewayHost();
    }
    this.started++;
    return { host: this.host, gateway: isolatedGateway(this.host) };
  }
}

/** A gateway of its own, in a host of its own that ends when it stops (a single run, a test). */
export async function startIsolatedGateway(): Promise<IsolatedGateway> {
  const host = new GatewayHost();
  try {
    return await isolatedGateway(host);
  } finally {
    host.retire();
  }
}

async function isolatedGateway(host: GatewayHost): Promise<IsolatedGateway> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ketai-scenario-'));
  let running: { id: number; url: string };
  try {
    running = await host.start(dataDir, 0, 0);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const port = Number(new URL(running.url).port);
  return {
    url: running.url,
    dataDir,
    log: () => host.log(dataDir),
    async restart(offsetMs) {
      running = await host.restart(running.id, dataDir, port, offsetMs);
    },
    async stop() {
      try {
        await host.stop(running.id);
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** The log lines from `from` to `to`, with their offset in seconds from `to`. */
export function logAround(log: LogLine[], from: number, to: number): string {
  return log
    .filter((entry) => entry.at >= from && entry.at <= to)
    .map((entry) => `${((entry.at - to) / 1000).toFixed(3).padStart(8)}s  ${entry.line}`)
    .join('\n');
}
