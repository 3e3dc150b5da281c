import { claim, room } from './byte-room.ts';
import type { RenderedPage } from './page.ts';

/**
 * A rendered page with holes: its bytes as rendered with stand-in values, and where each value sits
 * in them, so that a page differing only in those values is a copy of the bytes with the values
 * written in (no markup, pictogram or Shift_JIS pass over the page again).
 */
export interface PageTemplate {
  bytes: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** Where each hole starts, and the index of the value it takes. */
  holes: ReadonlyArray<{ at: number; value: number }>;
  /** Each value's length: only values of the stand-ins' lengths fit. */
  lengths: readonly number[];
}

/** Printable ASCII: the same bytes in Shift_JIS and UTF-8. */
const ASCII = /^[\x20-\x7e]*$/;

/**
 * The template of two renderings of one page, `real` with the request's values and `standIn` with
 * values of the same lengths that differ from them, or null when the page is not the stand-in
 * rendering with the real values written over the stand-ins: when it depends on anything else
 * that differs between the two, or holds a value changed (escaped, encoded, drawn as a QR code).
 * Values are ASCII texts that escaping, pictograms and both encodings pass through as they are
 * (tickets, times); the check proves it for these two, their alphabets for the others.
 */
export function pageTemplate(real: { page: RenderedPage; values: readonly string[] }, standIn: { page: RenderedPage; values: readonly string[] }): PageTemplate | null {
  if (!canStandIn(standIn.values, real.values) || real.page.contentType !== standIn.page.contentType) return null;
  const lengths = standIn.values.map((value) => value.length);
  const bytes = standIn.page.body.slice();
  const holes = standIn.values.flatMap((value, index) => occurrences(bytes, value).map((at) => ({ at, value: index })));
  const template = { bytes, contentType: standIn.page.contentType, holes, lengths };
  const filled = fillTemplate(template, real.values);
  return filled && same(filled, real.page.body) ? template : null;
}

/** Whether `standIns` can stand in for `values` in `pageTemplate`: ASCII, not empty, each of its value's length and not the same. */
export function canStandIn(standIns: readonly string[], values: readonly string[]): boolean {
  return standIns.length === values.length && standIns.every((standIn, index) => standIn.length > 0 && fits(values[index]!, standIn.length) && ASCII.test(standIn) && standIn !== values[index]);
}

/** The page for `values`, or null when one does not fit its hole (another length, not ASCII). */
export function fillTemplate(template: PageTemplate, values: readonly string[]): Uint8Array<ArrayBuffer> | null {
  for (let index = 0; index < values.length; index++) if (values[index]!.length !== template.lengths[index]) return null;
  const space = room(template.bytes.length);
  const { block: out, start } = space;
  out.set(template.bytes, start);
  for (const { at, value } of template.holes) {
    const text = values[value]!;
    for (let offset = 0; offset < text.length; offset++) {
      const code = text.charCodeAt(offset);
      // Not ASCII: the room is left unclaimed, the caller renders in full.
      if (code < 0x20 || code > 0x7e) return null;
      out[start + at + offset] = code;
    }
  }
  return claim(space, template.bytes.length);
}

function fits(value: string, length: number): boolean {
  return value.length === length && ASCII.test(value);
}

function occurrences(bytes: Uint8Array, text: string): number[] {
  const needle = Uint8Array.from(text, (char) => char.charCodeAt(0));
  const found: number[] = [];
  for (let at = bytes.indexOf(needle[0]!); at >= 0 && at + needle.length <= bytes.length; at = bytes.indexOf(needle[0]!, at + 1)) {
    if (needle.every((byte, offset) => bytes[at + offset] === byte)) found.push(at);
  }
  return found;
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
