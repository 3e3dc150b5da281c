import { createServer as createHttpServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { SECURED_SERVER_OPTIONS } from './http/security-headers.ts';
import { createApp } from './routes.ts';
import type { Config } from './config.ts';
import { createServices, type Services } from './services.ts';

export interface RunningGateway {
  url: string;
  services: Services;
  /** Stops taking connections and waits until every pending write is on disk. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** The clock every service reads (default `Date.now`): a scenario run's gateway may be ahead of it. */
  now?: () => number;
  /** Where the access log's lines go (ACCESS_LOG=1); the console by default. */
  log?: (line: string) => void;
}

export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<RunningGateway> {
  const services = await createServices(config, options.now);
  const app = createApp(services, { ...config, ...(options.log ? { log: options.log } : {}) });
  const requests = requestTracker();
  const server = await new Promise<ServerType>((resolve) => {
    // node's responses as `SecuredResponse`s: the security headers go straight into their header blocks.
    const started = serve({ fetch: app.fetch, port: config.port, hostname: config.host, serverOptions: SECURED_SERVER_OPTIONS, createServer: requests.createServer }, () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    services,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        requests.closeConnectionsWhenIdle(server);
      });
      await services.close();
    },
  };
}

/**
 * Lets `server.close()` finish as soon as the last request in flight is answered. Node closes idle
 * keep-alive connections, but a browser's pre-opened socket that never sent a request is not idle to
 * node: it held a stop (and a scenario's clock restart) until its 60 s headers timeout. Counted in the
 * server's one request listener, with one listener function for every response, instead of a second
 * `request` listener and a closure and `once` wrapper per response (all of the counting together is
 * about 1 % of a `/healthz`'s CPU).
 */
function requestTracker() {
  let inFlight = 0;
  let closing: Server | undefined;
  const closeAll = (server: Server) => server.closeAllConnections();
  const answered = () => {
    inFlight--;
    if (closing && inFlight === 0) closeAll(closing);
  };
  const createServer = ((options: ServerOptions, listener: RequestListener) =>
    createHttpServer(options, (request, response) => {
      inFlight++;
      response.on('close', answered);
      return listener(request, response);
    })) as typeof createHttpServer;
  return {
    createServer,
    closeConnectionsWhenIdle(server: ServerType) {
      const http = server as Server;
      closing = http;
      if (inFlight === 0) closeAll(http);
      else http.closeIdleConnections();
    },
  };
}
