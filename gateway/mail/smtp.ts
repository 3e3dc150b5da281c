import type { Transporter } from 'nodemailer';
import type { Mail, Transport } from './mailer.ts';

/** Real delivery through the server named by `SMTP_URL` (e.g. `smtp://user:pass@mail.example:587`). */
export class SmtpTransport implements Transport {
  // nodemailer is half the gateway's code: loaded only when SMTP is configured, not on every start.
  readonly #transport: Promise<Transporter>;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = import('nodemailer').then(({ createTransport }) => createTransport(url));
    // A failure surfaces on the first send, with the message nodemailer gives.
    this.#transport.catch(() => undefined);
  }

  async send(mail: Mail): Promise<void> {
    await (await this.#transport).sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.body });
  }
}
