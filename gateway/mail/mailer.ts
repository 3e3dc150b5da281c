export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export interface SentMail extends Mail {
  sentAt: string;
}

/** Where outgoing mail goes: the dev outbox, or SMTP when `SMTP_URL` is set. */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
