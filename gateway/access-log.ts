import type { MiddlewareHandler } from 'hono';

/**
 * Path segments that carry a secret or personal data: kept out of logs. Download tickets follow
 * `/m/dl/` and `/m/app/dl/`; under `/m/app/` any first segment but the fixed names is masked too, so
 * an unknown route never logs what it was given.
 */
const MASKED = [
  /^(\/m\/dl\/)[^/]+/,
  /^(\/m\/app\/dl\/)[^/]+/,
  /^(\/m\/app\/)(?!(?:web|provision|enroll|dl|pkg)(?:\/|$))[^/]+/,
  /^(\/emulator\/api\/mailbox\/)[^/]+/,
];

/** The path as it may be logged: no query string, tickets and mail addresses masked. */
export function loggablePath(path: string): string {
  return MASKED.reduce((masked, pattern) => masked.replace(pattern, '$1***'), path);
}

/**
 * One line per request (`GET /ib/top 200 4ms`) so a scenario report can show what the gateway saw
 * around a failure. Never bodies, queries or headers.
 */
export function accessLog(write: (line: string) => void = console.log): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    write(`${c.req.method} ${loggablePath(c.req.path)} ${c.res.status} ${Math.round(performance.now() - started)}ms`);
  };
}
