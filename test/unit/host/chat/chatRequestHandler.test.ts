import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { PendingApproval } from '../../../../src/core/approvals/pendingApprovals';
import type { WorkflowSummary } from '../../../../src/core/orchestrator/workflowState';
import { handleChatRequest, type ImperiumChatResult } from '../../../../src/host/chat/chatRequestHandler';
import type { ChatWorkflows } from '../../../../src/host/chat/chatWorkflows';
import type { EngineEvent, EngineEventInput } from '../../../../src/shared/events';

// The @imperium handler with VS Code's own chat types (ChatRequest, ChatContext, ChatResponseStream,
// CancellationToken). The workflows behind it are a stand-in (the workflow service needs a running
// VS Code; the integration run 'chat' drives the real one from the real Chat view): it records what
// the handler asks and plays the events a feature workflow emits.

class RecordingStream implements vscode.ChatResponseStream {
  readonly parts: string[] = [];
  readonly buttons: vscode.Command[] = [];
  markdown(value: string | vscode.MarkdownString): void {
    this.parts.push(typeof value === 'string' ? value : value.value);
  }
  button(command: vscode.Command): void {
    this.buttons.push(command);
    this.parts.push(`[${command.title}]`);
  }
  progress(value: string): void {
    this.parts.push(`(${value})`);
  }
  anchor(): void {}
  filetree(): void {}
  reference(): void {}
  push(): void {}
  get text(): string {
    return this.parts.join('');
  }
}

class StandInWorkflows implements ChatWorkflows {
  problem: string | undefined;
  readonly started: { workflow: string; request: string }[] = [];
  readonly guided: { id: string; text: string }[] = [];
  readonly canceled: string[] = [];
  readonly summaries = new Map<string, WorkflowSummary>();
  readonly tokens = new Map<string, string>();
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly approvalListeners = new Set<(approval: PendingApproval) => void>();
  private seq = 0;
  past: EngineEvent[] = [];
  /** Runs when a workflow starts, to play its events. */
  onStart: (workflowId: string) => void = () => undefined;

  async modelProblem(): Promise<string | undefined> {
    return this.problem;
  }
  async start(workflow: string, request: string): Promise<string> {
    this.started.push({ workflow, request });
    const id = `wf-${this.started.length}`;
    this.summaries.set(id, { id, name: workflow, version: 1, status: 'RUNNING', step: 'plan', createdAt: 0, updatedAt: 0 });
    setImmediate(() => this.onStart(id));
    return id;
  }
  summary(workflowId: string): WorkflowSummary | undefined {
    return this.summaries.get(workflowId);
  }
  async cancel(workflowId: string): Promise<void> {
    this.canceled.push(workflowId);
  }
  guide(workflowId: string, text: string): void {
    this.guided.push({ id: workflowId, text });
  }
  phaseOf(_workflowId: string, step: string): string | undefined {
    return { plan: 'Plan', red: 'Red', green: 'Green', review: 'Review' }[step];
  }
  subscribe(listener: (event: EngineEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  pendingApprovals(): readonly PendingApproval[] {
    return [];
  }
  onApproval(listener: (approval: PendingApproval) => void): () => void {
    this.approvalListeners.add(listener);
    return () => this.approvalListeners.delete(listener);
  }
  tokenFor(approvalId: string, answer: string): string {
    const token = `token-${this.tokens.size + 1}`;
    this.tokens.set(token, `${approvalId}:${answer}`);
    return token;
  }
  async pastEvents(): Promise<readonly EngineEvent[]> {
    return this.past;
  }
  emit(input: EngineEventInput): void {
    const event = { ...input, seq: ++this.seq, at: this.seq } as EngineEvent;
    if (event.type === 'workflow') {
      const summary = this.summaries.get(event.workflowId);
      if (summary) this.summaries.set(event.workflowId, { ...summary, status: event.status, ...(event.reason !== undefined && { reason: event.reason }) });
    }
    for (const listener of this.listeners) listener(event);
  }
  ask(approval: PendingApproval): void {
    for (const listener of this.approvalListeners) listener(approval);
  }
}

const TOKEN: vscode.CancellationToken = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) };

function request(prompt: string, command?: string): vscode.ChatRequest {
  return { prompt, command, references: [], toolReferences: [], toolInvocationToken: undefined as never, model: undefined as never };
}

function turnAbout(workflowId: string): vscode.ChatResponseTurn {
  return { participant: 'imperium-flow.imperium', response: [], result: { metadata: { workflowId } }, command: undefined } as vscode.ChatResponseTurn;
}

function context(...history: vscode.ChatResponseTurn[]): vscode.ChatContext {
  return { history };
}

/** A feature workflow's events, as the engine emits them, condensed. */
function playFeature(workflows: StandInWorkflows, id: string): void {
  const events: EngineEventInput[] = [
    { type: 'task', workflowId: id, taskId: 't1', step: 'plan', status: 'IN_PROGRESS', retryCount: 0 },
    { type: 'agent', workflowId: id, agent: 'product-owner', state: 'started', message: 'Request: add citation()' },
    { type: 'agent', workflowId: id, agent: 'product-owner', state: 'finished', message: '3 acceptance criteria, 2 tasks.' },
    { type: 'verdict', workflowId: id, subject: 'plan', member: 'board', decision: 'approved', summary: 'The plan covers the request.' },
    { type: 'task', workflowId: id, taskId: 't2', step: 'red', status: 'IN_PROGRESS', retryCount: 0 },
    { type: 'tool', workflowId: id, agent: 'testbot', tool: 'read_file', path: 'src/shelf.js', outcome: 'ok', durationMs: 1 },
    { type: 'tool', workflowId: id, agent: 'testbot', tool: 'read_file', path: 'src/shelf.js', outcome: 'ok', durationMs: 1 },
    { type: 'tool', workflowId: id, agent: 'testbot', tool: 'write_file', path: 'test/citation.test.js', outcome: 'ok', durationMs: 1 },
    { type: 'test-run', workflowId: id, label: 'red check', state: 'finished', summary: { passed: 4, failed: 3, skipped: 0, total: 7, durationMs: 10 } } as EngineEventInput,
    { type: 'workflow', workflowId: id, status: 'COMPLETED' },
  ];
  for (const event of events) workflows.emit(event);
}

describe('@imperium, the chat handler (VS Code chat API types)', () => {
  it('starts the feature workflow from /feature and streams it to its end: phases, agents, folded tools, tests, the Board', async () => {
    const workflows = new StandInWorkflows();
    workflows.onStart = (id) => playFeature(workflows, id);
    const stream = new RecordingStream();
    const result: ImperiumChatResult = await handleChatRequest(request('Add a citation', 'feature'), context(), stream, TOKEN, workflows);
    assert.deepEqual(workflows.started, [{ workflow: 'feature', request: 'Add a citation' }]);
    assert.deepEqual(result.metadata, { workflowId: 'wf-1' }, 'the answer names its workflow, for the follow-ups');
    const text = stream.text;
    for (const part of ['Started **wf-1** (feature)', '### Plan', '**Product Owner** is on it: Request: add citation()', '**Product Owner**: 3 acceptance criteria, 2 tasks.', '**The Board** on the plan: *approved*', '### Red', '🔧 TestBot, 3 tool steps: read_file src/shelf.js ×2, write_file test/citation.test.js', '🧪 red check: 4 passed, 3 failed', '**wf-1 is done**', '[Open Command Center]']) {
      assert.ok(text.includes(part), `"${part}" in:\n${text}`);
    }
    assert.ok(text.indexOf('### Plan') < text.indexOf('### Red') && text.indexOf('### Red') < text.indexOf('wf-1 is done'), 'in the order they happened');
  });

  it('plain text starts the default workflow; /fix the fix workflow', async () => {
    const workflows = new StandInWorkflows();
    workflows.onStart = (id) => workflows.emit({ type: 'workflow', workflowId: id, status: 'COMPLETED' });
    await handleChatRequest(request('Add search by author'), context(), new RecordingStream(), TOKEN, workflows);
    await handleChatRequest(request('', 'fix'), context(), new RecordingStream(), TOKEN, workflows);
    assert.deepEqual(workflows.started, [
      { workflow: 'feature', request: 'Add search by author' },
      { workflow: 'fix', request: 'Make the failing tests pass.' },
    ]);
  });

  it('says at once that no model is set, with the way to set one, and starts nothing', async () => {
    const workflows = new StandInWorkflows();
    workflows.problem = 'No model is set: there is no API key for https://api.openai.com.';
    const stream = new RecordingStream();
    const result = await handleChatRequest(request('Add search by author'), context(), stream, TOKEN, workflows);
    assert.deepEqual(workflows.started, []);
    assert.match(stream.text, /^No model is set: there is no API key/);
    assert.deepEqual(stream.buttons.map((button) => button.command), ['imperium.setApiKey', 'workbench.action.openSettings']);
    assert.deepEqual(result.metadata, {});
  });

  it("sends plain text to the agents of the conversation's running workflow, and keeps following it", async () => {
    const workflows = new StandInWorkflows();
    workflows.summaries.set('wf-7', { id: 'wf-7', name: 'feature', version: 1, status: 'RUNNING', step: 'green', createdAt: 0, updatedAt: 0 });
    const stream = new RecordingStream();
    const answer = handleChatRequest(request('Use a Map, not an array'), context(turnAbout('wf-7')), stream, TOKEN, workflows);
    setImmediate(() => workflows.emit({ type: 'workflow', workflowId: 'wf-7', status: 'COMPLETED' }));
    const result = await answer;
    assert.deepEqual(workflows.guided, [{ id: 'wf-7', text: 'Use a Map, not an array' }]);
    assert.deepEqual(workflows.started, [], 'no new workflow');
    assert.match(stream.text, /Passed to the agents of \*\*wf-7\*\*/);
    assert.match(stream.text, /wf-7 is done/);
    assert.deepEqual(result.metadata, { workflowId: 'wf-7' });
  });

  it("shows an edit waiting for the person as a diff, with Approve and Reject buttons carrying one-time tokens", async () => {
    const workflows = new StandInWorkflows();
    const stream = new RecordingStream();
    workflows.onStart = (id) => {
      workflows.ask({ id: 'approval-1', at: 0, request: { kind: 'edit', workflowId: id, path: 'src/shelf.js', before: 'a\nb\n', after: 'a\nc\n' } });
      workflows.ask({ id: 'approval-2', at: 0, request: { kind: 'edit', workflowId: 'wf-other', path: 'x.js', after: '' } });
      workflows.emit({ type: 'workflow', workflowId: id, status: 'COMPLETED' });
    };
    await handleChatRequest(request('Add a citation', 'feature'), context(), stream, TOKEN, workflows);
    assert.match(stream.text, /\*\*Waiting for you:\*\* Change `src\/shelf\.js`/);
    assert.match(stream.text, /```diff\n--- a\/src\/shelf\.js\n\+\+\+ b\/src\/shelf\.js\n@@ -1,2 \+1,2 @@\n a\n-b\n\+c\n```/);
    assert.doesNotMatch(stream.text, /x\.js/, "another workflow's edit is not shown");
    assert.deepEqual(stream.buttons.slice(0, 2).map((button) => [button.title, button.command, workflows.tokens.get(String(button.arguments?.[0]))]), [
      ['Approve', 'imperium.chat.decide', 'approval-1:approve'],
      ['Reject', 'imperium.chat.decide', 'approval-1:reject'],
    ]);
  });

  it('stops listening when the Chat view cancels, without canceling the workflow', async () => {
    const workflows = new StandInWorkflows();
    let cancel: () => void = () => undefined;
    const token: vscode.CancellationToken = {
      isCancellationRequested: false,
      onCancellationRequested: (listener: (e: unknown) => unknown) => {
        cancel = () => listener(undefined);
        return { dispose: () => undefined };
      },
    };
    workflows.onStart = () => cancel();
    const result = await handleChatRequest(request('Add a citation', 'feature'), context(), new RecordingStream(), token, workflows);
    assert.deepEqual(result.metadata, { workflowId: 'wf-1' });
    assert.deepEqual(workflows.canceled, []);
    assert.equal(workflows.summary('wf-1')?.status, 'RUNNING');
  });

  it("/status shows the conversation's workflow and its history; /cancel cancels it", async () => {
    const workflows = new StandInWorkflows();
    workflows.summaries.set('wf-3', { id: 'wf-3', name: 'feature', version: 1, status: 'RUNNING', step: 'red', createdAt: 0, updatedAt: 0 });
    workflows.past = [{ type: 'agent', workflowId: 'wf-3', agent: 'testbot', state: 'finished', message: 'Wrote 3 failing tests.', seq: 1, at: 1 }];
    const status = new RecordingStream();
    await handleChatRequest(request('', 'status'), context(turnAbout('wf-3')), status, TOKEN, workflows);
    assert.match(status.text, /\*\*wf-3\*\* is running, in Red\./);
    assert.match(status.text, /What happened so far[\s\S]*\*\*TestBot\*\*: Wrote 3 failing tests\./);
    const canceled = new RecordingStream();
    await handleChatRequest(request('', 'cancel'), context(turnAbout('wf-3')), canceled, TOKEN, workflows);
    assert.deepEqual(workflows.canceled, ['wf-3']);
    assert.deepEqual(canceled.buttons.map((button) => [button.command, button.arguments]), [['imperium.undoWorkflow', ['wf-3']]]);
    const none = new RecordingStream();
    await handleChatRequest(request('', 'status'), context(), none, TOKEN, workflows);
    assert.match(none.text, /This conversation has no workflow yet/);
  });

  it('answers a failure to start in errorDetails, with the reason', async () => {
    const workflows = new StandInWorkflows();
    workflows.start = async () => {
      throw new Error('Imperium Flow runs nothing in Restricted Mode.');
    };
    const result = await handleChatRequest(request('Add a citation', 'feature'), context(), new RecordingStream(), TOKEN, workflows);
    assert.deepEqual(result.errorDetails, { message: 'Imperium Flow runs nothing in Restricted Mode.' });
  });
});
