// Shared by the store tests: a temp folder per test and a Logger double that records what it hears.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../../../../src/core/ports';
import type { StoreIssue } from '../../../../src/infra/store/storeIssue';

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
}

/** A temp folder, removed again after each test of the suite it is called in. */
export function useTempFolder(prefix: string): { readonly path: string } {
  const folder = { path: '' };
  beforeEach(async () => {
    folder.path = await mkdtemp(join(tmpdir(), `imperium-${prefix}-`));
  });
  afterEach(async () => {
    await rm(folder.path, { recursive: true, force: true });
  });
  return folder;
}

export function issueRecorder(): { readonly issues: StoreIssue[]; readonly onIssue: (issue: StoreIssue) => void } {
  const issues: StoreIssue[] = [];
  return { issues, onIssue: (issue) => issues.push(issue) };
}
