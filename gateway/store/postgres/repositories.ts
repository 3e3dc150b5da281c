import type pg from 'pg';
import type { AuditQuery, Collection, Repositories } from '../database.ts';
import type { AuditEvent, OutboxMail, Tenant, Token } from '../schema.ts';
import { columnList, fromRow, TABLES, toParams, upsertSql, type Row, type Table } from './tables.ts';

/** The pool (each call one statement, committed at once) or a transaction's client. */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** Equality filters that apply only when their value is given, as `WHERE` text with numbered parameters. */
function filters(parts: readonly [sql: string, value: unknown][], params: unknown[] = []): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  for (const [sql, value] of parts) {
    if (value === undefined) continue;
    params.push(value);
    clauses.push(sql.replace('?', `$${params.length}`));
  }
  return { where: clauses.join(' AND ') || 'TRUE', params };
}

/** `LIMIT n`, or nothing for an unbounded (infinite) limit, as `slice` treats it in the embedded store. */
const limitClause = (limit: number | undefined) => (limit === undefined || !Number.isFinite(limit) ? '' : ` LIMIT ${Math.max(0, Math.floor(limit))}`);

/** The OTP hot path's conditional UPDATE (docs/storage.md, "The OTP hot path"). */
const ACCEPT_STEP = `UPDATE tokens SET last_step = $2, drift = $3, failures = 0, locked_until = NULL
  WHERE serial = $1 AND status <> 'revoked' AND (locked_until IS NULL OR locked_until <= $4)
    AND (last_step IS NULL OR last_step < $2)
  RETURNING serial`;

/**
 * An audit event's INSERT with its parameters numbered from `from`: `VALUES`, or a `SELECT … <source>`
 * (whose parameters are cast, as nothing in a select list tells PostgreSQL their types).
 */
function insertAudit(from: number, source?: string): string {
  const t = TABLES.audit;
  const values = [...t.columns.map((c, i) => `$${from + i}::${c.type}`), `$${from + t.columns.length}::jsonb`];
  return `INSERT INTO ${t.name} (${columnList(t)}) ${source === undefined ? `VALUES (${values.join(', ')})` : `SELECT ${values.join(', ')} ${source}`}`;
}

/** `alias.column AS <prefix>column, …` for a join. */
const aliased = (t: Table, alias: string, prefix: string) => [...t.columns.map((c) => c.column), 'doc'].map((name) => `${alias}.${name} AS ${prefix}${name}`).join(', ');

/** The columns of a join's row that carry `prefix`, without it. */
function unprefixed(row: Row, prefix: string): Row {
  const out: Row = {};
  for (const [name, value] of Object.entries(row)) if (name.startsWith(prefix)) out[name.slice(prefix.length)] = value;
  return out;
}

/**
 * The repositories in SQL, with the embedded store's semantics (`embedded/repositories.ts`).
 * `lock`: inside a transaction every row read is taken `FOR UPDATE`, so a record the work read
 * cannot change under it and read-modify-write transactions on one record run one after another,
 * whichever gateway runs them.
 */
export function postgresRepositories(q: Queryable, lock: boolean): Repositories {
  const forUpdate = lock ? ' FOR UPDATE' : '';
  const locking = lock ? ':lock' : '';

  async function select<T>(t: Table, where: string, params: unknown[], order = t.columns[0]!.column, limit?: number, name?: string): Promise<T[]> {
    const text = `SELECT ${columnList(t)} FROM ${t.name} WHERE ${where} ORDER BY ${order}${limitClause(limit)}${forUpdate}`;
    const result = await q.query<Row>(name ? { name: name + locking, text, values: params } : { text, values: params });
    return result.rows.map((row) => fromRow<T>(t, row));
  }

  const first = async <T>(t: Table, where: string, params: unknown[]): Promise<T | undefined> => (await select<T>(t, where, params, undefined, 1))[0];

  function collection<T>(t: Table): Collection<T> {
    const key = t.columns[0]!;
    const upsert = upsertSql(t);
    return {
      // By key on every request's path (API keys, tokens): a prepared statement, parsed once per connection.
      get: async (id) => (await select<T>(t, `${key.column} = $1`, [id], undefined, 1, `get:${t.name}`))[0],
      put: async (record) => {
        await q.query(upsert, toParams(t, record as Row));
      },
      delete: async (id) => {
        await q.query(`DELETE FROM ${t.name} WHERE ${key.column} = $1`, [id]);
      },
    };
  }

  const { tenants, customers, issuances, tokens, accounts, transfers, sessions, outbox, apiKeys, throttle, audit } = TABLES;

  return {
    tenants: {
      ...collection(tenants),
      byServiceId: (serviceId) => first(tenants, 'service_id = $1', [serviceId]),
      list: () => select(tenants, 'TRUE', []),
    },
    customers: {
      ...collection(customers),
      byLoginId: (tenantId, loginId) => first(customers, 'tenant_id = $1 AND login_id = $2', [tenantId, loginId]),
      byAdmin: (adminId) => select(customers, 'admin_id = $1', [adminId]),
    },
    issuances: {
      ...collection(issuances),
      byForm: (customerId, formId) => first(issuances, 'customer_id = $1 AND form_id = $2', [customerId, formId]),
      byUserId: (tenantId, userId) => first(issuances, 'tenant_id = $1 AND user_id = $2', [tenantId, userId]),
    },
    tokens: {
      ...collection<Token>(tokens),
      // The OTP hot path: one conditional UPDATE. Row locking makes concurrent tries for one step
      // wait for each other and re-check the condition, so exactly one of them matches.
      // With an audit event, a data-modifying CTE inserts it from the UPDATE's row: the step and its event
      // are one statement, one commit, and there is no event for a step that was not accepted.
      acceptStep: async (serial, accepted, now, event) => {
        const params = [serial, accepted.step, accepted.drift, now];
        const result = await q.query(
          event
            ? { name: 'accept-step:audit', text: `WITH accepted AS (${ACCEPT_STEP}), logged AS (${insertAudit(5, 'FROM accepted')}) SELECT serial FROM accepted`, values: [...params, ...toParams(audit, event as unknown as Row)] }
            : { name: 'accept-step', text: ACCEPT_STEP, values: params },
        );
        return result.rowCount === 1;
      },
      withTenant: async (serial) => {
        // The token is locked like every row a transaction reads; its bank only shared (tenants are read by every verification).
        const lockBoth = lock ? ' FOR UPDATE OF t FOR SHARE OF n' : '';
        const result = await q.query<Row>({
          name: `token-with-tenant${locking}`,
          text: `SELECT ${aliased(tokens, 't', '')}, ${aliased(tenants, 'n', 'n_')} FROM tokens t JOIN tenants n ON n.id = t.tenant_id WHERE t.serial = $1${lockBoth}`,
          values: [serial],
        });
        const row = result.rows[0];
        return row && { token: fromRow<Token>(tokens, row), tenant: fromRow<Tenant>(tenants, unprefixed(row, 'n_')) };
      },
      // A lock that has run out (locked_until <= now) starts the count afresh; reaching the limit locks.
      recordFailure: async (serial, rule, now) => {
        const failures = '(CASE WHEN locked_until <= $2::bigint THEN 0 ELSE failures END) + 1';
        const result = await q.query<{ failures: number; locked_until: string | null }>(
          `UPDATE tokens SET failures = ${failures},
             locked_until = CASE WHEN ${failures} >= $3::int THEN $2::bigint + $4::bigint
                                 WHEN locked_until <= $2::bigint THEN NULL
                                 ELSE locked_until END
           WHERE serial = $1
           RETURNING failures, locked_until`,
          [serial, now, rule.maxFailures, rule.lockMs],
        );
        const row = result.rows[0];
        return row && { failures: row.failures, lockedUntil: row.locked_until === null ? null : Number(row.locked_until) };
      },
      byCustomer: (customerId) => select(tokens, 'customer_id = $1', [customerId]),
      page: ({ tenantId, customerId, status, after, limit }) => {
        const { where, params } = filters([['tenant_id = ?', tenantId], ['customer_id = ?', customerId], ['status = ?', status], ['serial > ?', after]]);
        return select(tokens, where, params, 'serial', limit);
      },
    },
    accounts: collection(accounts),
    transfers: {
      ...collection(transfers),
      byForm: (customerId, formId) => first(transfers, 'customer_id = $1 AND form_id = $2', [customerId, formId]),
    },
    sessions: {
      ...collection(sessions),
      byCustomer: (customerId) => select(sessions, 'customer_id = $1', [customerId]),
      deleteExpired: async (now) => (await q.query('DELETE FROM sessions WHERE expires_at <= $1', [now])).rowCount ?? 0,
    },
    outbox: {
      ...collection(outbox),
      due: (now, limit) => select(outbox, "state = 'pending' AND next_attempt_at <= $1", [now], 'created_at, id', limit),
      // The newest `limit` mails, returned oldest first.
      mailbox: async (address, limit) => (await select<OutboxMail>(outbox, 'mailbox = $1', [address.toLowerCase()], 'created_at DESC, id DESC', limit)).reverse(),
    },
    audit: {
      // Insert-only: no statement in the gateway updates or deletes an event.
      append: async (event) => {
        await q.query({ name: 'audit-append', text: insertAudit(1), values: toParams(audit, event as unknown as Row) });
      },
      list: async (query: AuditQuery) => {
        const { where, params } = filters([
          ['tenant_id = ?', query.tenantId], ['customer_id = ?', query.customerId], ['serial_hash = ?', query.serial], ['action = ?', query.action],
          ['at >= ?', query.from], ['at < ?', query.to], ['id < ?', query.before],
        ]);
        const result = await q.query<Row>(`SELECT ${columnList(audit)} FROM audit_events WHERE ${where} ORDER BY id DESC${limitClause(query.limit)}`, params);
        return result.rows.map((row) => fromRow<AuditEvent>(audit, row));
      },
    },
    apiKeys: {
      ...collection(apiKeys),
      list: (tenantId) => {
        const { where, params } = filters([['tenant_id = ?', tenantId]]);
        return select(apiKeys, where, params);
      },
    },
    throttle: {
      // One statement: a new window starts the count at 1, the same window adds one.
      hit: async (key, windowStart, expiresAt, amount = 1) => {
        const result = await q.query<{ count: number }>({
          name: 'throttle-hit',
          text: `INSERT INTO throttle (key, window_start, count, expires_at, doc) VALUES ($1, $2, $4, $3, '{}')
           ON CONFLICT (key) DO UPDATE SET
             count = CASE WHEN throttle.window_start = EXCLUDED.window_start THEN throttle.count + EXCLUDED.count ELSE EXCLUDED.count END,
             window_start = EXCLUDED.window_start, expires_at = EXCLUDED.expires_at
           RETURNING count`,
          values: [key, windowStart, expiresAt, amount],
        });
        return result.rows[0]!.count;
      },
      count: async (key, windowStart) => {
        const row = await first<{ count: number }>(throttle, 'key = $1 AND window_start = $2', [key, windowStart]);
        return row?.count ?? 0;
      },
      deleteExpired: async (now) => (await q.query('DELETE FROM throttle WHERE expires_at <= $1', [now])).rowCount ?? 0,
    },
  };
}
