import { isTicket } from '../issuance/ticket.ts';
import type { TicketState } from '../issuance/service.ts';

export type { TicketState };
/** What the mailed link stands for (the issuance service implements it). */
export type TicketLookup = (ticket: string) => Promise<TicketState>;

const UNKNOWN: Promise<TicketState> = Promise.resolve(Object.freeze({ status: 'unknown' }));

/**
 * Checks the format first so that junk never reaches the lookup. Not an async function: one
 * returning the lookup's promise would wait for it through two more turns of the microtask queue.
 */
export function checkTicket(lookup: TicketLookup, ticket: string): Promise<TicketState> {
  return isTicket(ticket) ? lookup(ticket) : UNKNOWN;
}
