// Run by crashAndResume.test.ts, as a child process to be killed and in the test's own process to
// resume: a one-step workflow whose step appends a line to notes.txt through the journalled
// workspace. In "start" mode the step says "wrote" after its write and then hangs, to be killed;
// in "resume" mode it finishes.
import { ReplayGuard, type AttemptRecord } from '../../../../src/core/healing/replayGuard';
import { withHealing } from '../../../../src/core/healing/healingStepHandler';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';
import { EmbeddedEngine } from '../../../../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../../../../src/core/orchestrator/eventStream';
import { StepHandlers } from '../../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import type { Logger } from '../../../../src/core/ports';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';

export const definition = { name: 'append-note', version: 1, steps: [{ name: 'append', handler: 'append', retry: { retryCount: 1 } }] };

export async function openWorkflowEngine(mode: 'start' | 'resume', storeFolder: string, root: string, logger: Logger) {
  const clock = new SystemClock();
  const store = await JsonStore.open({ folder: storeFolder, logger, debounceMs: 10 });
  const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(store.log<JournalEntry>('journal'), clock) });
  const replayGuard = new ReplayGuard(workspace, store.log<AttemptRecord>('healing-attempts'), clock);
  const append = withHealing(
    {
      async run(_input, context) {
        const before = (await workspace.exists('notes.txt')) ? await workspace.read('notes.txt') : '';
        await workspace.write('notes.txt', `${before}added once\n`, { workflowId: context.workflowId, taskId: context.taskId, agent: 'codebot' });
        if (mode === 'start') {
          process.stdout.write('wrote\n');
          await new Promise<never>(() => undefined);
        }
        return { output: { appended: true } };
      },
    },
    { clock, replayGuard },
  );
  const engine = await EmbeddedEngine.open({ store, handlers: new StepHandlers().register('append', append), clock, logger, events: await EventStream.open(store.log('events'), clock, logger) });
  return { engine, store };
}

async function main(): Promise<void> {
  const [storeFolder, root] = process.argv.slice(2);
  if (!storeFolder || !root) throw new Error('usage: crashingWorkflow.ts <store folder> <workspace root>');
  const { engine } = await openWorkflowEngine('start', storeFolder, root, console);
  await engine.start(definition);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
