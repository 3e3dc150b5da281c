import { TICKET_PATTERN } from '../issuance/ticket.ts';
import type { TicketState } from '../issuance/service.ts';

export type { TicketState };
/** What the mailed link stands for (the issuance service implements it). */
export type TicketLookup = (ticket: string) => Promise<TicketState>;

/** Checks the format first so that junk never reaches the lookup. */
export async function checkTicket(lookup: TicketLookup, ticket: string): Promise<TicketState> {
  return TICKET_PATTERN.test(ticket) ? lookup(ticket) : { status: 'unknown' };
}
