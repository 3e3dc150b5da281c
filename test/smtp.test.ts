import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../gateway/routes.ts';
import { testServices } from './helpers/services.ts';

/** The smallest SMTP server nodemailer will talk to: it records each message's DATA. */
function smtpSink(port = 0): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data: string | null = null;
    let buffer = '';
    socket.write('220 sink ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            messages.push(data);
            data = null;
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 sink\r\n');
        else if (verb === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port, messages })));
}

let sink: Server | undefined;
afterEach(() => sink?.close());

describe('SMTP delivery (SMTP_URL)', () => {
  it('sends the download mail through the SMTP server and turns the dev mailbox off', async () => {
    const smtp = await smtpSink();
    sink = smtp.server;
    const { services } = await testServices(undefined, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'otp@bank.example' });
    const draft = await services.issuance.prepare({ mail: 'taro@softbank.ne.jp', startPassword: '1234' });
    const result = await services.issuance.issue('c-taro', draft, 'form', 'https://bank.example');
    expect(result).toMatchObject({ status: 'created' });
    expect(smtp.messages).toHaveLength(1);
    const message = smtp.messages[0]!;
    expect(message).toMatch(/^From: otp@bank\.example$/m);
    expect(message).toMatch(/^To: taro@softbank\.ne\.jp$/m);
    expect((await createApp(services).request('/emulator/api/mailbox/taro@softbank.ne.jp')).status).toBe(404);
    // Once SMTP has the mail, the link in it no longer sits in the database.
    const [sent] = await services.db.outbox.mailbox('taro@softbank.ne.jp', 5);
    expect(sent).toMatchObject({ state: 'sent', body: '' });
  });

  it('keeps a mail the server refused in the outbox and retries it later, without failing the issuance', async () => {
    const probe = await smtpSink();
    const port = probe.port;
    await new Promise<void>((resolve) => probe.server.close(() => resolve()));
    const { services, clock } = await testServices(undefined, { SMTP_URL: `smtp://127.0.0.1:${port}` });
    const draft = await services.issuance.prepare({ mail: 'taro@softbank.ne.jp', startPassword: '1234' });
    expect(await services.issuance.issue('c-taro', draft, 'form', 'https://bank.example')).toMatchObject({ status: 'created' });
    const [queued] = await services.db.outbox.mailbox('taro@softbank.ne.jp', 5);
    expect(queued).toMatchObject({ state: 'pending', attempts: 1 });
    expect(queued!.lastError).toBeTruthy();
    // The server comes back; the next attempt, after the back-off, delivers it.
    const revived = await smtpSink(port);
    sink = revived.server;
    clock.advance(60_000);
    await services.outbox.drain();
    expect(revived.messages).toHaveLength(1);
    expect((await services.db.outbox.mailbox('taro@softbank.ne.jp', 5))[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });
});
