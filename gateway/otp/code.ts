import { HOTP, Secret } from 'otpauth';
import type { CodeParameters } from './policy.ts';

/** Longer input is not a code: refuse it before normalising anything. */
const MAX_INPUT_LENGTH = 64;

/**
 * Full-width digits (１２３４) and spaces (ASCII or 全角) are what Japanese input methods and
 * copy-paste produce; they are accepted. Anything else that is not exactly `digits` ASCII digits
 * is malformed (otpauth would throw on a non-ASCII digit).
 */
export function normalizeCode(input: unknown, digits: number): string | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  const code = input.normalize('NFKC').replace(/[\s-]/g, '');
  return code.length === digits && /^[0-9]+$/.test(code) ? code : null;
}

/** The time step (RFC 6238 counter) that holds the instant `nowMs`. */
export function stepAt(nowMs: number, period: number): number {
  return Math.floor(nowMs / 1000 / period);
}

export function codeForStep(secretBase32: string, params: CodeParameters, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(secretBase32), algorithm: params.algorithm, digits: params.digits, counter: step });
}

export function codeAt(secretBase32: string, params: CodeParameters, nowMs: number): string {
  return codeForStep(secretBase32, params, stepAt(nowMs, params.period));
}

/** The step in [centre − window, centre + window] whose code is `code`, nearest the centre first. */
export function findStep(secretBase32: string, params: CodeParameters, code: string, centre: number, window: number): number | null {
  const secret = Secret.fromBase32(secretBase32);
  const delta = HOTP.validate({ token: code, secret, algorithm: params.algorithm, digits: params.digits, counter: centre, window });
  return delta === null ? null : centre + delta;
}

/** A fresh seed as long as the hash output, as RFC 4226 recommends. */
export function generateSecret(algorithm: CodeParameters['algorithm']): string {
  const bytes = { SHA1: 20, SHA256: 32, SHA512: 64 }[algorithm];
  return new Secret({ size: bytes }).base32;
}
