import type { Encoding } from '../carrier/handset.ts';

const MAX_FIELDS = 64;
const decoders = { shift_jis: new TextDecoder('shift_jis'), 'utf-8': new TextDecoder('utf-8') } as const;

/**
 * Parses an `application/x-www-form-urlencoded` body in the page's encoding: a handset posts the
 * bytes of a Shift_JIS page percent-encoded, so they must be decoded as Shift_JIS, not as UTF-8.
 * Never throws; malformed escapes are kept as text. The first value of a repeated name wins.
 */
export function parseForm(body: Uint8Array, encoding: Encoding): Map<string, string> {
  const fields = new Map<string, string>();
  let start = 0;
  while (start <= body.length && fields.size < MAX_FIELDS) {
    let end = body.indexOf(0x26 /* & */, start);
    if (end === -1) end = body.length;
    if (end > start) {
      const pair = body.subarray(start, end);
      const equals = pair.indexOf(0x3d /* = */);
      const name = decodeComponent(equals === -1 ? pair : pair.subarray(0, equals), encoding);
      const value = equals === -1 ? '' : decodeComponent(pair.subarray(equals + 1), encoding);
      if (!fields.has(name)) fields.set(name, value);
    }
    start = end + 1;
  }
  return fields;
}

function decodeComponent(bytes: Uint8Array, encoding: Encoding): string {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index]!;
    if (byte === 0x2b /* + */) out[length++] = 0x20;
    else if (byte === 0x25 /* % */ && index + 2 < bytes.length && isHex(bytes[index + 1]!) && isHex(bytes[index + 2]!)) {
      out[length++] = parseInt(String.fromCharCode(bytes[index + 1]!, bytes[index + 2]!), 16);
      index += 2;
    } else out[length++] = byte;
  }
  return decoders[encoding].decode(out.subarray(0, length));
}

function isHex(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

/** Full-width digits (１２３４), which Japanese input methods often produce, as ASCII digits. */
export function normaliseDigits(text: string): string {
  return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}
