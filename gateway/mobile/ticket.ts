/** The download ticket as the handset pages see it (the issuance service implements the lookup). */
export type TicketState =
  | { status: 'valid'; tenantId: string; bankName: string; expiresAt: string }
  | { status: 'expired' | 'used' | 'unknown' };
export type TicketLookup = (ticket: string) => TicketState;

export const TICKET_FORMAT = /^[A-Za-z0-9_-]{32}$/;

/** Checks the format first so that junk never reaches the lookup. */
export function checkTicket(lookup: TicketLookup, ticket: string): TicketState {
  return TICKET_FORMAT.test(ticket) ? lookup(ticket) : { status: 'unknown' };
}
