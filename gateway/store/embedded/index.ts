import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from '../collections.ts';
import { StoreOpenError, StoreWriteError, type AuditQuery, type Database, type Repositories } from '../database.ts';
import type { AuditEvent } from '../schema.ts';
import type { KeyCheck } from '../key-check.ts';
import { AppendFile } from './append-file.ts';
import { embeddedRepositories } from './repositories.ts';
import { readSnapshot, writeSnapshot, type Snapshot } from './snapshot.ts';
import { MemoryTable } from './table.ts';
import { CommittedView, copy, TransactionView, type Row, type View } from './view.ts';

export const SNAPSHOT_FILE = 'ketai.json';
export const AUDIT_FILE = 'audit.jsonl';
const SEGMENT = /^ketai\.journal\.(\d+)$/;
const segmentName = (n: number) => `ketai.journal.${n}`;

/** Snapshot format: 1 was the whole data set as one document (read and converted), 2 is tables + journal. */
export const EMBEDDED_VERSION = 2;

export interface EmbeddedOptions {
  dataDir: string;
  keyCheck: KeyCheck;
  /** Journal size that starts a new snapshot (bytes). */
  compactBytes?: number;
}

type Op = [CollectionName, string, Row | null];

interface Loaded {
  tables: Map<CollectionName, MemoryTable>;
  keyCheck: string;
  segment: number;
  /** Valid bytes of the last segment (a torn tail after them is cut). */
  segmentSize: number;
}

/**
 * The default backend (docs/storage.md): every table in memory; on disk a snapshot (`ketai.json`,
 * read through lowdb) plus a journal of changes. A transaction's writes are applied together and
 * appended to the journal as one line, fsync'd before the transaction resolves (group commit), so
 * a commit costs the same however large the data is. When the journal grows past `compactBytes` a
 * new snapshot is written in the background, in chunks, and older journal segments are removed.
 * Audit events go to their own fsync'd JSON-lines file. One process per DATA_DIR.
 */
export class EmbeddedDatabase implements Database {
  readonly backend = 'embedded' as const;
  #tables: Map<CollectionName, MemoryTable>;
  #keyCheck: string;
  #segment: number;
  #journal: AppendFile;
  #lock: Promise<void> = Promise.resolve();
  #compacting: Promise<void> | null = null;
  #failed: Promise<void> | null = null;
  readonly #events: AuditEvent[];
  readonly #auditFile: AppendFile;
  #repositories: Repositories;

  private constructor(
    private readonly options: Required<Omit<EmbeddedOptions, 'keyCheck'>>,
    loaded: Loaded,
    journal: AppendFile,
    events: AuditEvent[],
    auditFile: AppendFile,
  ) {
    this.#tables = loaded.tables;
    this.#keyCheck = loaded.keyCheck;
    this.#segment = loaded.segment;
    this.#journal = journal;
    this.#events = events.sort(byId);
    this.#auditFile = auditFile;
    this.#repositories = this.#committedRepositories();
  }

  static async open(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
    const settings = { dataDir: options.dataDir, compactBytes: options.compactBytes ?? 16 * 1024 * 1024 };
    await mkdir(settings.dataDir, { recursive: true });
    let loaded = await load(settings.dataDir);
    if (loaded === null) {
      const keyCheck = options.keyCheck.create();
      await writeSnapshot(join(settings.dataDir, SNAPSHOT_FILE), { version: EMBEDDED_VERSION, keyCheck, replayFrom: 1 }, new Map());
      loaded = { tables: emptyTables(), keyCheck, segment: 1, segmentSize: 0 };
    } else if (!options.keyCheck.matches(loaded.keyCheck)) {
      throw new StoreOpenError(`data in ${settings.dataDir} was written with another secret key (check KETAI_SECRET_KEY or secret.key)`);
    }
    const { events, size } = await loadAudit(join(settings.dataDir, AUDIT_FILE));
    const database: EmbeddedDatabase = new EmbeddedDatabase(
      settings,
      loaded,
      await AppendFile.open(join(settings.dataDir, segmentName(loaded.segment)), loaded.segmentSize, (error) => database.#onWriteFailure(error)),
      events,
      await AppendFile.open(join(settings.dataDir, AUDIT_FILE), size),
    );
    return database;
  }

  get tenants() { return this.#repositories.tenants; }
  get customers() { return this.#repositories.customers; }
  get issuances() { return this.#repositories.issuances; }
  get tokens() { return this.#repositories.tokens; }
  get accounts() { return this.#repositories.accounts; }
  get transfers() { return this.#repositories.transfers; }
  get sessions() { return this.#repositories.sessions; }
  get outbox() { return this.#repositories.outbox; }
  get audit() { return this.#repositories.audit; }
  get apiKeys() { return this.#repositories.apiKeys; }
  get throttle() { return this.#repositories.throttle; }

  transaction<R>(work: (tx: Repositories) => Promise<R>): Promise<R> {
    return this.#run((view) => work(embeddedRepositories(view, async (change) => change(view), (query) => this.#listAudit(query))));
  }

  async flush(): Promise<void> {
    await this.#journal.flush();
    await this.#auditFile.flush();
    await this.#compacting;
    await this.#failed;
  }

  /** Waits for pending writes, then writes a fresh snapshot so the next start replays nothing. */
  async close(): Promise<void> {
    const release = await this.#acquire();
    try {
      await this.flush();
      // A fresh snapshot only spares the next start a replay: the journal already holds everything.
      if (this.#journal.size > 0) await this.#compact().catch((error: Error) => console.error(`embedded store: no snapshot at close (${error.message}); the journal has every change`));
      await this.#journal.close();
      await this.#auditFile.close();
    } finally {
      release();
    }
  }

  /** Reads see committed data; each write outside a transaction is a transaction of its own. */
  #committedRepositories(): Repositories {
    return embeddedRepositories(new CommittedView(this.#tables), (change) => this.#run(change), (query) => this.#listAudit(query));
  }

  /** Runs `work` on a fresh transaction view under the lock, commits its writes, and resolves once they are on disk. */
  async #run<R>(work: (view: TransactionView) => R | Promise<R>): Promise<R> {
    const release = await this.#acquire();
    let view: TransactionView;
    let result: R;
    try {
      view = new TransactionView(this.#tables);
      result = await work(view);
    } catch (error) {
      release();
      throw error;
    }
    const durable = this.#commit(view);
    release();
    await durable;
    return result;
  }

  /** Applies a transaction's writes to memory and queues them for the journal; resolves when on disk. */
  #commit(view: TransactionView): Promise<void> {
    const ops: Op[] = [];
    for (const [table, rows] of view.writes) {
      const memory = this.#tables.get(table)!;
      for (const [key, row] of rows) {
        memory.set(key, row);
        ops.push([table, key, row]);
      }
    }
    const writes: Promise<void>[] = [];
    if (ops.length > 0) writes.push(this.#journal.append(JSON.stringify(ops) + '\n'));
    for (const event of view.events) {
      insertById(this.#events, event);
      writes.push(this.#auditFile.append(JSON.stringify(event) + '\n'));
    }
    if (this.#journal.size >= this.options.compactBytes && !this.#compacting) {
      this.#compacting = this.#compact().finally(() => (this.#compacting = null));
    }
    return Promise.all(writes).then(
      () => undefined,
      (error: Error) => {
        throw new StoreWriteError(`could not save the change: ${error.message}`, { cause: error });
      },
    );
  }

  /** Starts a new journal segment, snapshots the tables over it, then drops the older segments. */
  async #compact(): Promise<void> {
    const old = this.#journal;
    const next = this.#segment + 1;
    this.#journal = await AppendFile.open(join(this.options.dataDir, segmentName(next)), 0, (error) => this.#onWriteFailure(error));
    this.#segment = next;
    await old.close();
    const rows = new Map<string, Map<string, unknown>>([...this.#tables].map(([name, table]) => [name, table.rows]));
    await writeSnapshot(join(this.options.dataDir, SNAPSHOT_FILE), { version: EMBEDDED_VERSION, keyCheck: this.#keyCheck, replayFrom: next }, rows);
    await removeSegmentsBefore(this.options.dataDir, next);
  }

  /** A journal write failed: memory holds changes the disk may lack, so read back what the disk has. */
  #onWriteFailure(error: Error): void {
    console.error(`embedded store: a write failed (${error.message}); reloading from disk`);
    this.#failed ??= this.#acquire().then(async (release) => {
      try {
        const loaded = await load(this.options.dataDir);
        if (loaded) this.#tables = loaded.tables;
        this.#repositories = this.#committedRepositories();
      } finally {
        this.#failed = null;
        release();
      }
    });
  }

  #listAudit(query: AuditQuery): AuditEvent[] {
    const out: AuditEvent[] = [];
    for (let i = this.#events.length - 1; i >= 0 && out.length < query.limit; i--) {
      const event = this.#events[i]!;
      if (matchesAudit(event, query)) out.push(copy(event));
    }
    return out;
  }

  /** One transaction at a time: the next waits until the running one has applied its writes. */
  async #acquire(): Promise<() => void> {
    let release!: () => void;
    const previous = this.#lock;
    this.#lock = new Promise<void>((resolve) => (release = resolve));
    await previous;
    return release;
  }
}

const byId = (a: AuditEvent, b: AuditEvent) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Keeps the events in id order, the order lists and their `before` cursor go by (as on PostgreSQL):
 * ids begin with their time, so nearly every event goes last, but one made earlier may commit later.
 */
function insertById(events: AuditEvent[], event: AuditEvent): void {
  let at = events.length;
  while (at > 0 && events[at - 1]!.id > event.id) at--;
  events.splice(at, 0, event);
}

export function matchesAudit(event: AuditEvent, query: AuditQuery): boolean {
  return (
    event.tenantId === query.tenantId &&
    (query.customerId === undefined || event.customerId === query.customerId) &&
    (query.serial === undefined || event.serialHash === query.serial) &&
    (query.action === undefined || event.action === query.action) &&
    (query.from === undefined || event.at >= query.from) &&
    (query.to === undefined || event.at < query.to) &&
    (query.before === undefined || event.id < query.before)
  );
}

function emptyTables(): Map<CollectionName, MemoryTable> {
  return new Map(COLLECTION_NAMES.map((name) => [name, new MemoryTable(COLLECTIONS[name] as never)]));
}

/** Snapshot plus journal, as the disk has them; null on a first start. */
async function load(dataDir: string): Promise<Loaded | null> {
  const path = join(dataDir, SNAPSHOT_FILE);
  const snapshot = await readSnapshot(path);
  if (snapshot === null) return null;
  const head = upgrade(snapshot, path);
  const tables = emptyTables();
  for (const [name, rows] of Object.entries(head.tables)) {
    const table = tables.get(name as CollectionName);
    if (!table) throw new StoreOpenError(`data file ${path} has an unknown table "${name}"`);
    for (const [key, row] of Object.entries(rows)) table.set(key, row as Row);
  }
  const segments = (await listSegments(dataDir)).filter((n) => n >= head.replayFrom);
  let segment = head.replayFrom;
  let segmentSize = 0;
  for (const n of segments) {
    const file = join(dataDir, segmentName(n));
    const text = await readFile(file, 'utf8');
    const end = text.lastIndexOf('\n') + 1;
    let at = 0;
    while (at < end) {
      const lineEnd = text.indexOf('\n', at);
      let ops: Op[];
      try {
        ops = JSON.parse(text.slice(at, lineEnd)) as Op[];
      } catch {
        throw new StoreOpenError(`journal ${file} is damaged at byte ${at}; it was left untouched: restore DATA_DIR from a backup`);
      }
      for (const [name, key, row] of ops) tables.get(name)?.set(key, row);
      at = lineEnd + 1;
    }
    if (end < text.length && n !== segments.at(-1)) throw new StoreOpenError(`journal ${file} ends in a partial line but is not the newest`);
    segment = n;
    segmentSize = Buffer.byteLength(text.slice(0, end));
  }
  await removeSegmentsBefore(dataDir, head.replayFrom);
  return { tables, keyCheck: head.keyCheck, segment, segmentSize };
}

/** Version 1 data files (one JSON document, no journal) are read as the tables they contain. */
function upgrade(snapshot: Snapshot, path: string): Snapshot {
  if (snapshot.version === EMBEDDED_VERSION && typeof snapshot.tables === 'object' && typeof snapshot.keyCheck === 'string') return snapshot;
  const v1 = snapshot as unknown as Record<string, unknown>;
  if (v1.version === 1 && typeof v1.keyCheck === 'string') {
    const names = ['tenants', 'customers', 'tokens', 'issuances', 'accounts', 'transfers'];
    return { version: EMBEDDED_VERSION, keyCheck: v1.keyCheck, replayFrom: 1, tables: Object.fromEntries(names.map((name) => [name, (v1[name] ?? {}) as Record<string, unknown>])) };
  }
  throw new StoreOpenError(`data file ${path} cannot be used: schema version ${String(v1.version)} is not ${EMBEDDED_VERSION}`);
}

async function listSegments(dataDir: string): Promise<number[]> {
  return (await readdir(dataDir))
    .map((name) => SEGMENT.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

async function removeSegmentsBefore(dataDir: string, first: number): Promise<void> {
  for (const n of await listSegments(dataDir)) if (n < first) await rm(join(dataDir, segmentName(n)), { force: true });
}

async function loadAudit(path: string): Promise<{ events: AuditEvent[]; size: number }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], size: 0 };
    throw new StoreOpenError(`cannot read audit file ${path}: ${(error as Error).message}`);
  }
  const end = text.lastIndexOf('\n') + 1;
  const events: AuditEvent[] = [];
  for (const line of text.slice(0, end).split('\n')) {
    if (line === '') continue;
    try {
      events.push(JSON.parse(line) as AuditEvent);
    } catch {
      throw new StoreOpenError(`audit file ${path} has a damaged line; it was left untouched`);
    }
  }
  return { events, size: Buffer.byteLength(text.slice(0, end)) };
}
