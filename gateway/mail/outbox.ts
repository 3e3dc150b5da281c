import { timeOrderedId } from '../security/random-id.ts';
import type { SecretBox } from '../security/secret-box.ts';
import type { Database, Repositories } from '../store/database.ts';
import type { OutboxMail } from '../store/schema.ts';
import type { Mail, SentMail, Transport } from './mailer.ts';

/** How long a claimed mail waits before another gateway may retry it, and the back-off after failures. */
const LEASE_MS = 60_000;
const BACKOFF_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
const MAX_ATTEMPTS = 8;
const DRAIN_EVERY_MS = 15_000;

/**
 * Outgoing mail as an outbox (docs/storage.md): a mail is written in the same transaction as
 * what it tells of (an issuance, a release), so a crash cannot keep one without the other, and
 * a sender hands due mails to the transport afterwards, retrying with back-off. Without a
 * transport (no SMTP_URL) the outbox is the dev mailbox the emulator reads. Bodies hold the
 * one-time download link, so they are stored sealed, and emptied once SMTP has taken the mail.
 */
export class MailOutbox {
  #timer: NodeJS.Timeout | null = null;
  /** Orders mails queued in the same millisecond (ids sort as they were queued). */
  #sequence = 0;
  #draining: Promise<void> | null = null;
  #again = false;

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    private readonly transport: Transport | null,
    private readonly now: () => number,
  ) {}

  /** Queues a mail through `repos` (a transaction's, so it commits with the change it reports). */
  async queue(repos: Repositories, mail: Mail): Promise<void> {
    const at = this.now();
    const id = timeOrderedId(at, this.#sequence++);
    const record: OutboxMail = {
      id,
      to: mail.to,
      mailbox: mail.to.toLowerCase(),
      subject: mail.subject,
      body: this.box.seal(mail.body, `mail:${id}`),
      createdAt: new Date(at).toISOString(),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: at,
    };
    await repos.outbox.put(record);
  }

  /** Sends what is due now (call after a transaction that queued mail); resolves when done. */
  drain(): Promise<void> {
    if (this.#draining) {
      this.#again = true;
      return this.#draining;
    }
    this.#draining = (async () => {
      do {
        this.#again = false;
        for (const mail of await this.db.outbox.due(this.now(), 50)) await this.#deliver(mail.id);
      } while (this.#again);
    })().finally(() => (this.#draining = null));
    return this.#draining;
  }

  /** Retries due mail periodically (mail queued by a gateway that stopped, or refused by SMTP). */
  start(): void {
    this.#timer ??= setInterval(() => void this.drain().catch((error: Error) => console.error(`mail outbox: ${error.message}`)), DRAIN_EVERY_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#draining;
  }

  /** The dev mailbox: mails to one address (case-insensitive), oldest first. */
  async mailbox(address: string): Promise<SentMail[]> {
    const mails = await this.db.outbox.mailbox(address, 500);
    return mails.map((mail) => ({ to: mail.to, subject: mail.subject, body: this.#body(mail), sentAt: mail.sentAt ?? mail.createdAt }));
  }

  /** Claims one mail (so a second gateway leaves it alone), sends it, and records the result. */
  async #deliver(id: string): Promise<void> {
    const now = this.now();
    const claimed = await this.db.transaction(async (tx) => {
      const mail = await tx.outbox.get(id);
      if (!mail || mail.state !== 'pending' || mail.nextAttemptAt > now) return null;
      const lease = { ...mail, attempts: mail.attempts + 1, nextAttemptAt: now + LEASE_MS };
      await tx.outbox.put(lease);
      return lease;
    });
    if (!claimed) return;
    try {
      await this.transport?.send({ to: claimed.to, subject: claimed.subject, body: this.#body(claimed) });
      // Handed to SMTP: the link need not stay in the database. The dev mailbox keeps it for testers.
      await this.db.outbox.put({ ...claimed, state: 'sent', sentAt: new Date(this.now()).toISOString(), ...(this.transport ? { body: '' } : {}) });
    } catch (error) {
      const failed = claimed.attempts >= MAX_ATTEMPTS;
      const wait = BACKOFF_MS[Math.min(claimed.attempts - 1, BACKOFF_MS.length - 1)]!;
      await this.db.outbox.put({ ...claimed, state: failed ? 'failed' : 'pending', nextAttemptAt: this.now() + wait, lastError: (error as Error).message.slice(0, 200) });
      console.error(`mail to ${claimed.mailbox.replace(/^[^@]*/, '***')} not sent (attempt ${claimed.attempts}): ${(error as Error).message}`);
    }
  }

  #body(mail: OutboxMail): string {
    return mail.body === '' ? '' : this.box.open(mail.body, `mail:${mail.id}`);
  }
}
