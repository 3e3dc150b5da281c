import { describe, expect, it } from 'vitest';
import { AuditTrail } from '../gateway/audit/trail.ts';

describe('AuditTrail ids', () => {
  it('sort in the order the events were made, even within one millisecond', () => {
    const trail = new AuditTrail(() => 1_764_547_200_000);
    const ids = Array.from({ length: 50 }, () => trail.event({ action: 'login', result: 'ok', actor: 'system' }).id);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]).toMatch(/^1764547200000-\d{6}-[0-9a-f]{8}$/);
  });
});
