import { Hono } from 'hono';
import type { Outbox } from './outbox.ts';

/** `GET /emulator/api/mailbox/<address>`: the dev outbox, read by the emulator's mail app. */
export function mailboxRoutes(outbox: Outbox | undefined): Hono {
  const app = new Hono();
  app.get('/emulator/api/mailbox/:address', (c) => {
    // The mails carry download links: no cache may keep them.
    c.header('Cache-Control', 'no-store');
    if (!outbox) return c.json({ error: 'the dev mailbox is off: mail is delivered by SMTP (SMTP_URL)' }, 404);
    return c.json(outbox.mailbox(c.req.param('address')));
  });
  return app;
}
