// What the store found wrong on disk and what it did about it. Nothing is dropped quietly: every
// repair is reported here (and to the Logger), and whatever was damaged is kept aside, not deleted.

export type StoreIssue =
  /** A document did not parse; it was moved aside and its backup put in its place. */
  | { readonly kind: 'document-restored'; readonly file: string; readonly damagedCopy: string; readonly reason: string }
  /** A document and its backup were both unusable (or the backup missing); it starts over from its initial value. */
  | { readonly kind: 'document-reset'; readonly file: string; readonly damagedCopies: readonly string[]; readonly reason: string }
  /** A document was missing but its backup was there; the backup was put back. */
  | { readonly kind: 'document-missing-restored'; readonly file: string }
  /** A log ended in a partial line (a write cut off by a crash); it was skipped, or cut off and kept aside. */
  | { readonly kind: 'log-tail-torn'; readonly file: string; readonly bytes: number; readonly keptAt?: string }
  /** A log line in the middle did not parse; it was skipped. */
  | { readonly kind: 'log-line-damaged'; readonly file: string; readonly line: number }
  /** A lock left behind by a process that is gone was taken over. */
  | { readonly kind: 'stale-lock-taken-over'; readonly file: string; readonly pid?: number }
  /** A debounced write failed; the data stays in memory and the next write or flush tries again. */
  | { readonly kind: 'write-failed'; readonly file: string; readonly message: string };

export type StoreIssueListener = (issue: StoreIssue) => void;

/** One line a person can read in the log. */
export function describeStoreIssue(issue: StoreIssue): string {
  switch (issue.kind) {
    case 'document-restored':
      return `${issue.file} was damaged (${issue.reason}); restored from its backup, damaged copy kept at ${issue.damagedCopy}`;
    case 'document-reset':
      return `${issue.file} and its backup were unusable (${issue.reason}); started over from empty, copies kept at ${issue.damagedCopies.join(', ') || '(none)'}`;
    case 'document-missing-restored':
      return `${issue.file} was missing; restored from its backup`;
    case 'log-tail-torn':
      return `${issue.file} ended in a partial line of ${issue.bytes} bytes (a write cut off by a crash)${issue.keptAt ? `; cut off and kept at ${issue.keptAt}` : '; skipped'}`;
    case 'log-line-damaged':
      return `${issue.file} line ${issue.line} is not valid JSON; skipped`;
    case 'stale-lock-taken-over':
      return `${issue.file} was locked by process ${issue.pid ?? '(unknown)'}, which is gone; lock taken over`;
    case 'write-failed':
      return `writing ${issue.file} failed (${issue.message}); the data is kept in memory and will be written again`;
  }
}

/** Serious issues (data could not be restored, or is not being written) go to the log as errors. */
export function isSevere(issue: StoreIssue): boolean {
  return issue.kind === 'document-reset' || issue.kind === 'write-failed';
}
