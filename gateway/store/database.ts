import type { Account, ApiKey, AuditEvent, Customer, Issuance, OutboxMail, SessionRecord, Tenant, Token, Transfer } from './schema.ts';

/**
 * The storage interface every service depends on (docs/storage.md). Two backends implement it:
 * the embedded store (`embedded/`, lowdb + journal in DATA_DIR) and PostgreSQL (`postgres/`).
 * Records go in and come out as plain copies: changing a returned object changes nothing stored.
 */
export interface Collection<T> {
  get(key: string): Promise<T | undefined>;
  /** Inserts or replaces the record under its key. */
  put(record: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface TenantRepository extends Collection<Tenant> {
  byServiceId(serviceId: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
}

export interface CustomerRepository extends Collection<Customer> {
  byLoginId(tenantId: string, loginId: string): Promise<Customer | undefined>;
  /** The users of a business administrator's company, by お客様ID. */
  byAdmin(adminId: string): Promise<Customer[]>;
}

export interface IssuanceRepository extends Collection<Issuance> {
  byForm(customerId: string, formId: string): Promise<Issuance | undefined>;
  byUserId(tenantId: string, userId: string): Promise<Issuance | undefined>;
}

/** The verify state written when a code is accepted. */
export interface AcceptedStep {
  step: number;
  drift: number;
}

export interface TokenRepository extends Collection<Token> {
  /**
   * Records an accepted code in one atomic operation: succeeds only while the token is usable
   * (not revoked, not locked at `now`) and its last accepted step is below `step`, so one step is
   * accepted at most once however many gateways race for it. False: someone else got there first.
   * `event` (the verification's audit event) is appended in the same commit, and only when the step
   * is accepted: one durable write for both.
   */
  acceptStep(serial: string, accepted: AcceptedStep, now: number, event?: AuditEvent): Promise<boolean>;
  /**
   * Counts one wrong code atomically (a lock that has run out starts the count afresh) and locks
   * the token at `maxFailures`; returns the counters after it, or undefined for no such token.
   */
  recordFailure(serial: string, rule: FailureRule, now: number): Promise<Pick<Token, 'failures' | 'lockedUntil'> | undefined>;
  /** The token and its bank in one read (the verification path), or undefined if either is missing. */
  withTenant(serial: string): Promise<{ token: Token; tenant: Tenant } | undefined>;
  byCustomer(customerId: string): Promise<Token[]>;
  /** A bank's tokens in serial order, from after `cursor`. */
  page(query: TokenQuery): Promise<Token[]>;
}

export interface FailureRule {
  maxFailures: number;
  lockMs: number;
}

export interface TokenQuery {
  tenantId: string;
  customerId?: string;
  status?: Token['status'];
  after?: string;
  limit: number;
}

export interface AccountRepository extends Collection<Account> {}

export interface TransferRepository extends Collection<Transfer> {
  byForm(customerId: string, formId: string): Promise<Transfer | undefined>;
}

export interface SessionRepository extends Collection<SessionRecord> {
  /** Drops sessions idle or past their lifetime at `now`; returns how many went. */
  deleteExpired(now: number): Promise<number>;
  byCustomer(customerId: string): Promise<SessionRecord[]>;
}

export interface OutboxRepository extends Collection<OutboxMail> {
  /** Mails not yet handed to the transport whose next attempt is due at `now`, oldest first. */
  due(now: number, limit: number): Promise<OutboxMail[]>;
  /** Mails to one address (case-insensitive), oldest first. */
  mailbox(address: string, limit: number): Promise<OutboxMail[]>;
}

export interface AuditQuery {
  tenantId: string;
  customerId?: string;
  serial?: string;
  action?: string;
  from?: string;
  to?: string;
  /** Events older than this id (ids grow with time): newest first paging. */
  before?: string;
  limit: number;
}

/** Append-only: there is no put, no delete. */
export interface AuditRepository {
  append(event: AuditEvent): Promise<void>;
  /** Newest first. */
  list(query: AuditQuery): Promise<AuditEvent[]>;
}

export interface ApiKeyRepository extends Collection<ApiKey> {
  list(tenantId?: string): Promise<ApiKey[]>;
}

/** Counts failed attempts per client in a fixed window, shared by every gateway on the database. */
export interface ThrottleRepository {
  /** Adds `amount` (default 1) to the key's count in the window starting at `windowStart` and returns the new count. */
  hit(key: string, windowStart: number, expiresAt: number, amount?: number): Promise<number>;
  count(key: string, windowStart: number): Promise<number>;
  deleteExpired(now: number): Promise<number>;
}

export interface Repositories {
  tenants: TenantRepository;
  customers: CustomerRepository;
  issuances: IssuanceRepository;
  tokens: TokenRepository;
  accounts: AccountRepository;
  transfers: TransferRepository;
  sessions: SessionRepository;
  outbox: OutboxRepository;
  audit: AuditRepository;
  apiKeys: ApiKeyRepository;
  throttle: ThrottleRepository;
}

export interface Database extends Repositories {
  readonly backend: 'embedded' | 'postgres';
  /**
   * Runs `work` as one unit: everything it writes lands together or not at all (a throw rolls
   * it back), and a record it reads cannot change under it until it ends. Do no slow work
   * (password hashing, network) inside: other writers wait for it.
   */
  transaction<R>(work: (tx: Repositories) => Promise<R>): Promise<R>;
  /** Resolves when every acknowledged write is durable (embedded: on disk). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** The data cannot be used: start-up stops with this message, nothing is overwritten. */
export class StoreOpenError extends Error {
  override name = 'StoreOpenError';
}

/** A write could not be made durable: the change was rolled back and not acknowledged. */
export class StoreWriteError extends Error {
  override name = 'StoreWriteError';
}
