import { join } from 'node:path';
import { Store } from '../store/store.ts';
import type { Mail, Mailer, SentMail } from './mailer.ts';

interface OutboxData {
  mails: SentMail[];
}

/** The newest mails kept: the outbox is a development aid, not an archive. */
const KEEP = 500;

/** Default transport: mail is kept in `DATA_DIR/mailbox.json`, read by the emulator's mail app. */
export class Outbox implements Mailer {
  private constructor(
    private readonly store: Store<OutboxData>,
    private readonly now: () => number,
  ) {}

  static async open(dataDir: string, now: () => number): Promise<Outbox> {
    const store = await Store.open<OutboxData>(join(dataDir, 'mailbox.json'), () => ({ mails: [] }), (data) => {
      if (!Array.isArray(data.mails)) throw new Error('"mails" is missing');
    });
    return new Outbox(store, now);
  }

  async send(mail: Mail): Promise<void> {
    await this.store.update((data) => {
      data.mails.push({ ...mail, sentAt: new Date(this.now()).toISOString() });
      if (data.mails.length > KEEP) data.mails.splice(0, data.mails.length - KEEP);
    });
  }

  /** Mails to one address (case-insensitive), oldest first. */
  mailbox(address: string): SentMail[] {
    const wanted = address.toLowerCase();
    return this.store.data.mails.filter((mail) => mail.to.toLowerCase() === wanted);
  }

  flush(): Promise<void> {
    return this.store.flush();
  }
}
