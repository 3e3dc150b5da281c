import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTicket, newTicket } from '../gateway/issuance/ticket.ts';

/** A ticket's form as a regular expression: what the table must take, and nothing else. */
const TICKET_PATTERN = /^[A-Za-z0-9_-]{32}$/;

describe('isTicket', () => {
  it('takes what TICKET_PATTERN takes, and nothing else', () => {
    const near = fc.array(fc.oneof(fc.constantFrom(...'Aa0zZ9_-+/=.~ \u00e9\u3042'), fc.string({ minLength: 1, maxLength: 1, unit: 'binary' })), { minLength: 30, maxLength: 33 }).map((chars) => chars.join(''));
    fc.assert(fc.property(fc.oneof(near, fc.string({ maxLength: 40, unit: 'binary' }), fc.constant(newTicket())), (text) => {
      expect(isTicket(text)).toBe(TICKET_PATTERN.test(text));
    }), { numRuns: 20000 });
    for (let index = 0; index < 100; index++) expect(isTicket(newTicket())).toBe(true);
    expect(isTicket('A'.repeat(31) + '\n')).toBe(false);
  });
});
