import { COLLECTIONS, type CollectionName } from '../collections.ts';

/**
 * How a record maps onto its table (schema in `migrations/`): the fields listed here are real
 * columns (looked up, sorted on or changed atomically in SQL), everything else goes into `doc`.
 * Reading merges the two back into a record equal to the one that was put.
 */
type ColumnType = 'text' | 'int' | 'bigint';

interface Column {
  field: string;
  column: string;
  type: ColumnType;
  /** What SQL NULL means: an optional field that is absent, or a field whose value is null. */
  nulls: 'absent' | 'null' | 'never';
}

export interface Table {
  name: string;
  /** The key column comes first. */
  columns: readonly Column[];
}

export type Row = Record<string, unknown>;

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `type` ends in `?` for an optional field, in `|null` for a field that may hold null. */
function column(field: string, spec: `${ColumnType}${'' | '?' | '|null'}`): Column {
  const type = spec.replace(/\?|\|null/, '') as ColumnType;
  const nulls = spec.endsWith('?') ? 'absent' : spec.endsWith('|null') ? 'null' : 'never';
  return { field, column: snake(field), type, nulls };
}

function table(name: CollectionName | 'audit', columns: Record<string, Parameters<typeof column>[1]>): Table {
  return { name: name === 'audit' ? 'audit_events' : snake(name), columns: Object.entries(columns).map(([field, spec]) => column(field, spec)) };
}

export const TABLES = {
  tenants: table('tenants', { id: 'text', serviceId: 'text' }),
  customers: table('customers', { id: 'text', tenantId: 'text', loginId: 'text', adminId: 'text?' }),
  issuances: table('issuances', { id: 'text', tenantId: 'text', customerId: 'text', userId: 'text', formId: 'text' }),
  tokens: table('tokens', {
    serial: 'text', tenantId: 'text', customerId: 'text?', status: 'text',
    lastStep: 'bigint|null', drift: 'int', failures: 'int', lockedUntil: 'bigint|null',
  }),
  accounts: table('accounts', { customerId: 'text' }),
  transfers: table('transfers', { id: 'text', customerId: 'text', formId: 'text' }),
  sessions: table('sessions', { id: 'text', customerId: 'text?', expiresAt: 'bigint' }),
  outbox: table('outbox', { id: 'text', mailbox: 'text', state: 'text', nextAttemptAt: 'bigint', createdAt: 'text' }),
  apiKeys: table('apiKeys', { id: 'text', tenantId: 'text' }),
  throttle: table('throttle', { key: 'text', windowStart: 'bigint', count: 'int', expiresAt: 'bigint' }),
  audit: table('audit', { id: 'text', at: 'text', tenantId: 'text?', customerId: 'text?', serialHash: 'text?', action: 'text' }),
} satisfies Record<CollectionName | 'audit', Table>;

for (const name of Object.keys(COLLECTIONS) as CollectionName[]) {
  if (TABLES[name].columns[0]!.field !== COLLECTIONS[name].key) throw new Error(`table ${name}: the key column must come first`);
}

/** The column list for SELECT and INSERT. */
export const columnList = (t: Table) => [...t.columns.map((c) => c.column), 'doc'].join(', ');

/** A record as query parameters, in `columnList` order. */
export function toParams(t: Table, record: Row): unknown[] {
  const rest: Row = { ...record };
  const params: unknown[] = [];
  for (const c of t.columns) {
    params.push(record[c.field] ?? null);
    delete rest[c.field];
  }
  params.push(JSON.stringify(rest));
  return params;
}

/** A row back as the record: bigint columns (strings from node-postgres) as numbers, absent fields left out. */
export function fromRow<T>(t: Table, row: Row): T {
  const record: Row = { ...(row.doc as Row) };
  for (const c of t.columns) {
    const value = row[c.column];
    if (value === null || value === undefined) {
      if (c.nulls !== 'absent') record[c.field] = null;
    } else {
      record[c.field] = c.type === 'bigint' ? Number(value) : value;
    }
  }
  return record as T;
}

/** `INSERT … ON CONFLICT (key) DO UPDATE`: put replaces the whole record in one statement. */
export function upsertSql(t: Table): string {
  const names = [...t.columns.map((c) => c.column), 'doc'];
  const values = names.map((_, i) => `$${i + 1}`).join(', ');
  const updates = names.slice(1).map((n) => `${n} = EXCLUDED.${n}`).join(', ');
  return `INSERT INTO ${t.name} (${names.join(', ')}) VALUES (${values}) ON CONFLICT (${names[0]}) DO UPDATE SET ${updates}`;
}
