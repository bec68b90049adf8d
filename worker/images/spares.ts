/**
 * Page-sized byte arrays lent to one page's clean-up and handed back once it is done with them, for
 * the next page. Every new page-sized array adds to what V8 counts as external memory, and each
 * 64 MB of that starts a full collection of the heap, most of it live: a fifth of the thread's CPU
 * went to collections while pages were cleaned. Only arrays up to an A4 page at 400 dpi are kept,
 * and only a few, so a rare huge page is not held for good.
 */
const KEPT = 2;
const LARGEST_KEPT = 16_000_000;

const spares: ArrayBuffer[] = [];

/** An array of `bytes` bytes, new or handed back: its contents are whatever the last page left. */
export function borrow(bytes: number): Uint8Array {
  const fits = spares.findIndex((buffer) => buffer.byteLength >= bytes);
  const buffer = fits >= 0 ? spares.splice(fits, 1)[0]! : new ArrayBuffer(bytes);
  return new Uint8Array(buffer, 0, bytes);
}

/** Hands an array from `borrow` back; it must not be used after. */
export function giveBack(array: Uint8Array): void {
  const { buffer } = array;
  if (!(buffer instanceof ArrayBuffer) || buffer.byteLength > LARGEST_KEPT) return;
  spares.push(buffer);
  // The largest kept, so the next page fits whichever it is.
  spares.sort((a, b) => b.byteLength - a.byteLength);
  spares.length = Math.min(spares.length, KEPT);
}
