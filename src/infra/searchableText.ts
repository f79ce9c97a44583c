// Reading a file's text for a search, fast: one synchronous open, read and close per file
// (a promise per step costs more than the read for the small files a workspace is made of), with the
// caller yielding to the event loop every few milliseconds so a long search never blocks it for long.
import { closeSync, openSync, readSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { looksBinary, type LineMatcher } from '../core/workspace/textSearch';

const decoder = new TextDecoder();

/** One buffer for every read: a file is read into it whole, one byte past the limit showing it is over. */
let shared = Buffer.allocUnsafe(0);

/**
 * The text of the file at `absolute` for searching; undefined for a binary file, one over `maxBytes`,
 * one that vanished meanwhile, or one whose bytes cannot hold a match of `matches`.
 */
export function searchableText(absolute: string, maxBytes: number, matches: LineMatcher): string | undefined {
  let descriptor: number;
  try {
    descriptor = openSync(absolute, 'r');
  } catch {
    return undefined;
  }
  try {
    if (shared.length < maxBytes + 1) shared = Buffer.allocUnsafe(maxBytes + 1);
    let read = 0;
    for (let count = -1; count !== 0 && read <= maxBytes; read += count) count = readSync(descriptor, shared, read, maxBytes + 1 - read, null);
    if (read > maxBytes) return undefined;
    const content = shared.subarray(0, read);
    if (looksBinary(content)) return undefined;
    if (matches.bytes && content.indexOf(matches.bytes) === -1) return undefined;
    const ascii = matches.asciiBytes;
    if (ascii && !ascii.pattern.test(content.toString('latin1')) && !ascii.unsure.some((bytes) => content.indexOf(bytes) !== -1)) return undefined;
    return decoder.decode(content);
  } catch {
    return undefined;
  } finally {
    closeSync(descriptor);
  }
}

/** Lets the event loop run once `sliceMs` of synchronous work has gone by since the last time. */
export class TimeSlices {
  private sliceStarted = performance.now();

  constructor(private readonly sliceMs: number) {}

  async yieldWhenDue(): Promise<void> {
    if (performance.now() - this.sliceStarted < this.sliceMs) return;
    await nextTurn();
    this.sliceStarted = performance.now();
  }
}
