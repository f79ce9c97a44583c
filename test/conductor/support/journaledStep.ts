// A step that writes files through the journalled workspace under the replay guard, as the feature
// workflow's steps do: what the suites check "never applied twice" against.
import { join } from 'node:path';
import { ReplayGuard, type AttemptRecord } from '../../../src/core/healing/replayGuard';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import type { StepHandler } from '../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import type { JsonStore } from '../../../src/infra/store/jsonStore';

export interface JournaledWrite {
  /** Appends a line to each file (so a second application shows as a second line). */
  readonly appendLines: Readonly<Record<string, string>>;
  /** Waits before returning, after writing (a long step, or one about to be killed). */
  readonly holdMs?: number;
  readonly onWritten?: () => void;
}

export async function journaledStep(folder: string, store: JsonStore, write: (attempt: number) => JournaledWrite): Promise<{ handler: StepHandler; runs: () => number }> {
  const clock = new SystemClock();
  const workspace = await NodeWorkspace.open(folder, { journal: new WriteJournal(store.log<JournalEntry>('journal'), clock) });
  const guard = new ReplayGuard(workspace, store.log<AttemptRecord>('healing-attempts'), clock);
  let runs = 0;
  const handler: StepHandler = {
    run: (_input, context) =>
      guard.run(context, async () => {
        runs += 1;
        const plan = write(runs);
        for (const [path, line] of Object.entries(plan.appendLines)) {
          const before = await workspace.read(path).catch(() => '');
          await workspace.write(path, `${before}${line}\n`, { workflowId: context.workflowId, taskId: context.taskId, agent: 'codebot' });
        }
        plan.onWritten?.();
        if (plan.holdMs) await clock.sleep(plan.holdMs, context.signal);
        return { output: { wrote: Object.keys(plan.appendLines) } };
      }),
  };
  return { handler, runs: () => runs };
}

export function stateFolder(folder: string): string {
  return join(folder, '.imperium');
}
