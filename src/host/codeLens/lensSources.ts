// What the code lens reads besides the document: the failing tests (from the Test Explorer) and the
// phase of the workflow on each target (from the workflow service). The composition root passes both.
import type * as vscode from 'vscode';
import type { ImplementTarget } from '../../shared/implementTarget';
import type { LensPhase, LensWorkflow } from './targetLenses';

export type { FailingTest, FailingTests } from '../testing/failingTests';
export type { LensPhase };

export interface TargetWorkflows {
  /** The phase of the latest workflow started on the target with this `targetKey`. */
  phaseOf(key: string): LensPhase | undefined;
  /** The workflow module the lens's action starts on the target. */
  moduleFor(target: ImplementTarget): LensWorkflow;
  readonly onDidChange: vscode.Event<void>;
}
