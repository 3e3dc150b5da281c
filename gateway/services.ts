import { createHmac } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { AuditTrail } from './audit/trail.ts';
import { ClientThrottle } from './auth/client-throttle.ts';
import { ConfirmPasswordService } from './auth/confirm-password.ts';
import { LoginService } from './auth/login.ts';
import { TransferService } from './banking/transfers.ts';
import { ConfigError, type Config } from './config.ts';
import { seedDemo } from './demo.ts';
import { IssuanceService } from './issuance/service.ts';
import { MailOutbox } from './mail/outbox.ts';
import { SmtpTransport } from './mail/smtp.ts';
import { TokenService } from './otp/tokens.ts';
import { SessionStore } from './portal/session.ts';
import { weakerThanProduction } from './security/password.ts';
import { SecretBox } from './security/secret-box.ts';
import { loadSecretKey } from './security/secret-key.ts';
import type { Database } from './store/database.ts';
import { keyCheck } from './store/key-check.ts';
import { openStore } from './store/open.ts';

export type ServiceConfig = Pick<Config, 'dataDir' | 'secretKey' | 'smtpUrl' | 'mailFrom' | 'linkHours' | 'publicUrl' | 'databaseUrl' | 'poolSize' | 'demo' | 'apiRatePerMinute' | 'production' | 'passwordCost'>;

const SWEEP_EVERY_MS = 60_000;

/** Everything the routes use, built once at start-up. */
export interface Services {
  config: ServiceConfig;
  db: Database;
  audit: AuditTrail;
  tokens: TokenService;
  logins: LoginService;
  confirmPasswords: ConfirmPasswordService;
  issuance: IssuanceService;
  transfers: TransferService;
  sessions: SessionStore;
  outbox: MailOutbox;
  /** Whether mail stays in the dev mailbox (no SMTP_URL). */
  devMailbox: boolean;
  now: () => number;
  /** Stops the timers and resolves when every acknowledged write is durable; closes the store. */
  close(): Promise<void>;
}

export async function createServices(config: ServiceConfig, now: () => number = Date.now): Promise<Services> {
  if (config.production && weakerThanProduction(config.passwordCost)) throw new ConfigError('KETAI_ENV=production hashes passwords at the production scrypt cost only');
  await mkdir(config.dataDir, { recursive: true });
  const key = await loadSecretKey(config.dataDir, config.secretKey);
  const box = new SecretBox(key);
  const db = await openStore({ dataDir: config.dataDir, ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}), poolSize: config.poolSize, keyCheck: keyCheck(box) });
  // Production starts with no data of its own: never the fictional banks and their passwords.
  if (config.demo) await seedDemo(db, config.passwordCost);
  const audit = new AuditTrail(now);
  const throttle = new ClientThrottle(db.throttle, now);
  const tokens = new TokenService(db, box, audit, now);
  const outbox = new MailOutbox(db, box, config.smtpUrl ? new SmtpTransport(config.smtpUrl, config.mailFrom) : null, now);
  const sessions = new SessionStore(db.sessions, createHmac('sha256', key).update('ketai-token csrf').digest(), now);
  outbox.start();
  // Mail queued by a gateway that stopped before sending it goes out now.
  void outbox.drain().catch((error: Error) => console.error(`mail outbox: ${error.message}`));
  const sweep = setInterval(() => {
    void Promise.all([sessions.sweep(), db.throttle.deleteExpired(now())]).catch((error: Error) => console.error(`sweep: ${error.message}`));
  }, SWEEP_EVERY_MS);
  sweep.unref();
  return {
    config,
    db,
    audit,
    tokens,
    logins: new LoginService(db, audit, throttle, now, config.passwordCost),
    confirmPasswords: new ConfirmPasswordService(db, audit, now),
    issuance: new IssuanceService({ db, tokens, outbox, audit, throttle, now, linkHours: config.linkHours, passwordCost: config.passwordCost }),
    transfers: new TransferService(db, audit, now),
    sessions,
    outbox,
    devMailbox: !config.smtpUrl,
    now,
    async close() {
      clearInterval(sweep);
      await outbox.stop();
      await db.close();
    },
  };
}
