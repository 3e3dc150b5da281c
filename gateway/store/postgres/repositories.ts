import type pg from 'pg';
import type { AcceptedStep, AuditQuery, Collection, Repositories } from '../database.ts';
import { batched } from './batch.ts';
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

/**
 * The OTP hot path's conditional UPDATE (docs/storage.md, "The OTP hot path") for several tokens at
 * once, one input row each. Their rows are locked first, in serial order, so that two such statements
 * (of two gateways) never wait for each other crosswise. With their audit events, a data-modifying CTE
 * inserts each one from its token's row: a step and its event are one statement and one commit, and
 * there is no event for a step that was not accepted.
 */
function acceptStepsSql(): string {
  const t = TABLES.audit;
  const names = [...t.columns.map((c) => c.column), 'doc'];
  const arrays = names.map((_, i) => `$${6 + i}::text[]`).join(', ');
  const selected = [...t.columns.map((c) => `e.${c.column}${c.type === 'text' ? '' : `::${c.type}`}`), 'e.doc::jsonb'].join(', ');
  return `WITH input AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::int[], $4::bigint[]) AS v(serial, step, drift, now)),
    locked AS (SELECT serial FROM tokens WHERE serial = ANY($1::text[]) ORDER BY serial FOR UPDATE),
    accepted AS (
      UPDATE tokens t SET last_step = v.step, drift = v.drift, failures = 0, locked_until = NULL
      FROM input v JOIN locked USING (serial)
      WHERE t.serial = v.serial AND t.status <> 'revoked' AND (t.locked_until IS NULL OR t.locked_until <= v.now)
        AND (t.last_step IS NULL OR t.last_step < v.step)
      RETURNING t.serial),
    logged AS (
      INSERT INTO ${t.name} (${names.join(', ')})
      SELECT ${selected} FROM unnest($5::text[], ${arrays}) AS e(serial, ${names.join(', ')}) JOIN accepted USING (serial))
    SELECT serial FROM accepted`;
}
const ACCEPT_STEPS = acceptStepsSql();

/** One token's accepted step, as `acceptStep` takes it. */
interface StepToAccept {
  serial: string;
  accepted: AcceptedStep;
  now: number;
  event?: AuditEvent | undefined;
}

/** SQLSTATEs after which a transaction, or a statement outside one, can simply be run again: serialization failure, deadlock. */
export const RETRYABLE = new Set(['40001', '40P01']);
export const ATTEMPTS = 5;

/** Calls to one statement of the hot path batched at most this many at a time. */
const BATCH_MAX = 256;

/** An audit event's INSERT. */
const INSERT_AUDIT = `INSERT INTO ${TABLES.audit.name} (${columnList(TABLES.audit)}) VALUES (${[...TABLES.audit.columns, null].map((_, i) => `$${i + 1}`).join(', ')})`;

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

  /** Tokens with their banks by serial, in the order asked (the token row locked in a transaction, its bank only shared). */
  async function tokensWithTenants(serials: string[]): Promise<({ token: Token; tenant: Tenant } | undefined)[]> {
    const lockBoth = lock ? ' FOR UPDATE OF t FOR SHARE OF n' : '';
    const result = await q.query<Row>({
      name: `tokens-with-tenants${locking}`,
      text: `SELECT ${aliased(tokens, 't', '')}, ${aliased(tenants, 'n', 'n_')} FROM tokens t JOIN tenants n ON n.id = t.tenant_id WHERE t.serial = ANY($1::text[])${lockBoth}`,
      values: [serials],
    });
    const rows = new Map(result.rows.map((row) => [row.serial as string, row]));
    return serials.map((serial) => {
      const row = rows.get(serial);
      return row && { token: fromRow<Token>(tokens, row), tenant: fromRow<Tenant>(tenants, unprefixed(row, 'n_')) };
    });
  }

  /**
   * Row locking makes concurrent tries for one step (from any gateway) wait for each other and
   * re-check the condition, so exactly one of them matches; one statement never holds two tries of
   * one token. A deadlock between two gateways' statements fails both whole: the loser runs again.
   */
  async function acceptSteps(steps: StepToAccept[]): Promise<boolean[]> {
    const logged = steps.filter((s) => s.event !== undefined);
    const events = logged.map((s) => toParams(audit, s.event as unknown as Row));
    const eventColumns = Array.from({ length: audit.columns.length + 1 }, (_, i) => events.map((params) => params[i]));
    const values = [steps.map((s) => s.serial), steps.map((s) => s.accepted.step), steps.map((s) => s.accepted.drift), steps.map((s) => s.now), logged.map((s) => s.serial), ...eventColumns];
    const result = await retryDeadlock(() => q.query<{ serial: string }>({ name: 'accept-steps', text: ACCEPT_STEPS, values }));
    const accepted = new Set(result.rows.map((row) => row.serial));
    return steps.map((s) => accepted.has(s.serial));
  }

  /** A statement outside a transaction that lost a deadlock did nothing: it runs again (inside one, the transaction does). */
  async function retryDeadlock<R>(run: () => Promise<R>): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (lock || attempt >= ATTEMPTS || !RETRYABLE.has((error as { code?: string }).code ?? '')) throw error;
      }
    }
  }

  const withTenant = lock ? async (serial: string) => (await tokensWithTenants([serial]))[0] : batched(tokensWithTenants, { max: BATCH_MAX });
  const acceptStep = lock ? async (step: StepToAccept) => (await acceptSteps([step]))[0]! : batched(acceptSteps, { keyOf: (s) => s.serial, max: BATCH_MAX });

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
      // The OTP hot path: concurrent calls share a statement (`batched`); inside a transaction each runs alone.
      acceptStep: (serial, accepted, now, event) => acceptStep({ serial, accepted, now, event }),
      withTenant,
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
        await q.query({ name: 'audit-append', text: INSERT_AUDIT, values: toParams(audit, event as unknown as Row) });
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
