import type { Database } from '../store/database.ts';
import type { Customer } from '../store/schema.ts';
import { countAttempt, lockedUntil, type AttemptRule } from './attempts.ts';

/** The customer fields one password's counter lives in. */
export interface CounterFields {
  failures: 'loginFailures' | 'confirmFailures';
  lockedUntil: 'loginLockedUntil' | 'confirmLockedUntil';
}

export type GuardedResult =
  | { status: 'ok'; customer: Customer }
  | { status: 'wrong'; attemptsLeft: number }
  | { status: 'locked'; until: number };

/**
 * Checks a password under its lock. The attempt is counted as a failure in one transaction
 * *before* the slow hash and cleared only when the hash matches, so a burst of concurrent
 * guesses cannot all be checked against one stale count (docs/security.md).
 */
export async function guardedCheck(
  db: Database,
  customerId: string,
  fields: CounterFields,
  rule: AttemptRule,
  now: () => number,
  matches: (customer: Customer) => Promise<boolean>,
): Promise<GuardedResult> {
  type Reserved = { locked: number } | { customer: Customer; next: ReturnType<typeof countAttempt> } | null;
  const reserved = await db.transaction(async (tx): Promise<Reserved> => {
    const customer = await tx.customers.get(customerId);
    if (!customer) return null;
    const counter = { failures: customer[fields.failures], lockedUntil: customer[fields.lockedUntil] };
    const locked = lockedUntil(counter, now());
    if (locked !== null) return { locked };
    const next = countAttempt(counter, false, now(), rule);
    await tx.customers.put(withCounter(customer, fields, next.failures, next.lockedUntil));
    return { customer, next };
  });
  if (reserved === null) return { status: 'wrong', attemptsLeft: 0 };
  if ('locked' in reserved) return { status: 'locked', until: reserved.locked };
  if (await matches(reserved.customer)) {
    const cleared = await db.transaction(async (tx) => {
      const customer = (await tx.customers.get(customerId))!;
      const fresh = withCounter(customer, fields, 0, undefined);
      await tx.customers.put(fresh);
      return fresh;
    });
    return { status: 'ok', customer: cleared };
  }
  const { failures, lockedUntil: until } = reserved.next;
  if (until) return { status: 'locked', until: Date.parse(until) };
  return { status: 'wrong', attemptsLeft: rule.maxFailures - failures };
}

function withCounter(customer: Customer, fields: CounterFields, failures: number, until: string | undefined): Customer {
  const next: Customer = { ...customer, [fields.failures]: failures };
  if (until) next[fields.lockedUntil] = until;
  else delete next[fields.lockedUntil];
  return next;
}
