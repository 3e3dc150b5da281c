import type { Account, ApiKey, Customer, Issuance, OutboxMail, SessionRecord, Tenant, ThrottleCount, Token, Transfer } from './schema.ts';

/**
 * What both backends know of each record type: its key and the natural keys it is looked up by.
 * The embedded store builds in-memory indexes from these; PostgreSQL has a column per field.
 */
export interface CollectionSpec<T> {
  key: keyof T & string;
  /** Lookup name → the fields that make it up, in order. */
  lookups: Record<string, readonly (keyof T & string)[]>;
}

const spec = <T>(key: keyof T & string, lookups: Record<string, readonly (keyof T & string)[]> = {}): CollectionSpec<T> => ({ key, lookups });

export const COLLECTIONS = {
  tenants: spec<Tenant>('id', { serviceId: ['serviceId'] }),
  customers: spec<Customer>('id', { login: ['tenantId', 'loginId'], admin: ['adminId'] }),
  issuances: spec<Issuance>('id', { form: ['customerId', 'formId'], userId: ['tenantId', 'userId'] }),
  tokens: spec<Token>('serial', { customer: ['customerId'], tenant: ['tenantId'] }),
  accounts: spec<Account>('customerId'),
  transfers: spec<Transfer>('id', { form: ['customerId', 'formId'] }),
  sessions: spec<SessionRecord>('id', { customer: ['customerId'] }),
  outbox: spec<OutboxMail>('id', { mailbox: ['mailbox'] }),
  apiKeys: spec<ApiKey>('id', { tenant: ['tenantId'] }),
  throttle: spec<ThrottleCount>('key'),
} as const;

export type CollectionName = keyof typeof COLLECTIONS;
export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[];

/** Lookup values as one string; undefined when a field is absent (the record is not in that index). */
export function lookupKey(record: object, fields: readonly string[]): string | undefined {
  const values: string[] = [];
  for (const field of fields) {
    const value = (record as Record<string, unknown>)[field];
    if (value === undefined || value === null) return undefined;
    values.push(String(value));
  }
  return values.join('\u0000');
}
