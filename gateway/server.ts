import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createApp } from './routes.ts';
import type { Config } from './config.ts';
import { createServices, type Services } from './services.ts';

export interface RunningGateway {
  url: string;
  services: Services;
  /** Stops taking connections and waits until every pending write is on disk. */
  close(): Promise<void>;
}

export async function startGateway(config: Config): Promise<RunningGateway> {
  const services = await createServices(config);
  const app = createApp(services, config);
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(started));
  });
  const requests = trackRequests(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    services,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        requests.closeConnectionsWhenIdle();
      });
      await services.close();
    },
  };
}

/**
 * Lets `server.close()` finish as soon as the last request in flight is answered. Node closes idle
 * keep-alive connections, but a browser's pre-opened socket that never sent a request is not idle to
 * node: it held a stop (and a scenario's clock restart) until its 60 s headers timeout.
 */
function trackRequests(server: ServerType) {
  let inFlight = 0;
  let closing = false;
  const closeAll = () => {
    if ('closeAllConnections' in server) server.closeAllConnections();
  };
  server.on('request', (_request, response: ServerResponse) => {
    inFlight++;
    response.once('close', () => {
      inFlight--;
      if (closing && inFlight === 0) closeAll();
    });
  });
  return {
    closeConnectionsWhenIdle() {
      closing = true;
      if (inFlight === 0) closeAll();
      else if ('closeIdleConnections' in server) server.closeIdleConnections();
    },
  };
}
