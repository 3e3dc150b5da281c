import { createTransport, type Transporter } from 'nodemailer';
import type { Mail, Transport } from './mailer.ts';

/** Real delivery through the server named by `SMTP_URL` (e.g. `smtp://user:pass@mail.example:587`). */
export class SmtpTransport implements Transport {
  readonly #transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    this.#transport = createTransport(url);
  }

  async send(mail: Mail): Promise<void> {
    await this.#transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.body });
  }
}
