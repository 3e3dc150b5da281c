import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../gateway/bounded-cache.ts';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { renderPage, type Page } from '../gateway/markup/page.ts';
import { fillTemplate, pageTemplate } from '../gateway/markup/template.ts';
import { downloadPage } from '../gateway/mobile/pages.ts';
import { mobileRoutes } from '../gateway/mobile/routes.ts';
import type { TicketState } from '../gateway/mobile/ticket.ts';
import { table } from './fixtures/user-agents.ts';

/** Two banks, two expiry times, a tenant whose package no handset takes, and the other outcomes. */
const TICKETS: Record<string, TicketState> = {
  ['A'.repeat(31) + '1']: { status: 'valid', tenantId: 'tenant-1', bankName: 'ひまわり信用組合', expiresAt: '2026-11-23T03:00:00.000Z' },
  ['b-_9'.repeat(8)]: { status: 'valid', tenantId: 'tenant-2', bankName: 'あさがお信用金庫', expiresAt: '2027-01-05T14:59:00.000Z' },
  ['Cc3'.repeat(10) + 'zz']: { status: 'valid', tenantId: 'too-small', bankName: 'ひまわり信用組合', expiresAt: '2026-12-31T15:00:00.000Z' },
  ['0'.repeat(32)]: { status: 'valid', tenantId: 'tenant-1', bankName: 'ひまわり信用組合', expiresAt: 'not a time' },
  ['E'.repeat(32)]: { status: 'expired' },
  ['U'.repeat(32)]: { status: 'used' },
};
const ASKED = [...Object.keys(TICKETS), 'N'.repeat(32), 'short'];
const fits = (state: TicketState) => state.status !== 'valid' || state.tenantId !== 'too-small';
const app = new Hono().route(
  '/m',
  mobileRoutes({ lookupTicket: async (ticket) => TICKETS[ticket] ?? { status: 'unknown' }, packageFits: async (_handset, _userAgent, tenantId) => tenantId !== 'too-small' }),
);

/** The page rendered in full, as the route did before templates. */
function rendered(userAgent: string, ticket: string) {
  const handset = detectHandset({ 'user-agent': userAgent });
  const state = /^[A-Za-z0-9_-]{32}$/.test(ticket) ? (TICKETS[ticket] ?? { status: 'unknown' }) : { status: 'unknown' as const };
  const pageUrl = `http://gw.example/m/dl/${state.status === 'valid' ? ticket : ''}`;
  return renderPage(downloadPage({ handset, ticket, state, pageUrl, appFits: fits(state) }), { handset });
}

describe('download pages from templates (gateway/mobile/download-render.ts)', () => {
  it('gives every handset, ticket, bank and outcome its own page, byte for byte the full rendering, whatever came before', async () => {
    // (Headers refuses control characters and whitespace around a value.)
    const userAgents = table.map(([userAgent]) => userAgent).filter((userAgent) => userAgent === userAgent.trim() && !/[\x00-\x1f]/.test(userAgent));
    // Three rounds (first sight, template made, template used), handsets and tickets interleaved.
    for (let round = 0; round < 3; round++) {
      for (const userAgent of userAgents) {
        for (const ticket of ASKED) {
          const response = await app.request(`http://gw.example/m/dl/${ticket}`, { headers: { 'user-agent': userAgent } });
          const body = new Uint8Array(await response.arrayBuffer());
          const expected = rendered(userAgent, ticket);
          expect(response.headers.get('content-type')).toBe(expected.contentType);
          expect(response.headers.get('content-length')).toBe(String(expected.body.length));
          if (!Buffer.from(body).equals(Buffer.from(expected.body))) expect.fail(`${userAgent} ${ticket} (round ${round + 1}): not the page rendered in full`);
          // No other visitor's ticket in this page.
          for (const other of ASKED) if (other !== ticket && other.length === 32) expect(Buffer.from(body).includes(other)).toBe(false);
        }
      }
    }
  });
});

describe('page templates (gateway/markup/template.ts)', () => {
  const handset = detectHandset({ 'user-agent': 'DoCoMo/2.0 N905i(c100;TB;W24H16)' });
  const page = (value: string, title = 'T'): Page => ({ title, blocks: [{ kind: 'text', text: `値 ${value}` }, { kind: 'link', href: `/x/${value}`, label: 'リンク', key: 1 }] });
  const render = (value: string, title?: string) => renderPage(page(value, title), { handset });

  it('writes other values into the stand-in rendering, and holds none but the stand-in', () => {
    const template = pageTemplate({ page: render('real-value'), values: ['real-value'] }, { page: render('stand-in00'), values: ['stand-in00'] });
    expect(template?.holes).toHaveLength(2);
    expect(Buffer.from(template!.bytes).includes('real-value')).toBe(false);
    expect(Buffer.from(fillTemplate(template!, ['third-0001'])!)).toEqual(Buffer.from(render('third-0001').body));
    // Another length does not fit: the caller renders in full.
    expect(fillTemplate(template!, ['longer-value'])).toBeNull();
  });

  it('is refused when the page holds a value changed, or differs in anything else', () => {
    // Escaped: the stand-in's bytes are not where the value went.
    expect(pageTemplate({ page: render('a&b'), values: ['a&b'] }, { page: render('xyz'), values: ['xyz'] })).toBeNull();
    expect(pageTemplate({ page: render('value-1', 'A'), values: ['value-1'] }, { page: render('value-2', 'B'), values: ['value-2'] })).toBeNull();
    // A stand-in equal to the value proves nothing.
    expect(pageTemplate({ page: render('same'), values: ['same'] }, { page: render('same'), values: ['same'] })).toBeNull();
  });
});

describe('handset detection cache (gateway/carrier/detect.ts)', () => {
  const userAgent = 'DoCoMo/2.0 N905i(c100;TB;W24H16)';

  it('gives the same headers the same frozen handset, and other subscriber headers their own', () => {
    const first = detectHandset({ 'user-agent': userAgent, 'x-dcmguid': 'abc1234' });
    expect(detectHandset({ 'user-agent': userAgent, 'x-dcmguid': 'abc1234' })).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.subscriberId).toBe('abc1234');
    expect(detectHandset({ 'user-agent': userAgent, 'x-dcmguid': 'xyz9876' }).subscriberId).toBe('xyz9876');
    expect(detectHandset({ 'user-agent': userAgent }).subscriberId).toBeNull();
    // A value that would read as another header in a naive key.
    expect(detectHandset({ 'user-agent': `${userAgent}\nx-dcmguid:7:abc1234` }).subscriberId).toBeNull();
  });

  it('detects user agents too long to be kept as before', () => {
    const long = `${userAgent}${' '.repeat(2000)}`;
    expect(detectHandset({ 'user-agent': long })).toEqual(detectHandset({ 'user-agent': userAgent }));
  });
});

describe('bounded cache (gateway/bounded-cache.ts)', () => {
  it('never holds more than twice its size, and keeps what is still used', () => {
    const cache = new BoundedCache<string, number>(100);
    cache.set('kept', 0);
    for (let index = 0; index < 10_000; index++) {
      cache.set(`junk ${index}`, index);
      if (index % 50 === 0) expect(cache.get('kept')).toBe(0);
      expect(cache.held).toBeLessThanOrEqual(200);
    }
    expect(cache.get('junk 0')).toBeUndefined();
    expect(cache.get('junk 9999')).toBe(9999);
  });
});
