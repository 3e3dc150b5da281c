import { Hono } from 'hono';
import type { MailOutbox } from './outbox.ts';

/** `GET /emulator/api/mailbox/<address>`: the dev mailbox, read by the emulator's mail app. */
export function mailboxRoutes(outbox: MailOutbox, devMailbox: boolean): Hono {
  const app = new Hono();
  app.get('/emulator/api/mailbox/:address', async (c) => {
    c.header('Cache-Control', 'no-store');
    if (!devMailbox) return c.json({ error: 'the dev mailbox is off: mail is delivered by SMTP (SMTP_URL)' }, 404);
    return c.json(await outbox.mailbox(c.req.param('address')));
  });
  return app;
}
