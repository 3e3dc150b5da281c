import { COLLECTIONS, type CollectionName } from '../collections.ts';
import type { AuditQuery, Collection, Repositories } from '../database.ts';
import type { AuditEvent, OutboxMail, SessionRecord, Tenant, ThrottleCount, Token } from '../schema.ts';
import type { Row, View } from './view.ts';

/** Runs a read-modify-write on a transaction's view: the view itself inside one, a new one outside. */
export type Atomically = <R>(change: (view: View) => R) => Promise<R>;

/** Audit events live beside the tables (their own file): the engine answers queries on them. */
export type AuditLister = (query: AuditQuery) => AuditEvent[];

function collection<T>(name: CollectionName, read: View, atomically: Atomically): Collection<T> {
  const key = COLLECTIONS[name].key as string;
  return {
    get: async (id) => read.get(name, id) as T | undefined,
    put: (record) => atomically((view) => view.write(name, String((record as Row)[key]), record as Row)),
    delete: (id) => atomically((view) => view.write(name, id, null)),
  };
}

const first = <T>(rows: Row[]): T | undefined => rows[0] as T | undefined;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function embeddedRepositories(read: View, atomically: Atomically, listAudit: AuditLister): Repositories {
  return {
    tenants: {
      ...collection('tenants', read, atomically),
      byServiceId: async (serviceId) => first(read.find('tenants', 'serviceId', [serviceId])),
      list: async () => read.select('tenants', () => true) as never,
    },
    customers: {
      ...collection('customers', read, atomically),
      byLoginId: async (tenantId, loginId) => first(read.find('customers', 'login', [tenantId, loginId])),
      byAdmin: async (adminId) => (read.find('customers', 'admin', [adminId]) as never[]).sort((a: Row, b: Row) => byKey(String(a.id), String(b.id))),
    },
    issuances: {
      ...collection('issuances', read, atomically),
      byForm: async (customerId, formId) => first(read.find('issuances', 'form', [customerId, formId])),
      byUserId: async (tenantId, userId) => first(read.find('issuances', 'userId', [tenantId, userId])),
    },
    tokens: {
      ...collection('tokens', read, atomically),
      // The step and its audit event are one commit: one journal line, fsync'd beside the audit line.
      acceptStep: (serial, accepted, now, event) =>
        atomically((view) => {
          const token = view.get('tokens', serial) as Token | undefined;
          if (!token || token.status === 'revoked') return false;
          if (token.lockedUntil !== null && now < token.lockedUntil) return false;
          if (token.lastStep !== null && token.lastStep >= accepted.step) return false;
          view.write('tokens', serial, { ...token, lastStep: accepted.step, drift: accepted.drift, failures: 0, lockedUntil: null });
          if (event) view.audit(event);
          return true;
        }),
      recordFailure: (serial, rule, now) =>
        atomically((view) => {
          const token = view.get('tokens', serial) as Token | undefined;
          if (!token) return undefined;
          const lapsed = token.lockedUntil !== null && now >= token.lockedUntil;
          const failures = (lapsed ? 0 : token.failures) + 1;
          const lockedUntil = failures >= rule.maxFailures ? now + rule.lockMs : lapsed ? null : token.lockedUntil;
          view.write('tokens', serial, { ...token, failures, lockedUntil });
          return { failures, lockedUntil };
        }),
      withTenant: async (serial) => {
        const token = read.get('tokens', serial) as Token | undefined;
        const tenant = token && (read.get('tenants', token.tenantId) as Tenant | undefined);
        return tenant && { token: token!, tenant };
      },
      byCustomer: async (customerId) => read.find('tokens', 'customer', [customerId]) as never,
      page: async ({ tenantId, customerId, status, after, limit }) =>
        (read.find('tokens', 'tenant', [tenantId]) as unknown as Token[])
          .filter((t) => (customerId === undefined || t.customerId === customerId) && (status === undefined || t.status === status) && (after === undefined || t.serial > after))
          .sort((a, b) => byKey(a.serial, b.serial))
          .slice(0, limit),
    },
    accounts: collection('accounts', read, atomically),
    transfers: {
      ...collection('transfers', read, atomically),
      byForm: async (customerId, formId) => first(read.find('transfers', 'form', [customerId, formId])),
    },
    sessions: {
      ...collection('sessions', read, atomically),
      byCustomer: async (customerId) => read.find('sessions', 'customer', [customerId]) as never,
      deleteExpired: (now) =>
        atomically((view) => {
          const expired = view.select('sessions', (row) => (row as unknown as SessionRecord).expiresAt <= now);
          for (const row of expired) view.write('sessions', String(row.id), null);
          return expired.length;
        }),
    },
    outbox: {
      ...collection('outbox', read, atomically),
      due: async (now, limit) =>
        (read.select('outbox', (row) => row.state === 'pending' && (row.nextAttemptAt as number) <= now) as unknown as OutboxMail[])
          .sort((a, b) => byKey(a.createdAt, b.createdAt) || byKey(a.id, b.id))
          .slice(0, limit),
      mailbox: async (address, limit) =>
        (read.find('outbox', 'mailbox', [address.toLowerCase()]) as unknown as OutboxMail[])
          .sort((a, b) => byKey(a.createdAt, b.createdAt) || byKey(a.id, b.id))
          .slice(-limit),
    },
    audit: {
      append: (event) => atomically((view) => view.audit(event)),
      list: async (query) => listAudit(query),
    },
    apiKeys: {
      ...collection('apiKeys', read, atomically),
      list: async (tenantId) => (tenantId === undefined ? read.select('apiKeys', () => true) : read.find('apiKeys', 'tenant', [tenantId])) as never,
    },
    throttle: {
      hit: (key, windowStart, expiresAt, amount = 1) =>
        atomically((view) => {
          const row = view.get('throttle', key) as ThrottleCount | undefined;
          const count = (row && row.windowStart === windowStart ? row.count : 0) + amount;
          view.write('throttle', key, { key, windowStart, count, expiresAt });
          return count;
        }),
      count: async (key, windowStart) => {
        const row = read.get('throttle', key) as ThrottleCount | undefined;
        return row && row.windowStart === windowStart ? row.count : 0;
      },
      deleteExpired: (now) =>
        atomically((view) => {
          const expired = view.select('throttle', (row) => (row.expiresAt as number) <= now);
          for (const row of expired) view.write('throttle', String(row.key), null);
          return expired.length;
        }),
    },
  };
}
