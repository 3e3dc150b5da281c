import { emojiOfPictogram, fromSoftbankWebcode, pictogramCarrier, toCarrierPictograms, type PictogramCarrier } from '../gateway/markup/pictograms.ts';
import { decodeShiftJis, encodeShiftJis } from '../gateway/markup/shift-jis.ts';
import { charsetOf, decodeBody } from './ui/net.ts';

/**
 * au `<img localsrc="N">` icon numbers the gateway writes (the keycaps 1–9 and 0: docs/carrier-gateway.md).
 * Unicode's EmojiSources has no icon numbers, so other numbers keep the image's alt text.
 */
const AU_LOCALSRC = new Map<number, string>([
  ...Array.from({ length: 9 }, (_, index) => [180 + index, `${index + 1}\uFE0F\u20E3`] as [number, string]),
  [325, '0\uFE0F\u20E3'],
]);
const LOCALSRC_IMAGE = /<img\b[^>]*?\blocalsrc\s*=\s*["']?(\d{1,4})["']?[^>]*>/gi;
const PRIVATE_USE = /[\uE000-\uF8FF]/g;

/**
 * A page's text as the handset shows it: its charset, and the carrier's pictograms (Shift_JIS codes,
 * private-use characters in UTF-8 pages, SoftBank web codes, au `localsrc` images) drawn as Unicode emoji.
 */
export function decodePage(bytes: Uint8Array, contentType: string, deviceCarrier: string): string {
  const carrier = pictogramCarrier(deviceCarrier);
  if (!carrier) return decodeBody(bytes, contentType);
  const decoded = charsetOf(contentType) === 'shift_jis' ? decodeShiftJis(bytes, carrier) : decodeBody(bytes, contentType);
  const text = carrier === 'softbank' ? fromSoftbankWebcode(decoded) : decoded;
  return withLocalsrc(text.replace(PRIVATE_USE, (char) => emojiOfPictogram(carrier, char.charCodeAt(0)) ?? char), carrier);
}

function withLocalsrc(html: string, carrier: PictogramCarrier): string {
  if (carrier !== 'au') return html;
  return html.replace(LOCALSRC_IMAGE, (image, number: string) => AU_LOCALSRC.get(Number(number)) ?? image);
}

/** What a form field holds, as a Shift_JIS handset of `deviceCarrier` posts it: emoji as the carrier's pictogram codes. */
export function encodeShiftJisFor(text: string, deviceCarrier: string): Uint8Array {
  const carrier = pictogramCarrier(deviceCarrier);
  return encodeShiftJis(carrier ? toCarrierPictograms(text, carrier) : text, carrier);
}
