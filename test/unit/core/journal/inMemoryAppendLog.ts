// Test double for the Store's AppendLog: keeps entries in memory, passing each through JSON as a
// file-backed log would, so anything that would not survive being written to disk fails here too.
import type { AppendLog } from '../../../../src/core/ports';

export class InMemoryAppendLog<T> implements AppendLog<T> {
  readonly lines: string[] = [];
  /** Called before each append is stored; lets a test look at the world at that moment. */
  onAppend: ((entry: T) => void | Promise<void>) | undefined;

  async append(entry: T): Promise<void> {
    await this.onAppend?.(entry);
    this.lines.push(JSON.stringify(entry));
  }

  async readAll(): Promise<T[]> {
    return this.lines.map((line) => JSON.parse(line) as T);
  }
}
