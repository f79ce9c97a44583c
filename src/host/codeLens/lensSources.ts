// What the code lens reads besides the document: the failing tests (from the Test Explorer) and the
// phase of the workflow on each target (from the workflow service). The composition root passes both.
import type * as vscode from 'vscode';
import type { LensPhase } from './targetLenses';

export type { FailingTest, FailingTests } from '../testing/failingTests';
export type { LensPhase };

export interface TargetWorkflows {
  /** The phase of the latest workflow started on the target with this `targetKey`. */
  phaseOf(key: string): LensPhase | undefined;
  readonly onDidChange: vscode.Event<void>;
}
