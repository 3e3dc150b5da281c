import type { TicketState } from '../issuance/service.ts';

export type { TicketState };
/**
 * What the mailed link stands for (the issuance service implements it). It checks the ticket's form
 * before anything else (`isTicket`), so junk from a URL never reaches the store.
 */
export type TicketLookup = (ticket: string) => Promise<TicketState>;
