// Files that a run's own reporter, plugin or canary appends to, one JSON object a line, each carrying
// a seal: a random value written into that reporter's source for this run only, never into the test
// process's environment. A line without it was written by something else (code under test that found
// the file) and is counted, so the run can say so; a line that is not JSON (the last one, cut off by
// a kill at the deadline) is left out.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export function newSeal(): string {
  return randomBytes(24).toString('hex');
}

export interface SealedLines {
  /** The sealed objects, in order, without their seal. */
  readonly values: readonly Record<string, unknown>[];
  /** JSON objects in the file that lack the seal. */
  readonly unsealed: number;
  /** The file was not there: nothing was written. */
  readonly missing: boolean;
}

export async function readSealedLines(file: string, seal: string): Promise<SealedLines> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { values: [], unsealed: 0, missing: true };
  }
  return { ...sealedLines(text, seal), missing: false };
}

export function sealedLines(text: string, seal: string): Omit<SealedLines, 'missing'> {
  const values: Record<string, unknown>[] = [];
  let unsealed = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as { seal?: unknown }).seal !== seal) {
      unsealed += 1;
      continue;
    }
    const { seal: _seal, ...rest } = value as Record<string, unknown>;
    values.push(rest);
  }
  return { values, unsealed };
}

/** The reason a run is untrusted when `count` lines of `what` lacked the seal. */
export function unsealedReason(count: number, what: string, writer: string): string {
  return `${count} line${count === 1 ? '' : 's'} in ${what} ${count === 1 ? 'was' : 'were'} not written by ${writer} (code in the test process wrote to the records file) and ${count === 1 ? 'was' : 'were'} not counted`;
}
