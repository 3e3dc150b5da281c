import { randomInt } from 'node:crypto';

/** No I or O: a serial is read off a phone screen and typed by hand. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const PREFIX = 'KT';
export const SERIAL_LENGTH = 12;

/** `KT` + 10 random characters: 12 half-width alphanumerics (callers check it is not taken). */
export function newSerial(): string {
  let serial = PREFIX;
  while (serial.length < SERIAL_LENGTH) serial += ALPHABET[randomInt(ALPHABET.length)];
  return serial;
}

/** A serial as typed: full-width and lower case are accepted; null if it cannot be one. */
export function normalizeSerial(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  const serial = input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
  return /^[0-9A-Z]{12}$/.test(serial) ? serial : null;
}
