import * as assert from 'node:assert/strict';
import type { Logger } from '../../../../src/core/ports';
import type { ApprovalAnswer, DashboardListener, DashboardSnapshot, DashboardSource, MemoryEdit } from '../../../../src/host/dashboard/dashboardSource';
import { ShownDashboard } from '../../../../src/host/dashboard/shownDashboard';
import { loadWebviewMessageCheck } from '../../../../src/host/dashboard/lazyWebviewMessages';
import { type EditorActions, WebviewChannel, type WebviewEndpoint } from '../../../../src/host/dashboard/webviewChannel';
import { emptyDashboard, type DashboardUpdate } from '../../../../src/shared/dashboardState';
import type { HostToWebview } from '../../../../src/shared/webviewProtocol';
import { LIVE, stamp } from '../dashboardFixture';

/** Test double of a webview: records what the host posts and lets the test send what the page would. */
class FakeWebview implements WebviewEndpoint {
  readonly posted: HostToWebview[] = [];
  private listener: ((message: unknown) => unknown) | undefined;

  postMessage(message: HostToWebview): Promise<boolean> {
    this.posted.push(structuredClone(message));
    return Promise.resolve(true);
  }

  onDidReceiveMessage(listener: (message: unknown) => unknown) {
    this.listener = listener;
    return { dispose: () => (this.listener = undefined) };
  }

  send(message: unknown): void {
    this.listener?.(message);
  }

  types(): string[] {
    return this.posted.map((message) => message.type);
  }
}

/** Test double of the engine side: records the controls it is asked for, and lets the test publish updates. */
class FakeSource implements DashboardSource {
  readonly calls: string[] = [];
  readonly listeners = new Set<DashboardListener>();
  refuse: string | undefined;

  snapshot(): DashboardSnapshot {
    return { state: { ...emptyDashboard(), lastSeq: 7 }, capabilities: LIVE };
  }

  subscribe(listener: DashboardListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(update: DashboardUpdate): void {
    for (const listener of this.listeners) listener(update);
  }

  pause = (id: string) => this.act(`pause ${id}`);
  resume = (id: string) => this.act(`resume ${id}`);
  cancel = (id: string) => this.act(`cancel ${id}`);
  start = async (request: string) => {
    await this.act(`start ${request}`);
    return 'wf-9';
  };
  decide = (id: string, answer: ApprovalAnswer) => this.act(`decide ${id} ${JSON.stringify(answer)}`);
  undo = (id: string) => this.act(`undo ${id}`);
  openDiff = (id: string, path: string) => this.act(`diff ${id} ${path}`);
  openEngineLink = (id: string) => this.act(`engine-link ${id}`);
  editMemory = (id: string, edit: MemoryEdit) => this.act(`edit ${id} ${JSON.stringify(edit)}`);
  deleteMemory = (id: string) => this.act(`delete ${id}`);

  private async act(call: string): Promise<void> {
    this.calls.push(call);
    if (this.refuse) throw new Error(this.refuse);
  }
}

function recordingLogger(): Logger & { readonly lines: string[] } {
  const lines: string[] = [];
  const record = (level: string) => (message: string) => void lines.push(`${level}: ${message}`);
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const BATCH_MS = 20;

describe('the channel between the host and a dashboard webview', () => {
  let webview: FakeWebview;
  let source: FakeSource;
  let logger: ReturnType<typeof recordingLogger>;
  let opened: number;
  let editorCalls: string[];
  let channel: WebviewChannel;

  function connect(openSource: () => Promise<DashboardSource> = async () => source): WebviewChannel {
    const editor: EditorActions = {
      openFile: async (path, line, column) => void editorCalls.push(`open ${path}:${line}:${column}`),
      openCommandCenter: async () => void editorCalls.push('command center'),
      showLog: () => void editorCalls.push('log'),
    };
    return new WebviewChannel(
      webview,
      async () => {
        opened++;
        return openSource();
      },
      editor,
      { label: 'test view', version: '1.2.3', logger, batchMs: BATCH_MS },
    );
  }

  // As in the editor, where it loads while the page does: there, the page's first message comes long after.
  before(() => loadWebviewMessageCheck());

  beforeEach(() => {
    webview = new FakeWebview();
    source = new FakeSource();
    logger = recordingLogger();
    opened = 0;
    editorCalls = [];
    channel = connect();
  });

  afterEach(() => channel.dispose());

  it('posts nothing before the webview says ready, then a snapshot, then updates in batches', async () => {
    assert.equal(opened, 0, 'the source is opened when a view first needs it');
    source.publish(stamp([{ type: 'workflow', workflowId: 'wf-1', status: 'RUNNING' }])[0]);
    await settle();
    assert.deepEqual(webview.posted, []);
    webview.send({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.posted, [{ type: 'snapshot', version: '1.2.3', state: { ...emptyDashboard(), lastSeq: 7 }, capabilities: LIVE }]);
    const events = stamp([
      { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'red' },
      { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'green' },
    ], 7);
    for (const event of events) source.publish(event);
    assert.equal(webview.posted.length, 1, 'updates wait for their batch');
    await new Promise((resolve) => setTimeout(resolve, BATCH_MS * 2));
    assert.deepEqual(webview.posted.slice(1), [{ type: 'updates', updates: events }]);
  });

  it('holds what the page sends before the check of messages is loaded, then acts on it in order; a ready from a page hidden since is moot', async () => {
    // The check loads with the channel (lazyWebviewMessages.ts): these arrive before it is there.
    webview.send({ type: 'request', id: 1, request: { kind: 'pause', workflowId: 'wf-1' } });
    webview.send({ type: 'ready' });
    webview.send({ type: 'request', id: 2, request: { kind: 'resume', workflowId: 'wf-1' } });
    await settle();
    assert.deepEqual(source.calls, ['pause wf-1', 'resume wf-1']);
    assert.deepEqual(webview.types().sort(), ['response', 'response', 'snapshot']);
    const hidden = connect();
    webview.posted.length = 0;
    webview.send({ type: 'ready' });
    hidden.hidden();
    await settle();
    assert.deepEqual(webview.posted, [], 'the page that said ready was hidden before the check was loaded');
    hidden.dispose();
  });

  it('logs and drops a message that fails the check, and acts on nothing in it', async () => {
    webview.send({ type: 'ready' });
    await settle();
    const before = webview.posted.length;
    webview.send({ type: 'request', id: 1, request: { kind: 'pause', workflowId: 'wf-1', interrupt: true } });
    webview.send({ type: 'request', id: 2, request: { kind: 'rm -rf', workflowId: 'wf-1' } });
    webview.send('ready');
    await settle();
    assert.deepEqual(source.calls, []);
    assert.equal(webview.posted.length, before, 'no answer to a message that is not one');
    assert.equal(logger.lines.filter((line) => line.startsWith('warn: test view: dropped an invalid message from the webview')).length, 3);
  });

  it('answers each request by its id: done, or refused with the reason', async () => {
    webview.send({ type: 'request', id: 41, request: { kind: 'pause', workflowId: 'wf-1' } });
    await settle();
    source.refuse = 'Workflow wf-1 is COMPLETED; only a running workflow can be paused.';
    webview.send({ type: 'request', id: 42, request: { kind: 'resume', workflowId: 'wf-1' } });
    await settle();
    assert.deepEqual(source.calls, ['pause wf-1', 'resume wf-1']);
    assert.deepEqual(webview.posted, [
      { type: 'response', id: 41, ok: true },
      { type: 'response', id: 42, ok: false, error: 'Workflow wf-1 is COMPLETED; only a running workflow can be paused.' },
    ]);
  });

  it('hands file, command-center and log requests to the editor, and starts workflows on the source', async () => {
    webview.send({ type: 'request', id: 1, request: { kind: 'open-file', path: 'src/a.js', line: 3, column: 2 } });
    webview.send({ type: 'request', id: 2, request: { kind: 'open-command-center' } });
    webview.send({ type: 'request', id: 3, request: { kind: 'show-log' } });
    webview.send({ type: 'request', id: 4, request: { kind: 'start', request: 'Add search' } });
    webview.send({ type: 'request', id: 5, request: { kind: 'cancel', workflowId: 'wf-2' } });
    await settle();
    assert.deepEqual(editorCalls, ['open src/a.js:3:2', 'command center', 'log']);
    assert.deepEqual(source.calls, ['start Add search', 'cancel wf-2']);
    assert.deepEqual(
      webview.posted.map((message) => message.type === 'response' && message.ok),
      [true, true, true, true, true],
    );
  });

  it('hands decisions, undo, diffs, engine links and memory changes to the source, as checked', async () => {
    const requests = [
      { kind: 'decide', approvalId: 'approval-1', approved: false },
      { kind: 'decide', approvalId: 'approval-2', approved: true, choice: 'Skip this edit' },
      { kind: 'undo', workflowId: 'wf-1' },
      { kind: 'open-diff', workflowId: 'wf-1', path: 'src/a.js' },
      { kind: 'open-engine-link', workflowId: 'wf-1' },
      { kind: 'edit-memory', memoryId: 'mem-1', text: '  Lower-case both sides.  ' },
      { kind: 'delete-memory', memoryId: 'mem-2' },
    ];
    requests.forEach((request, id) => webview.send({ type: 'request', id, request }));
    await settle();
    assert.deepEqual(source.calls, [
      'decide approval-1 {"approved":false}',
      'decide approval-2 {"approved":true,"choice":"Skip this edit"}',
      'undo wf-1',
      'diff wf-1 src/a.js',
      'engine-link wf-1',
      'edit mem-1 {"text":"Lower-case both sides."}',
      'delete mem-2',
    ]);
    assert.ok(webview.posted.every((message) => message.type === 'response' && message.ok));
  });

  it('stops posting while the view is hidden, and sends a fresh snapshot when it is ready again', async () => {
    webview.send({ type: 'ready' });
    await settle();
    channel.hidden();
    source.publish(stamp([{ type: 'workflow', workflowId: 'wf-1', status: 'PAUSED' }], 7)[0]);
    await new Promise((resolve) => setTimeout(resolve, BATCH_MS * 2));
    assert.deepEqual(webview.types(), ['snapshot']);
    assert.equal(source.listeners.size, 0);
    webview.send({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.types(), ['snapshot', 'snapshot']);
    assert.equal(source.listeners.size, 1, 'one subscription per view, however often it says ready');
    assert.equal(opened, 1, 'the source is opened once');
  });

  it('tells the view when the source cannot be opened, and tries again on its next ready', async () => {
    channel.dispose();
    let fail = true;
    channel = connect(async () => {
      if (fail) throw new Error('the store is held by another window');
      return source;
    });
    webview.send({ type: 'ready' });
    await settle();
    assert.deepEqual(webview.posted, [{ type: 'unavailable', reason: 'The workflow state could not be opened: the store is held by another window' }]);
    webview.send({ type: 'request', id: 3, request: { kind: 'pause', workflowId: 'wf-1' } });
    await settle();
    assert.deepEqual(webview.posted.at(-1), { type: 'response', id: 3, ok: false, error: 'The workflow state could not be opened: the store is held by another window' });
    fail = false;
    webview.send({ type: 'ready' });
    await settle();
    assert.equal(webview.posted.at(-1)?.type, 'snapshot');
  });
  it('switches to the source shown now (the scripted trial, then the workspace again), with a fresh snapshot each time', async () => {
    channel.dispose();
    const trial = new FakeSource();
    trial.snapshot = () => ({ state: { ...emptyDashboard(), lastSeq: 42 }, capabilities: LIVE });
    const shown = new ShownDashboard(async () => source);
    channel = new WebviewChannel(webview, shown.source, { openFile: async () => undefined, openCommandCenter: async () => undefined, showLog: () => undefined }, { label: 'test view', version: '1.2.3', logger, batchMs: BATCH_MS, onDidChangeSource: shown.onDidChange });
    webview.send({ type: 'ready' });
    await settle();
    shown.show(async () => trial);
    await settle();
    const seqs = () => webview.posted.flatMap((message) => (message.type === 'snapshot' ? [message.state.lastSeq] : []));
    assert.deepEqual(seqs(), [7, 42]);
    assert.equal(source.listeners.size, 0, 'the workspace source is no longer followed');
    assert.equal(trial.listeners.size, 1);
    webview.send({ type: 'request', id: 1, request: { kind: 'pause', workflowId: 'wf-1' } });
    await settle();
    assert.deepEqual(trial.calls, ['pause wf-1'], "the view's controls act on the shown source");
    channel.hidden();
    shown.show(undefined);
    await settle();
    assert.deepEqual(seqs(), [7, 42], 'a hidden view gets nothing until it says ready');
    webview.send({ type: 'ready' });
    await settle();
    assert.deepEqual(seqs(), [7, 42, 7]);
    assert.equal(trial.listeners.size, 0);
    assert.equal(source.listeners.size, 1);
  });
});
