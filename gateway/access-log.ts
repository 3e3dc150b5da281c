import type { MiddlewareHandler } from 'hono';

/**
 * Path segments that carry a secret or personal data: kept out of logs. Under `/m/app/` every
 * segment is a download ticket except the two fixed names, so an unknown route is masked too.
 */
const MASKED = [/^(\/m\/dl\/)[^/]+/, /^(\/m\/app\/)(?!(?:web|provision)(?:\/|$))[^/]+/, /^(\/emulator\/api\/mailbox\/)[^/]+/];

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
