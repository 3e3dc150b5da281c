import type { Algorithm, OtpPolicy } from '../otp/policy.ts';

export interface Tenant {
  id: string;
  /** Fictional bank name shown in headers, mails and the token app. */
  name: string;
  kind: 'personal' | 'business';
  /** サービスID, typed into the token app's 初期設定. */
  serviceId: string;
  policy: OtpPolicy;
}

/** 未登録 → トークン発行済 → 利用中 → 利用解除 */
export type OtpStatus = 'none' | 'issued' | 'active' | 'released';

export interface Customer {
  id: string;
  tenantId: string;
  loginId: string;
  name: string;
  /** personal banking customer, or a business 管理者 / 一般者. */
  role: 'personal' | 'admin' | 'general';
  /** The business administrator a general user belongs to. */
  adminId?: string;
  /** Hashes (scrypt): ログインパスワード, and 確認用パスワード (personal) or 承認用パスワード (admin). */
  passwordHash: string;
  confirmPasswordHash?: string;
  otpStatus: OtpStatus;
  /** The current トークン発行 and the token it produced (in use or being set up). */
  issuanceId?: string;
  tokenSerial?: string;
  /** ISO time of the last 利用解除. */
  releasedAt?: string;
  loginFailures: number;
  loginLockedUntil?: string;
  /** Wrong 確認用 / 承認用パスワード in a row, and the lock they caused. */
  confirmFailures: number;
  confirmLockedUntil?: string;
  /** A business administrator's 利用形態 for their company (docs/business.md); absent: the default. */
  usage?: { tokenMode: 'individual' | 'shared'; loginOtp: boolean };
}

/** One トークン発行: from BOT003 確定する to the token app's 初期設定. */
export interface Issuance {
  /**
   * SHA-256 of the download link's ticket (the link itself is a bearer secret and never stored);
   * also the key in `issuances`, so the handset's link is found without a scan.
   */
  id: string;
  tenantId: string;
  customerId: string;
  /** ユーザID typed into the app with the tenant's サービスID. */
  userId: string;
  mail: string;
  startPasswordHash: string;
  expiresAt: string;
  /** pending → provisioned (app set up); locked after wrong 利用開始パスワード; cancelled by 利用解除. */
  state: 'pending' | 'provisioned' | 'locked' | 'cancelled';
  failures: number;
  createdAt: string;
  /** The BOT001 form this issuance came from: a second 確定する of the same form finds it. */
  formId: string;
  tokenSerial?: string;
}

export interface Payee {
  id: string;
  bank: string;
  branch: string;
  accountType: '普通' | '当座';
  accountNumber: string;
  holder: string;
}

export interface Account {
  customerId: string;
  branch: string;
  accountType: '普通' | '当座';
  accountNumber: string;
  balance: number;
  /** 事前登録済み振込先: no OTP needed. */
  payees: Payee[];
}

export interface Transfer {
  id: string;
  customerId: string;
  payee: Omit<Payee, 'id'>;
  amount: number;
  registeredPayee: boolean;
  /** Whether an OTP was checked for this transfer. */
  otpChecked: boolean;
  createdAt: string;
  formId: string;
}

export type TokenStatus = 'provisioned' | 'active' | 'revoked';

export interface Token {
  serial: string;
  tenantId: string;
  customerId?: string;
  /** The Base32 seed, sealed with AES-256-GCM bound to the serial. */
  sealedSecret: string;
  algorithm: Algorithm;
  digits: number;
  period: number;
  status: TokenStatus;
  /** ISO times: provisioned (利用開始日), 利用期限, activation, revocation. */
  issuedAt: string;
  expiresAt: string;
  activatedAt?: string;
  revokedAt?: string;
  /** The last accepted time step: a code of this step or an earlier one is a replay. */
  lastStep: number | null;
  /** Steps the handset's clock was off at the last accepted code. */
  drift: number;
  failures: number;
  /** Epoch ms until which every code is refused. */
  lockedUntil: number | null;
}

/** A portal session: the cookie holds a random id, the store only its SHA-256. */
export interface SessionRecord {
  id: string;
  customerId?: string;
  /** Epoch ms. */
  createdAt: number;
  lastSeen: number;
  /** Idle or absolute end, whichever comes first (epoch ms). */
  expiresAt: number;
  /** What the portal keeps between requests (stage, form drafts); the store does not look inside. */
  state: Record<string, unknown>;
}

/** A mail in the outbox: written in the same change as what it tells of, sent afterwards. */
export interface OutboxMail {
  id: string;
  to: string;
  /** `to` in lower case: the dev mailbox is looked up by it. */
  mailbox: string;
  subject: string;
  body: string;
  /** ISO time the mail was queued. */
  createdAt: string;
  state: 'pending' | 'sent' | 'failed';
  attempts: number;
  /** Epoch ms of the next delivery attempt. */
  nextAttemptAt: number;
  sentAt?: string;
  lastError?: string;
}

/** One security-relevant action (docs/audit.md). Never a code, password, secret or ticket. */
export interface AuditEvent {
  /** Sortable by time: `<epoch ms, 13 digits>-<random>`. */
  id: string;
  at: string;
  tenantId?: string;
  /** Who acted: `customer:<id>`, `handset`, `api:<key id>`, `system`. */
  actor: string;
  action: string;
  result: string;
  customerId?: string;
  /** Masked serial as shown to people, and its hash for lookups. */
  serial?: string;
  serialHash?: string;
  ip?: string;
  userAgent?: string;
  detail?: Record<string, string | number | boolean>;
}

export type ApiScope = 'verify' | 'manage' | 'audit';

/** A bank system's API key: only a hash is kept. */
export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  scopes: ApiScope[];
  /** SHA-256 of the key's secret part. */
  secretHash: string;
  createdAt: string;
  revokedAt?: string;
}

/** Failed attempts of one client in one window (rate limiting). */
export interface ThrottleCount {
  key: string;
  windowStart: number;
  count: number;
  expiresAt: number;
}
