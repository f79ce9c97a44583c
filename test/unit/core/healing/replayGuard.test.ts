import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AttemptRecord, ReplayGuard } from '../../../../src/core/healing/replayGuard';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { TaskInterruptedError } from '../../../../src/core/orchestrator/stepHandler';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { InMemoryAppendLog } from '../journal/inMemoryAppendLog';
import { healingEvents, stepContext } from './healingTestKit';

describe('Replay guard', () => {
  let root = '';
  let workspace: NodeWorkspace;
  let attempts: InMemoryAppendLog<AttemptRecord>;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-replay-'));
    workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(new InMemoryAppendLog<JournalEntry>()) });
    attempts = new InMemoryAppendLog();
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  const write = (taskId: string, text: string) => workspace.write('a.txt', text, { workflowId: 'wf-1', taskId, agent: 'codebot' });

  it('rolls back a run the engine shut down mid-step before the step runs again', async () => {
    const guard = new ReplayGuard(workspace, attempts, Date);
    await writeFile(join(root, 'a.txt'), 'original\n');
    const shutdown = new AbortController();
    const first = stepContext({ taskId: 'wf-1-t1', signal: shutdown.signal });
    await assert.rejects(
      guard.run(first, async () => {
        await write('wf-1-t1', 'half done\n');
        shutdown.abort(new TaskInterruptedError('shutdown', 'The engine shut down.'));
        throw shutdown.signal.reason;
      }),
      TaskInterruptedError,
    );
    const second = stepContext({ taskId: 'wf-1-t2' });
    await guard.run(second, async () => assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'original\n', 'the step starts from the files as they were'));
    const [event] = healingEvents(second.events);
    assert.equal(event?.action, 'rolled-back');
    assert.match(event?.summary ?? '', /restored a\.txt/);
  });

  it('leaves what a run that ended in failure wrote, for the next attempt to build on', async () => {
    const guard = new ReplayGuard(workspace, attempts, Date);
    await assert.rejects(
      guard.run(stepContext({ taskId: 'wf-1-t1' }), async () => {
        await write('wf-1-t1', 'first try\n');
        throw new Error('tests still red');
      }),
    );
    const next = stepContext({ taskId: 'wf-1-t2' });
    await guard.run(next, async () => assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'first try\n'));
    assert.deepEqual(healingEvents(next.events), []);
  });

  it('leaves a file a person changed since, and says so', async () => {
    const guard = new ReplayGuard(workspace, attempts, Date);
    // A run cut off by a crash: started, never ended.
    await attempts.append({ kind: 'started', workflowId: 'wf-1', step: 'green', taskId: 'wf-1-t1', mark: 0, at: 0 });
    await write('wf-1-t1', 'agent text\n');
    await writeFile(join(root, 'a.txt'), 'the person edited this\n');
    const next = stepContext({ taskId: 'wf-1-t2' });
    await guard.run(next, async () => assert.equal(await readFile(join(root, 'a.txt'), 'utf8'), 'the person edited this\n'));
    assert.match(healingEvents(next.events)[0]?.summary ?? '', /left a\.txt \(it was changed after the workflow last wrote it/);
  });
});
