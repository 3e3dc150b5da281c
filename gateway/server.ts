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
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    services,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      await services.flush();
    },
  };
}
