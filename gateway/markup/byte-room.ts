/**
 * Room for the bytes of one response, carved out of shared 64 KB blocks as node's
 * `Buffer.allocUnsafe` does (the markup modules also run in the emulator's browser bundle, which has
 * no `Buffer`): a fresh `ArrayBuffer` per page is memory outside the heap that the collector must
 * account for, and cost more than encoding the page. Something kept for long (a cache) should be
 * copied out (`bytes.slice()`), so that it does not hold a block.
 */
const BLOCK = 64 * 1024;
let block = new Uint8Array(BLOCK);
let used = 0;

export interface Room {
  block: Uint8Array<ArrayBuffer>;
  /** Where the room starts in `block`. */
  start: number;
}

/** Room for at most `most` bytes, to be written from `start` and then handed to `claim`. */
export function room(most: number): Room {
  // Big pages get an array of their own, so one does not waste most of a block.
  if (most > BLOCK / 4) return { block: new Uint8Array(most), start: 0 };
  if (used + most > BLOCK) {
    block = new Uint8Array(BLOCK);
    used = 0;
  }
  return { block, start: used };
}

/** The `length` bytes written into `room`, as a view of their own; the rest of the room is free again. */
export function claim(room: Room, length: number): Uint8Array<ArrayBuffer> {
  // Eight-byte steps keep every page's start aligned, as node's pool does.
  if (room.block === block) used = room.start + ((length + 7) & ~7);
  return new Uint8Array(room.block.buffer, room.start, length);
}
