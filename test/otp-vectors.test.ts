import { describe, expect, it } from 'vitest';
import { codeAt, codeForStep } from '../gateway/otp/code.ts';
import { Secret } from 'otpauth';

const ascii = (text: string) => Secret.fromLatin1(text).base32;
const SHA1_SEED = ascii('12345678901234567890');
const SHA256_SEED = ascii('12345678901234567890123456789012');
const SHA512_SEED = ascii('1234567890'.repeat(6) + '1234');

describe('RFC 4226 Appendix D (HOTP, SHA1, 6 digits)', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  it.each(expected.map((code, counter) => [counter, code]))('counter %i → %s', (counter, code) => {
    expect(codeForStep(SHA1_SEED, { algorithm: 'SHA1', digits: 6, period: 30 }, counter)).toBe(code);
  });
});

describe('RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  const table: Array<[number, string, string, string]> = [
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  it.each(table)('t = %i s', (seconds, sha1, sha256, sha512) => {
    const at = seconds * 1000;
    expect(codeAt(SHA1_SEED, { algorithm: 'SHA1', digits: 8, period: 30 }, at)).toBe(sha1);
    expect(codeAt(SHA256_SEED, { algorithm: 'SHA256', digits: 8, period: 30 }, at)).toBe(sha256);
    expect(codeAt(SHA512_SEED, { algorithm: 'SHA512', digits: 8, period: 30 }, at)).toBe(sha512);
  });
});
