// Ping-pong: two agents changing the same lines back and forth, each undoing what the other just
// did. Fed successive versions of a file (with who wrote them), it diffs each version against the
// one before; a change that exactly reverses the previous change, made by another agent, is a
// reversal, and `reversals` in a row are reported. Pure: fed the versions.
import { diffLines } from 'diff';
import type { Detection } from './detection';

export interface FileVersion {
  readonly workflowId: string;
  readonly path: string;
  /** Who wrote this version: an agent role, or 'user'. */
  readonly author: string;
  /** Undefined when the file was deleted. */
  readonly content: string | undefined;
  readonly at: number;
}

interface Change {
  readonly author: string;
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

interface Tracked {
  content: string | undefined;
  lastChange: Change | undefined;
  /** Reversals in a row so far. */
  chain: number;
  authors: Set<string>;
}

export class PingPongDetector {
  private readonly files = new Map<string, Tracked>();

  /** @param reversals Changes in a row that undo the one before, by another agent, that count as ping-pong. Default 2. */
  constructor(private readonly reversals = 2) {
    if (!Number.isInteger(reversals) || reversals < 1) throw new RangeError(`reversals must be an integer >= 1, not ${reversals}.`);
  }

  observe(version: FileVersion): Detection | undefined {
    const key = `${version.workflowId}\u0000${version.path}`;
    const tracked = this.files.get(key);
    if (!tracked) {
      // The first version seen is where changes are counted from.
      this.files.set(key, { content: version.content, lastChange: undefined, chain: 0, authors: new Set() });
      return undefined;
    }
    if (tracked.content === version.content) return undefined;
    const change = changeBetween(tracked.content, version.content, version.author);
    tracked.content = version.content;
    const reverses = tracked.lastChange !== undefined && tracked.lastChange.author !== change.author && undoes(change, tracked.lastChange);
    if (reverses) {
      tracked.chain++;
      tracked.authors.add(change.author);
    } else {
      tracked.chain = 0;
      tracked.authors = new Set([change.author]);
    }
    tracked.lastChange = change;
    if (tracked.chain < this.reversals) return undefined;
    const authors = [...tracked.authors].sort().join(' and ');
    const sample = (change.added[0] ?? change.removed[0] ?? '').trim().slice(0, 100);
    tracked.chain = 0;
    return {
      kind: 'ping-pong',
      workflowId: version.workflowId,
      summary: `${authors} changed the same lines of ${version.path} back and forth ${this.reversals + 1} times (e.g. "${sample}")`,
      at: version.at,
    };
  }
}

function changeBetween(before: string | undefined, after: string | undefined, author: string): Change {
  const removed: string[] = [];
  const added: string[] = [];
  for (const part of diffLines(before ?? '', after ?? '')) {
    const lines = part.value.split('\n');
    if (lines.at(-1) === '') lines.pop();
    if (part.added) added.push(...lines);
    if (part.removed) removed.push(...lines);
  }
  return { author, removed, added };
}

/** Whether `change` takes back exactly what `previous` did: it removes what that added and adds back what that removed. */
function undoes(change: Change, previous: Change): boolean {
  return sameLines(change.removed, previous.added) && sameLines(change.added, previous.removed);
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  return sortedA.every((line, index) => line === sortedB[index]);
}
