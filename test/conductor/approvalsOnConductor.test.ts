// A person's approval as a HUMAN task on a real conductor-oss server. A step asks through the
// Approvals port (the editor's queue, as deployStageStep and designReviewStep do) and waits longer
// than the response timeout; the request is also an `imperium_approval` workflow on the server,
// found with Conductor's own API by the asking workflow's id (its correlation id). Answered there
// (POST /api/tasks/{id}/approval/COMPLETED), the step gets that answer and the editor's prompt is
// settled; answered in the editor, the HUMAN task is COMPLETED on the server with that answer; a
// canceled workflow's request is withdrawn and its approval workflow terminated.
import { strict as assert } from 'node:assert';
import { setTimeout as sleep } from 'node:timers/promises';
import { type ApprovalChange, PendingApprovals } from '../../src/core/approvals/pendingApprovals';
import type { ApprovalRequest } from '../../src/core/ports';
import { connectConductor } from '../../src/infra/conductor/conductorConnection';
import { HumanTaskApprovals } from '../../src/infra/conductor/humanTaskApprovals';
import { suiteServer } from './harness/serverHooks';
import { handlers, type OpenedEngine, openEngine, quietLogger, serverWorkflow, tempFolder, uniqueName } from './support/engineFixture';

/** The fixture's response timeout is 3 s: the step waits past it, so only its heartbeats keep its lease. */
const WAIT_PAST_LEASE_MS = 5_000;

interface ApprovalOnServer {
  workflowId: string;
  status: string;
  correlationId: string;
  input: Record<string, unknown>;
  output: Record<string, unknown>;
  reasonForIncompletion?: string;
  tasks: { referenceTaskName: string; taskType: string; status: string; inputData: Record<string, unknown>; outputData: Record<string, unknown> }[];
}

/** The approval workflows asked for a workflow, as Conductor's API finds them by correlation id. */
async function approvalsOf(url: string, workflowId: string): Promise<ApprovalOnServer[]> {
  const response = await fetch(`${url}/api/workflow/imperium_approval/correlated/${workflowId}?includeClosed=true&includeTasks=true`);
  if (!response.ok) throw new Error(`the correlated search answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as ApprovalOnServer[];
}

async function until<T>(what: string, read: () => Promise<T | undefined>, deadlineMs = 30_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('Approvals as HUMAN tasks on a real Conductor server', function () {
  this.timeout(120_000);
  const folder = tempFolder('imperium-conductor-approvals-');
  after(() => folder.remove());
  const url = () => suiteServer().url;

  /** A two-step workflow whose first step asks a person before it "publishes", the second records what happened. */
  async function asking(request: (workflowId: string) => ApprovalRequest): Promise<{ opened: OpenedEngine; queue: PendingApprovals; changes: ApprovalChange[]; definition: unknown }> {
    const queue = new PendingApprovals();
    const changes: ApprovalChange[] = [];
    queue.subscribe((change) => changes.push(change));
    const opened = await openEngine({
      url: url(),
      folder: folder.path,
      options: { approvals: queue, approvalPollIntervalMs: 100 },
      handlers: handlers({
        'test.publish': {
          run: async (_input, context) => {
            const decision = await queue.request(request(context.workflowId), context.signal);
            return { output: { approved: decision.approved, ...(decision.choice !== undefined && { choice: decision.choice }), ...(decision.note !== undefined && { note: decision.note }) } };
          },
        },
        'test.record': { run: async (input) => ({ output: { published: input.approved === true } }) },
      }),
    });
    const definition = {
      name: uniqueName('approve'),
      version: 1,
      steps: [
        { name: 'publish', handler: 'test.publish', inputs: {} },
        { name: 'record', handler: 'test.record', inputs: { approved: '${publish.output.approved}' } },
      ],
    };
    return { opened, queue, changes, definition };
  }

  async function waitingApproval(workflowId: string): Promise<ApprovalOnServer> {
    return until('the HUMAN task on the server', async () => (await approvalsOf(url(), workflowId)).find((approval) => approval.tasks[0]?.status === 'IN_PROGRESS'));
  }

  async function answerOnServer(approvalWorkflowId: string, status: 'COMPLETED' | 'FAILED', body: Record<string, unknown>): Promise<void> {
    const response = await fetch(`${url()}/api/tasks/${approvalWorkflowId}/approval/${status}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    assert.ok(response.ok, `the task update answered ${response.status}: ${await response.text()}`);
  }

  it('asks as a HUMAN task, and an approval answered through Conductor’s REST API completes the workflow, settling the local prompt, with the step’s lease kept', async () => {
    const { opened, queue, changes, definition } = await asking((workflowId) => ({ kind: 'command', workflowId, command: 'npm publish' }));
    try {
      const id = await opened.engine.start(definition);
      const approval = await waitingApproval(id);
      assert.equal(approval.correlationId, id);
      assert.equal(approval.tasks[0]?.taskType, 'HUMAN');
      assert.deepEqual(
        { kind: approval.input.kind, workflowId: approval.input.workflowId, command: approval.input.command, question: approval.input.question },
        { kind: 'command', workflowId: id, command: 'npm publish', question: `Workflow ${id} wants to run: npm publish. Approve?` },
      );
      assert.equal(approval.tasks[0]?.inputData.command, 'npm publish', 'the HUMAN task shows the request');
      assert.equal(queue.pending().length, 1, 'the request waits in the editor as well');
      await sleep(WAIT_PAST_LEASE_MS);
      await answerOnServer(approval.workflowId, 'COMPLETED', { approved: true, note: 'go ahead' });
      const done = await opened.engine.settled(id);
      assert.equal(done.status, 'COMPLETED', done.reason);
      assert.deepEqual(done.outputs.publish, { approved: true, note: 'go ahead' });
      assert.deepEqual(done.outputs.record, { published: true });
      assert.deepEqual(queue.pending(), [], 'the local prompt is settled');
      assert.deepEqual(changes.map((change) => change.type === 'settled' && change.decision), [false, { approved: true, note: 'go ahead' }]);
      const onServer = await serverWorkflow(url(), id);
      const publish = onServer.tasks.filter((task) => task.referenceTaskName === 'publish');
      assert.deepEqual(publish.map((task) => [task.status, task.retryCount]), [['COMPLETED', 0]], 'one attempt: the heartbeats kept the lease past the 3 s response timeout');
      const [answered] = await approvalsOf(url(), id);
      assert.equal(answered?.status, 'COMPLETED');
      assert.deepEqual(answered?.output, { approved: true, choice: null, note: 'go ahead', answeredIn: null }, 'the approval workflow\'s output is the answer');
    } finally {
      await opened.close();
    }
  });

  it('honours a rejection answered on Conductor, with its note, and reads FAILED as a rejection too', async () => {
    const { opened, queue, definition } = await asking((workflowId) => ({ kind: 'edit', workflowId, path: 'deploy/fly.toml', after: 'app = "demo"\n', runsCode: 'is part of a deployment plan' }));
    try {
      const first = await opened.engine.start(definition);
      const approval = await waitingApproval(first);
      assert.equal(approval.input.path, 'deploy/fly.toml');
      assert.equal(approval.input.after, 'app = "demo"\n');
      await answerOnServer(approval.workflowId, 'COMPLETED', { approved: false, note: 'not on a Friday' });
      const done = await opened.engine.settled(first);
      assert.equal(done.status, 'COMPLETED', done.reason);
      assert.deepEqual(done.outputs.publish, { approved: false, note: 'not on a Friday' });
      assert.deepEqual(done.outputs.record, { published: false });

      const second = await opened.engine.start(definition);
      await answerOnServer((await waitingApproval(second)).workflowId, 'FAILED', { note: 'wrong region' });
      const failed = await opened.engine.settled(second);
      assert.deepEqual(failed.outputs.publish, { approved: false, note: 'rejected on Conductor (HUMAN task FAILED): wrong region' });
      assert.deepEqual(queue.pending(), []);
    } finally {
      await opened.close();
    }
  });

  it('completes the HUMAN task on the server when the request is answered in the editor', async () => {
    const { opened, queue, definition } = await asking((workflowId) => ({ kind: 'escalation', workflowId, reason: 'The checks could not decide.', options: ['Looks right', 'Needs work'] }));
    try {
      const id = await opened.engine.start(definition);
      const approval = await waitingApproval(id);
      assert.deepEqual(approval.input.options, ['Looks right', 'Needs work']);
      const [pending] = queue.pending();
      assert.ok(pending && queue.decide(pending.id, { approved: true, choice: 'Needs work', note: 'the contrast' }));
      const done = await opened.engine.settled(id);
      assert.deepEqual(done.outputs.publish, { approved: true, choice: 'Needs work', note: 'the contrast' });
      const answered = await until('the HUMAN task COMPLETED on the server', async () => (await approvalsOf(url(), id)).find((candidate) => candidate.status === 'COMPLETED'));
      assert.equal(answered.tasks[0]?.status, 'COMPLETED');
      assert.deepEqual(answered.tasks[0]?.outputData, { approved: true, choice: 'Needs work', note: 'the contrast', answeredIn: 'editor' });
      assert.deepEqual(answered.output, { approved: true, choice: 'Needs work', note: 'the contrast', answeredIn: 'editor' });
    } finally {
      await opened.close();
    }
  });

  it('terminates the approval workflow when the asking workflow is canceled', async () => {
    const { opened, queue, definition } = await asking((workflowId) => ({ kind: 'command', workflowId, command: 'rm -rf build' }));
    try {
      const id = await opened.engine.start(definition);
      await waitingApproval(id);
      await opened.engine.cancel(id, 'changed my mind');
      assert.deepEqual(queue.pending(), [], 'the local prompt is withdrawn');
      const terminated = await until('the approval workflow terminated', async () => (await approvalsOf(url(), id)).find((candidate) => candidate.status === 'TERMINATED'));
      assert.match(terminated.reasonForIncompletion ?? '', /withdrawn/);
      assert.equal(terminated.tasks[0]?.status, 'CANCELED');
    } finally {
      await opened.close();
    }
  });

  it('takes up the approval workflow a killed process left waiting, instead of asking a second time', async () => {
    const connection = await connectConductor({ url: url(), logger: quietLogger });
    const workflowId = uniqueName('asker');
    const request: ApprovalRequest = { kind: 'command', workflowId, command: 'git push --force' };
    // The first process asks, then dies without withdrawing: its bridge is gone before the request settles.
    const firstQueue = new PendingApprovals();
    const first = new HumanTaskApprovals({ connection, queue: firstQueue, logger: quietLogger, prefix: 'imperium', pollIntervalMs: 100 });
    const firstAsked = firstQueue.request(request).catch(() => 'withdrawn');
    await first.surfaced();
    const left = first.conductorIdOf(firstQueue.pending()[0]?.id ?? '');
    assert.ok(left, 'the first request is on the server');
    await first.close();
    firstQueue.withdrawWorkflow(workflowId, new Error('killed'));
    assert.equal(await firstAsked, 'withdrawn');
    // The step runs again in the next process and asks the same: it waits on the same HUMAN task.
    const queue = new PendingApprovals();
    const next = new HumanTaskApprovals({ connection, queue, logger: quietLogger, prefix: 'imperium', pollIntervalMs: 100 });
    try {
      const asked = queue.request(request);
      const other = queue.request({ ...request, command: 'git push' });
      await next.surfaced();
      const [same, different] = queue.pending().map((approval) => next.conductorIdOf(approval.id));
      assert.equal(same, left, 'the request takes up the approval workflow left waiting');
      assert.ok(different !== undefined && different !== left, 'a different request gets its own');
      assert.equal((await approvalsOf(url(), workflowId)).filter((approval) => approval.status === 'RUNNING').length, 2, 'no third approval workflow');
      await answerOnServer(left, 'COMPLETED', { approved: true });
      assert.deepEqual(await asked, { approved: true });
      queue.withdrawWorkflow(workflowId, new Error('done'));
      await other.catch(() => undefined);
    } finally {
      await next.close();
    }
  });

  it('keeps the editor\'s answer, which reached the step first, and says so when the HUMAN task was answered on Conductor too', async () => {
    const connection = await connectConductor({ url: url(), logger: quietLogger });
    const warnings: string[] = [];
    const queue = new PendingApprovals();
    // A poll slower than the test: the bridge hears of the server's answer only through the editor's.
    const bridge = new HumanTaskApprovals({ connection, queue, logger: { ...quietLogger, warn: (message) => void warnings.push(message) }, prefix: 'imperium', pollIntervalMs: 600_000 });
    try {
      const workflowId = uniqueName('both');
      const asked = queue.request({ kind: 'command', workflowId, command: 'make release' });
      await bridge.surfaced();
      const [pending] = queue.pending();
      const id = bridge.conductorIdOf(pending?.id ?? '');
      assert.ok(pending && id);
      await answerOnServer(id, 'COMPLETED', { approved: false, note: 'from the UI' });
      assert.ok(queue.decide(pending.id, { approved: true }));
      assert.deepEqual(await asked, { approved: true });
      await until('the warning', async () => warnings.find((warning) => warning.includes(id)));
      assert.match(warnings[0] ?? '', /was answered on Conductor too .*"note":"from the UI".*the editor's answer, which reached the step first, stands/);
      const [onServer] = await approvalsOf(url(), workflowId);
      assert.deepEqual(onServer?.tasks[0]?.outputData, { approved: false, note: 'from the UI' }, 'the server keeps the answer it was given');
    } finally {
      await bridge.close();
    }
  });
});
