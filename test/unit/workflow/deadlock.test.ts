// A deadlock in a real run of the feature workflow. The embedded engine deadlocks only when its
// runner is stuck outside a task; here the store stops answering for a while after red (a flush that
// hangs, as on a network drive that went away and came back), so the workflow is RUNNING with
// nothing in progress. The watchdog sees it, the healing layer restarts the runner, and the workflow
// goes on to complete.
import * as assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { STATE_FOLDER } from '../../../src/runtime/folderStore';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import type { AppendLog, DurableDocument, Store } from '../../../src/core/ports';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import { WorkspaceTestRunner } from '../../../src/infra/testRunners/workspaceTestRunner';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import { startScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import type { EngineEvent } from '../../../src/shared/events';
import { countTextTokens } from '../../../src/llm/tokenCount';
import { Runtime } from '../../../src/runtime/runtime';
import type { WorkflowReport } from '../../../src/workflows/workflowReport';
import { FEATURE_WORKFLOW } from '../../../src/workflows/feature/featureWorkflow';
import { RecordingLogger } from '../infra/store/storeTestKit';
import { copyExample, SCENARIOS, SIZE_REQUEST } from './featureRun';

const STUCK_MS = 2_500;

/** The store, except that the flush after it is armed hangs for a while first. */
class StallingStore implements Store {
  armed = false;
  constructor(private readonly inner: JsonStore) {}
  document<T extends object>(name: string, initial: () => T): Promise<DurableDocument<T>> {
    return this.inner.document(name, initial);
  }
  log<T>(name: string): AppendLog<T> {
    return this.inner.log(name);
  }
  async flush(): Promise<void> {
    if (this.armed) {
      this.armed = false;
      await sleep(STUCK_MS);
    }
    await this.inner.flush();
  }
}

describe('self-healing in the feature workflow: a deadlock', function () {
  this.timeout(120_000);
  let folder: string;
  let events: EngineEvent[];
  let report: WorkflowReport;
  before(async () => {
    folder = await copyExample();
    const server = await startScriptedModelServer(join(SCENARIOS, 'green-two-fixes.json'));
    const clock = new SystemClock();
    const logger = new RecordingLogger();
    const inner = await JsonStore.open({ folder: join(folder, STATE_FOLDER), logger });
    const store = new StallingStore(inner);
    const workspace = await NodeWorkspace.open(folder, { journal: new WriteJournal(store.log<JournalEntry>('journal'), clock) });
    const runtime = await Runtime.open(
      {
        store,
        workspace,
        tests: new WorkspaceTestRunner(folder, { defaultTimeoutMs: 30_000, logger }),
        clock,
        logger,
        countTokens: countTextTokens,
        model: (emit, model) => new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: model ?? server.scenario.model }, events: emit, logger }),
      },
      { models: { default: server.scenario.model }, healing: { deadlockGraceMs: 500, checkEveryMs: 100 } },
    );
    try {
      events = [];
      runtime.engine.subscribe((event) => {
        events.push(event);
        if (event.type === 'task' && event.step === 'red' && event.status === 'COMPLETED') store.armed = true;
      });
      const id = await runtime.engine.start(FEATURE_WORKFLOW, { request: SIZE_REQUEST });
      // The first settle ends with the pause the restart makes; the workflow then runs on.
      while ((await runtime.engine.settled(id)).status === 'PAUSED') await sleep(50);
      report = await runtime.report(id);
    } finally {
      await runtime.close();
      await inner.close();
      await server.close();
    }
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('detects that nothing runs, and restarts the runner (pause, then resume)', () => {
    assert.deepEqual(
      report.healing.map((h) => [h.action, h.failure]),
      [
        ['detected', 'deadlock'],
        ['retry', 'deadlock'],
      ],
    );
    assert.match(report.healing[0]?.summary ?? '', /^nothing is running and this workflow has waited 1 s for work that no runner picks up/);
    assert.match(report.healing[1]?.summary ?? '', /^restarting the workflow's runner \(pause, then resume\) after: nothing is running/);
    const statuses = events.flatMap((event) => (event.type === 'workflow' ? [event.status] : []));
    assert.deepEqual(statuses, ['RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
  });

  it('goes on from the step after red, and completes', () => {
    assert.equal(report.status, 'COMPLETED');
    const started = events.flatMap((event) => (event.type === 'task' && event.status === 'IN_PROGRESS' ? [event.step] : []));
    assert.deepEqual(started, ['plan', 'planReview', 'red', 'green', 'refactor', 'review']);
  });
});
