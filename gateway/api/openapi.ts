import { createRoute, z } from '@hono/zod-openapi';
import { html } from 'hono/html';
import type { ApiApp } from './routes.ts';

type Document = ReturnType<ApiApp['getOpenAPI31Document']>;

const INFO = {
  openapi: '3.1.0',
  info: {
    title: 'ketai-token bank-system API',
    version: '1.0.0',
    description: 'Verify one-time passwords, manage tokens, start issuances and read the audit trail. Refusals are application/problem+json (RFC 9457) whose `code` names the reason.',
  },
  servers: [{ url: '/' }],
};

const docsRoute = createRoute({
  method: 'get',
  path: '/api/v1/docs',
  summary: 'This document as a page (served by the gateway itself, no CDN)',
  tags: ['meta'],
  responses: { 200: { description: 'HTML', content: { 'text/html': { schema: z.string() } } } },
});

/** `GET /api/v1/openapi.json` (generated from the route schemas) and `GET /api/v1/docs`. Register last. */
export function openApiRoutes(api: ApiApp): void {
  api.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: '`Authorization: Bearer kt_<id>_<secret>` from `npm run apikey -- create`',
  });
  api.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/v1/openapi.json',
    summary: 'This OpenAPI 3.1 document',
    tags: ['meta'],
    responses: { 200: { description: 'The document', content: { 'application/json': { schema: z.object({ openapi: z.string() }).passthrough() } } } },
  });
  api.doc31('/api/v1/openapi.json', INFO);
  api.openapi(docsRoute, (c) => c.html(docsPage(api.getOpenAPI31Document(INFO)), 200));
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Each operation with its parameters, body and responses, schemas as JSON: plain and readable offline. */
function docsPage(doc: Document) {
  const operations = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((method) => item?.[method]).map((method) => ({ path, method, op: item![method]! })),
  );
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  return html`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>${doc.info.title}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}h2{border-top:1px solid #ccc;padding-top:1rem}code,pre{background:#f4f4f4}pre{padding:.5rem;overflow:auto;font-size:13px}.m{display:inline-block;min-width:3.5rem;font-weight:bold}</style>
</head><body>
<h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>${doc.info.description ?? ''}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI ${doc.openapi})</p>
<ul>${operations.map(({ path, method }) => html`<li><a href="#${method}-${path}"><span class="m">${method.toUpperCase()}</span> ${path}</a></li>`)}</ul>
${operations.map(
  ({ path, method, op }) => html`<h2 id="${method}-${path}"><span class="m">${method.toUpperCase()}</span> <code>${path}</code></h2>
<p>${op.summary ?? ''}</p>${op.description ? html`<p>${op.description}</p>` : ''}
<p>${op.security?.length ? 'Scope-checked: send Authorization: Bearer &lt;key&gt;.' : 'No key needed.'}</p>
${op.parameters?.length ? html`<h3>Parameters</h3><pre>${json(op.parameters)}</pre>` : ''}
${op.requestBody ? html`<h3>Request body</h3><pre>${json(op.requestBody)}</pre>` : ''}
<h3>Responses</h3><pre>${json(op.responses)}</pre>`,
)}
<h2>Schemas</h2><pre>${json(doc.components?.schemas ?? {})}</pre>
</body></html>`;
}
