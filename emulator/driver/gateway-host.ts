import { loadConfig } from '../../gateway/config.ts';
import { startGateway, type RunningGateway } from '../../gateway/server.ts';

/**
 * A process that runs scenario runs' gateways (`GatewayPool` in gateway-process.ts), as many as it is
 * asked for, each with its own DATA_DIR, port and clock, all from one copy of the gateway's code: a
 * run's gateway starts in a few milliseconds of CPU instead of a process start's 0.2 s, and serves
 * with code already compiled. Built into dist/gateway-host.js (scripts/build.js).
 */
export type ToHost =
  | { type: 'start'; id: number; dataDir: string; /** 0: any free port. */ port: number; clockOffsetMs: number }
  | { type: 'stop'; id: number };

export type FromHost =
  | { type: 'started'; id: number; url: string }
  | { type: 'stopped'; id: number }
  | { type: 'failed'; id: number; error: string }
  | { type: 'log'; id: number; line: string };

const running = new Map<number, RunningGateway>();
const send = (message: FromHost) => process.send?.(message);

async function obey(order: ToHost): Promise<void> {
  try {
    if (order.type === 'start') {
      const config = loadConfig({ ...process.env, HOST: '127.0.0.1', DATA_DIR: order.dataDir, PORT: String(order.port) });
      const gateway = await startGateway(config, {
        // Everything in the gateway reads the time through this one function (createServices' `now`).
        now: () => Date.now() + order.clockOffsetMs,
        log: (line) => send({ type: 'log', id: order.id, line }),
      });
      running.set(order.id, gateway);
      send({ type: 'started', id: order.id, url: gateway.url });
    } else {
      const gateway = running.get(order.id);
      running.delete(order.id);
      await gateway?.close();
      send({ type: 'stopped', id: order.id });
    }
  } catch (error) {
    send({ type: 'failed', id: order.id, error: error instanceof Error ? error.message : String(error) });
  }
}

process.on('message', (order: ToHost) => void obey(order));
// The runner is gone (or let go of this host): stop what still runs, its writes flushed, and end.
const end = () => void Promise.allSettled([...running.values()].map((gateway) => gateway.close())).then(() => process.exit(0));
process.on('disconnect', end);
process.on('SIGTERM', end);
