import { createHash } from 'node:crypto';
import { timeOrderedId } from '../security/random-id.ts';
import type { AuditRepository } from '../store/database.ts';
import type { AuditEvent } from '../store/schema.ts';

/** Where a request came from, as the audit trail records it (docs/audit.md). */
export interface Origin {
  ip?: string;
  userAgent?: string;
}

/** What a service reports; the trail adds the id, the time and the masking. */
export interface AuditInput {
  action: string;
  result: string;
  actor: string;
  tenantId?: string;
  customerId?: string;
  /** The full serial: only its masked form and a hash are kept. */
  serial?: string;
  origin?: Origin;
  detail?: AuditEvent['detail'];
}

/** `KT******AB12`: enough for a person to tell tokens apart, not enough to use one. */
export function maskSerial(serial: string): string {
  return serial.length <= 6 ? '*'.repeat(serial.length) : `${serial.slice(0, 2)}${'*'.repeat(serial.length - 6)}${serial.slice(-4)}`;
}

/** Lookups by serial (the bank API's `?serial=`) go through this hash. */
export function serialHash(serial: string): string {
  return createHash('sha256').update(`serial:${serial}`).digest('base64url').slice(0, 32);
}

const clip = (text: string | undefined, max: number) => (text === undefined ? undefined : text.slice(0, max));

/** Builds audit events: append-only, never a code, password, secret or ticket. */
export class AuditTrail {
  /** Orders this process's events within one millisecond: ids are compared when a list is paged. */
  #sequence = 0;

  constructor(private readonly now: () => number) {}

  event(input: AuditInput): AuditEvent {
    const at = this.now();
    const ip = clip(input.origin?.ip, 64);
    const userAgent = clip(input.origin?.userAgent, 256);
    return {
      id: timeOrderedId(at, this.#sequence++),
      at: new Date(at).toISOString(),
      actor: input.actor,
      action: input.action,
      result: input.result,
      ...(input.tenantId ? { tenantId: input.tenantId } : {}),
      ...(input.customerId ? { customerId: input.customerId } : {}),
      ...(input.serial ? { serial: maskSerial(input.serial), serialHash: serialHash(input.serial) } : {}),
      ...(ip ? { ip } : {}),
      ...(userAgent ? { userAgent } : {}),
      ...(input.detail ? { detail: input.detail } : {}),
    };
  }

  record(to: AuditRepository, input: AuditInput): Promise<void> {
    return to.append(this.event(input));
  }
}
