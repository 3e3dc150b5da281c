import { hash, randomBytes } from 'node:crypto';

/** A download link's ticket: 24 random bytes, 32 base64url characters. */
export function newTicket(): string {
  return randomBytes(24).toString('base64url');
}

export const TICKET_PATTERN = /^[A-Za-z0-9_-]{32}$/;

/** Only the hash is stored: the data file alone does not give working links. */
export function hashTicket(ticket: string): string {
  return hash('sha256', ticket, 'base64url');
}
