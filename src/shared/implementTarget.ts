// What "Implement with agents" works on: a stub, a TODO, a failing test or a selection, found by the
// code lens or the command and turned into a workflow's request by the host.

export const IMPLEMENT_TARGET_KINDS = ['stub', 'todo', 'failing-test', 'selection'] as const;
export type ImplementTargetKind = (typeof IMPLEMENT_TARGET_KINDS)[number];

export interface ImplementTarget {
  readonly kind: ImplementTargetKind;
  /** Workspace-relative, '/'-separated. */
  readonly path: string;
  /** 1-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  /** The function, method or test the target is, when it has a name. */
  readonly symbol?: string;
  /** What the code says is to be done: the stub's signature and comments, the TODO's text, the test's failure. */
  readonly description: string;
  /** For a failing test: its id, as in TestCaseResult.id. */
  readonly testId?: string;
}

/** The same target across edits that move it: the file and the symbol, or the file and the first line. */
export function targetKey(target: Pick<ImplementTarget, 'path' | 'symbol' | 'startLine'>): string {
  return `${target.path}#${target.symbol ?? `L${target.startLine}`}`;
}
