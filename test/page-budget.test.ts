import { describe, expect, it } from 'vitest';
import { detectHandset } from '../gateway/carrier/detect.ts';
import { renderPage, type Page } from '../gateway/markup/page.ts';
import { isShiftJisSafe } from '../gateway/markup/shift-jis.ts';
import { downloadPage, helpPage, topPage, unsupportedPage } from '../gateway/mobile/pages.ts';
import type { TicketState } from '../gateway/mobile/ticket.ts';

/** Device profiles spanning every markup, encoding and the smallest budgets (5 KB i-mode, 6 KB J-PHONE C). */
const PROFILES: Array<Record<string, string>> = [
  { 'user-agent': 'DoCoMo/1.0/D501i' },
  { 'user-agent': 'DoCoMo/1.0/D503i' },
  { 'user-agent': 'DoCoMo/1.0/N503i/c5/serNNEBJ608187' },
  { 'user-agent': 'DoCoMo/2.0 N2001(c10)' },
  { 'user-agent': 'DoCoMo/2.0 P07A(c500;TB;W24H15)' },
  { 'user-agent': 'DoCoMo/1.0/eggy/c300/s32/kPHS-K' },
  { 'user-agent': 'UP.Browser/3.04-TS14 UP.Link/3.4.4' },
  { 'user-agent': 'KDDI-TS21 UP.Browser/6.0.2.276 (GUI) MMP/1.1' },
  { 'user-agent': 'KDDI-CA32 UP.Browser/6.2.0.7.3.129 (GUI) MMP/2.0', 'x-up-devcap-max-pdu': '8192' },
  { 'user-agent': 'KDDI-KCU1 UP.Browser/6.2.0.5.1 (GUI) MMP/2.0' },
  { 'user-agent': 'J-PHONE/2.0/J-DN02' },
  { 'user-agent': 'J-PHONE/4.0/J-SH51 SH/0001aa Profile/MIDP-1.0 Configuration/CLDC-1.0 Ext-Profile/JSCL-1.1.0' },
  { 'user-agent': 'J-PHONE/5.0/V801SA' },
  { 'user-agent': 'SoftBank/1.0/910T/TJ001 Browser/NetFront/3.3 Profile/MIDP-2.0 Configuration/CLDC-1.1' },
  { 'user-agent': 'MOT-V980/80.2F.2E. MIB/2.2.1 Profile/MIDP-2.0 Configuration/CLDC-1.1', 'x-jphone-msname': 'V702MO' },
  { 'user-agent': 'Mozilla/3.0(DDIPOCKET;JRC/AH-J3001V,AH-J3002V/1.0/0100/c50)CNF/2.0' },
  { 'user-agent': 'Mozilla/5.0 (Linux; Android 5.1; SH-01J Build/S8133) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/39.0.0.0 Mobile Safari/537.36' },
  { 'user-agent': 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' },
  { 'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' },
  { 'user-agent': 'curl/8.5.0' },
];

const TICKET = 'x'.repeat(32);
/** The longest bank name the portal accepts is the realistic worst case for the page size. */
const valid: TicketState = { status: 'valid', tenantId: 't', bankName: 'ひまわり信用組合'.repeat(2), expiresAt: '2026-11-23T03:00:00.000Z' };
const STATES: TicketState[] = [valid, { status: 'expired' }, { status: 'used' }, { status: 'unknown' }];

describe('page budget', () => {
  const cases = PROFILES.map((headers) => [headers['user-agent']!, headers] as const);
  it.each(cases)('every handset page fits %s', (_, headers) => {
    const handset = detectHandset(headers);
    const pages: Page[] = [
      ...STATES.map((state) => downloadPage({ handset, ticket: TICKET, state, pageUrl: `https://bank.example/m/dl/${TICKET}`, appFits: true })),
      helpPage(),
      topPage(),
      unsupportedPage(handset),
    ];
    for (const page of pages) {
      const rendered = renderPage(page, { handset, session: { name: 'sid', value: 's'.repeat(24) } });
      expect(rendered.body.length, page.title).toBeLessThanOrEqual(handset.cacheBytes);
      // Shift_JIS pages must not lose characters to '?'.
      if (handset.encoding === 'shift_jis') {
        for (const block of page.blocks) if ('text' in block) expect(isShiftJisSafe(block.text), block.text).toBe(true);
      }
    }
  });
});
