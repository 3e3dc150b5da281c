export interface Mail {
  to: string;
  subject: string;
  body: string;
}

export interface SentMail extends Mail {
  sentAt: string;
}

/** Real delivery (SMTP when `SMTP_URL` is set); without one, mail stays in the dev mailbox. */
export interface Transport {
  send(mail: Mail): Promise<void>;
}
