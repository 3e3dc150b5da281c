// The baseline of `npm run bench -- http`: a bare Hono app with one route, started as plain JavaScript
// from the same node_modules as the gateway.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const app = new Hono();
app.get('/healthz', (c) => c.json({ status: 'ok' }));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => console.log(`listening on http://127.0.0.1:${info.port}`));
// A clean exit on SIGTERM, so that `npm run bench -- instructions` (callgrind) gets its counts written.
process.on('SIGTERM', () => process.exit(0));
