import { loadConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';

/**
 * A process that runs scenario runs' gateways (`GatewayPool` in gateway-process.ts), as many as it is
 * asked for, each with its own DATA_DIR, port and clock, all from one copy of the gateway's code: a
 * run's gateway starts in about 10 ms of CPU instead of a process start's 0.4 s, and serves with
 * code already compiled. Built into dist/gateway-host.js (scripts/build.js).
 */
export type ToHost =
  | { type: 'start'; id: number; dataDir: string; /** 0: any free port. */ port: number; clockOffsetMs: number }
  | { type: 'stop'; id: number; /** No restart follows: its log goes too. */ final: boolean }
  | { type: 'log'; id: number; dataDir: string };

export type FromHost =
  | { type: 'started'; id: number; url: string }
  | { type: 'stopped'; id: number }
  | { type: 'failed'; id: number; error: string }
  | { type: 'log'; id: number; lines: LogLine[] };

/** An access log line and when it was written (ms since epoch, the real clock). */
export interface LogLine {
  at: number;
  line: string;
}

const running = new Map<number, { gateway: RunningGateway; dataDir: string }>();
/**
 * Each gateway's access log, by its DATA_DIR (a restart's gateway goes on with it), kept here until
 * asked for: a message to the runner for every request woke it up once per request.
 */
const logs = new Map<string, LogLine[]>();
const send = (message: FromHost) => process.send?.(message);

async function obey(order: ToHost): Promise<void> {
  try {
    if (order.type === 'start') {
      const config = loadConfig({ ...process.env, HOST: '127.0.0.1', DATA_DIR: order.dataDir, PORT: String(order.port) });
      const log = logs.get(order.dataDir) ?? [];
      logs.set(order.dataDir, log);
      const gateway = await startGateway(config, {
        // Everything in the gateway reads the time through this one function (createServices' `now`).
        now: () => Date.now() + order.clockOffsetMs,
        log: (line) => log.push({ at: Date.now(), line }),
      });
      running.set(order.id, { gateway, dataDir: order.dataDir });
      send({ type: 'started', id: order.id, url: gateway.url });
    } else if (order.type === 'stop') {
      const stopped = running.get(order.id);
      running.delete(order.id);
      await stopped?.gateway.close();
      if (stopped && order.final) logs.delete(stopped.dataDir);
      send({ type: 'stopped', id: order.id });
    } else {
      send({ type: 'log', id: order.id, lines: logs.get(order.dataDir) ?? [] });
    }
  } catch (error) {
    send({ type: 'failed', id: order.id, error: error instanceof Error ? error.message : String(error) });
  }
}

process.on('message', (order: ToHost) => void obey(order));
// The runner is gone (or let go of this host): stop what still runs, its writes flushed, and end.
const end = () => void Promise.allSettled([...running.values()].map(({ gateway }) => gateway.close())).then(() => process.exit(0));
process.on('disconnect', end);
process.on('SIGTERM', end);
