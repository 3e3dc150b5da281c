import { mkdir } from 'node:fs/promises';
import { ConfirmPasswordService } from './auth/confirm-password.ts';
import { LoginService } from './auth/login.ts';
import { TransferService } from './banking/transfers.ts';
import type { Config } from './config.ts';
import { openDatabase } from './database.ts';
import { IssuanceService } from './issuance/service.ts';
import type { Mailer } from './mail/mailer.ts';
import { Outbox } from './mail/outbox.ts';
import { SmtpMailer } from './mail/smtp.ts';
import { TokenService } from './otp/tokens.ts';
import { SecretBox } from './security/secret-box.ts';
import { loadSecretKey } from './security/secret-key.ts';
import type { Data } from './store/schema.ts';
import type { Store } from './store/store.ts';

export type ServiceConfig = Pick<Config, 'dataDir' | 'secretKey' | 'smtpUrl' | 'mailFrom' | 'linkHours' | 'publicUrl'>;

/** Everything the routes use, built once at start-up. */
export interface Services {
  config: ServiceConfig;
  store: Store<Data>;
  tokens: TokenService;
  logins: LoginService;
  confirmPasswords: ConfirmPasswordService;
  issuance: IssuanceService;
  transfers: TransferService;
  mailer: Mailer;
  /** The dev outbox; absent when real SMTP delivery is configured. */
  outbox?: Outbox;
  now: () => number;
  /** Resolves when every pending write (data, outbox) is on disk. */
  flush(): Promise<void>;
}

export async function createServices(config: ServiceConfig, now: () => number = Date.now): Promise<Services> {
  await mkdir(config.dataDir, { recursive: true });
  const box = new SecretBox(await loadSecretKey(config.dataDir, config.secretKey));
  const store = await openDatabase(config.dataDir, box);
  const tokens = new TokenService(store, box, now);
  const outbox = config.smtpUrl ? undefined : await Outbox.open(config.dataDir, now);
  const mailer: Mailer = outbox ?? new SmtpMailer(config.smtpUrl!, config.mailFrom);
  const issuance = new IssuanceService({ store, tokens, mailer, now, linkHours: config.linkHours });
  return {
    config,
    store,
    tokens,
    logins: new LoginService(store, now),
    confirmPasswords: new ConfirmPasswordService(store, now),
    issuance,
    transfers: new TransferService(store, now),
    mailer,
    ...(outbox ? { outbox } : {}),
    now,
    async flush() {
      await Promise.all([store.flush(), outbox?.flush()]);
    },
  };
}
