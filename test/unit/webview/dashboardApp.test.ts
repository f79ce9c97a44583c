import * as assert from 'node:assert/strict';
import type { RequestMessage } from '../../../src/shared/webviewProtocol';
import type { WorkflowDescription } from '../../../src/shared/dashboardState';
import { BARE, DESCRIPTION, featureSnapshot, FEATURE_EVENTS, LIVE, reviewSnapshot, snapshotOf, stamp } from './dashboardFixture';
import { FakeVsCodeApi, openPage, type TestPage } from './jsdomPage';

const settle = () => new Promise((resolve) => setImmediate(resolve));

function text(page: TestPage, selector: string): string {
  return [...page.document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '').join(' | ');
}

function button(page: TestPage, label: string): HTMLElement {
  const found = [...page.document.querySelectorAll<HTMLElement>('vscode-button, button')].find((element) => element.getAttribute('aria-label') === label || element.textContent?.trim() === label);
  assert.ok(found, `no button "${label}"`);
  return found;
}

function lastRequest(page: TestPage): RequestMessage {
  const message = page.api.posted.at(-1);
  assert.equal(message?.type, 'request');
  return message as RequestMessage;
}

describe('the dashboard app (command center, in jsdom)', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it('says ready first, and shows that it is connecting until the snapshot comes', () => {
    page = openPage('command-center');
    assert.deepEqual(page.api.posted, [{ type: 'ready' }]);
    assert.equal(text(page, '.connection'), 'Connecting to the extension…');
    assert.equal(page.document.getElementById('app')?.hasAttribute('aria-busy'), false);
  });

  it('titles a workflow by its request, in the list and the summary, with its kind and id beside (no step names)', () => {
    page = openPage('command-center');
    page.post(snapshotOf([{ ...(DESCRIPTION as WorkflowDescription), request: 'Search the bookshelf by author\nand say so' }, ...stamp(FEATURE_EVENTS)]));
    page.runFrames();
    assert.equal(text(page, '.workflow-entry .entry-title'), 'Search the bookshelf by author');
    assert.equal(text(page, '.summary-title'), 'Search the bookshelf by author');
    assert.match(text(page, '.summary-meta'), /^feature · wf-1 · started \d\d:\d\d:\d\d · /);
    assert.doesNotMatch(text(page, '.summary-meta'), /step /);
    assert.match(text(page, '.workflow-entry .entry-detail'), /· feature · wf-1$/);
  });

  it("draws the snapshot: the workflow, its phase, the Board's verdicts, the failed test and the tokens", () => {
    page = openPage('command-center');
    page.post(featureSnapshot());
    assert.equal(page.runFrames(), 1);
    assert.match(text(page, '.workflow-entry'), /feature \(wf-1\).*Running · Green/);
    assert.equal(text(page, '.phase-stepper [aria-current="step"]'), 'Green, current');
    assert.equal(page.document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow'), '40');
    assert.match(text(page, '.verdict-list'), /Board approved the plan.*all members approve.*CTO approves the plan.*A small, testable change\./);
    assert.match(text(page, '.failure'), /search > finds books by author.*test\/search\.test\.js:10.*expected \[\] to deeply equal \[ "Dune" \]/);
    assert.match(text(page, '.token-table'), /TestBot.*1,500.*\$0\.0020/);
    assert.equal(text(page, '.connection'), '');
    assert.match(text(page, '.timeline-table tbody'), /codebot|CodeBot/);
  });

  it('applies every update that arrives between two frames, and draws once', () => {
    page = openPage('command-center');
    page.post(featureSnapshot());
    page.runFrames();
    const more = stamp(
      [
        { type: 'tool', workflowId: 'wf-1', agent: 'codebot', tool: 'edit_file', path: 'src/search.js', outcome: 'ok', durationMs: 9 },
        { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'refactor' },
      ],
      FEATURE_EVENTS.length,
    );
    for (const update of more) page.post({ type: 'updates', updates: [update] });
    assert.equal(page.runFrames(), 1);
    assert.equal(page.runFrames(), 0);
    assert.equal(text(page, '.phase-stepper [aria-current="step"]'), 'Refactor, current');
    assert.match(text(page, '.timeline-table tbody tr:first-child'), /Workflow running at refactor/);
    assert.match(text(page, '.timeline-table tbody tr:nth-child(2)'), /CodeBot.*edit_file.*src\/search\.js.*9 ms.*ok/);
  });

  it('sends pause for the selected workflow, keeps the button disabled until the answer, and shows a refusal', async () => {
    page = openPage('command-center');
    page.post(featureSnapshot());
    page.runFrames();
    const pause = button(page, 'Pause');
    assert.equal(pause.hasAttribute('disabled'), false);
    pause.click();
    const request = lastRequest(page);
    assert.deepEqual(request.request, { kind: 'pause', workflowId: 'wf-1' });
    assert.equal(pause.hasAttribute('disabled'), true, 'no second press while the first is under way');
    page.post({ type: 'response', id: request.id, ok: false, error: 'Workflow wf-1 is COMPLETED; only a running workflow can be paused.' });
    await settle();
    assert.equal(pause.hasAttribute('disabled'), false);
    assert.equal(page.document.querySelector('[role="alert"]')?.textContent, ' Pause failed: Workflow wf-1 is COMPLETED; only a running workflow can be paused.');
  });

  it('gives up on a request the host does not answer in time, and says so', async () => {
    page = openPage('command-center', { requestTimeoutMs: 20 });
    page.post(featureSnapshot());
    page.runFrames();
    button(page, 'Cancel').click();
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.match(text(page, '[role="alert"]'), /Cancel failed: The extension did not answer within 0 s\./);
  });

  it('opens a failure at its location, and a file from the timeline', () => {
    page = openPage('command-center');
    page.post(featureSnapshot());
    page.runFrames();
    button(page, 'Open test/search.test.js:10').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'open-file', path: 'test/search.test.js', line: 10, column: 5 });
    const file = page.document.querySelector<HTMLElement>('.timeline-table .link-button');
    file?.click();
    assert.deepEqual(lastRequest(page).request, { kind: 'open-file', path: 'test/search.test.js' });
  });

  it('starts a workflow from the request form, and keeps the draft through a reload', () => {
    const api = new FakeVsCodeApi();
    page = openPage('command-center', { api });
    page.post(featureSnapshot());
    page.runFrames();
    const input = page.document.querySelector('vscode-text-area') as HTMLElement & { value: string };
    input.value = 'Add search by author';
    input.dispatchEvent(new page.dom.window.Event('input'));
    page.close();
    page = openPage('command-center', { api });
    page.runFrames();
    const restored = page.document.querySelector('vscode-text-area') as HTMLElement & { value: string };
    assert.equal(restored.value, 'Add search by author');
    button(page, 'Start workflow').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'start', request: 'Add search by author' });
  });

  it('offers the workflows the host can start when there are several, and names the one picked', () => {
    page = openPage('command-center');
    const workflows = [
      { id: 'feature', title: 'Feature (test-first)' },
      { id: 'deploy', title: 'Deploy it' },
    ];
    page.post(featureSnapshot({ ...LIVE, start: { available: true, workflows } }));
    page.runFrames();
    const choice = page.document.querySelector('vscode-dropdown.workflow-choice') as HTMLElement & { value: string };
    assert.equal(choice.hasAttribute('hidden'), false);
    assert.deepEqual([...choice.querySelectorAll('vscode-option')].map((option) => [option.getAttribute('value'), option.textContent]), [
      ['feature', 'Feature (test-first)'],
      ['deploy', 'Deploy it'],
    ]);
    const input = page.document.querySelector('vscode-text-area') as HTMLElement & { value: string };
    input.value = 'Ship the bookshelf';
    choice.value = 'deploy';
    button(page, 'Start workflow').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'start', request: 'Ship the bookshelf', workflow: 'deploy' });
  });

  it('shows no choice of workflow when the host offers one', () => {
    page = openPage('command-center');
    page.post(featureSnapshot({ ...LIVE, start: { available: true, workflows: [{ id: 'feature', title: 'Feature (test-first)' }] } }));
    page.runFrames();
    assert.equal((page.document.querySelector('vscode-dropdown.workflow-choice') as HTMLElement).hasAttribute('hidden'), true);
  });

  it('comes back after a reload as it was: the saved state and the chosen workflow, before the host answers', () => {
    const api = new FakeVsCodeApi();
    page = openPage('command-center', { api });
    const second = stamp([{ type: 'workflow', workflowId: 'wf-2', status: 'RUNNING', step: 'plan' }], FEATURE_EVENTS.length);
    page.post(featureSnapshot());
    page.post({ type: 'updates', updates: second });
    page.runFrames();
    const entries = [...page.document.querySelectorAll<HTMLElement>('.workflow-entry')];
    entries.find((entry) => entry.textContent?.includes('feature (wf-1)'))?.click();
    page.runFrames();
    page.close();

    page = openPage('command-center', { api });
    assert.match(text(page, '.connection'), /last known state/);
    assert.equal(text(page, '.workflow-entry[aria-current="true"] .entry-title'), 'feature (wf-1)');
    assert.equal(text(page, '.summary-title'), 'feature (wf-1)');
    assert.deepEqual(page.api.posted.at(-1), { type: 'ready' });
  });

  it('disables what the host cannot do and says why, and everything when the host has no state', () => {
    page = openPage('command-center');
    page.post(featureSnapshot(BARE));
    page.runFrames();
    for (const label of ['Start workflow', 'Undo workflow']) assert.equal(button(page, label).hasAttribute('disabled'), true, label);
    assert.match(text(page, '.request-form'), /Workflows cannot be started from this window\./);
    assert.match(text(page, '.workflow-summary .unavailable-note'), /Undoing a workflow is not available in this window\./);
    assert.match(text(page, '.approvals'), /Edits and escalations are not held for review in this window\./);
    assert.match(text(page, '.files'), /The files a workflow changed are not available in this window\./);
    assert.match(text(page, '.memories'), /Learned memories are not available in this window\./);
    page.post({ type: 'unavailable', reason: 'The workflow state could not be opened: locked by another window' });
    page.runFrames();
    assert.equal(text(page, '.connection'), 'The workflow state could not be opened: locked by another window');
    assert.equal(button(page, 'Pause').hasAttribute('disabled'), true);
  });

  it('gives every control an accessible name, keeps icons away from screen readers, and describes the charts', async () => {
    page = openPage('command-center');
    page.post(reviewSnapshot(LIVE));
    page.runFrames();
    // Charts are drawn at most every 250 ms; the snapshot came right after the first (empty) drawing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const controls = [...page.document.querySelectorAll<HTMLElement>('vscode-button, button, vscode-text-area, vscode-text-field, summary')];
    assert.ok(controls.length >= 20, `${controls.length} controls`);
    for (const control of controls) assert.ok(control.getAttribute('aria-label') || control.textContent?.trim(), control.outerHTML);
    for (const icon of page.document.querySelectorAll('.codicon')) assert.equal(icon.getAttribute('aria-hidden'), 'true');
    const described = [...page.document.querySelectorAll('canvas[role="img"]')].map((canvas) => canvas.getAttribute('aria-label'));
    assert.ok(described.includes('Tests across attempts: 1. red: 4 passed, 1 failed.'), `charts are described in words: ${described.join(' / ')}`);
  });
});

describe('the dashboard app (sidebar, in jsdom)', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it('shows the active workflow with its controls, the agents and the tokens', () => {
    page = openPage('sidebar');
    page.post(featureSnapshot());
    page.runFrames();
    assert.equal(text(page, '.summary-title'), 'feature (wf-1)');
    assert.match(text(page, '.agent-list'), /TestBot working.*write_file test\/search\.test\.js.*CodeBot working.*Make the failing tests pass/);
    assert.equal(text(page, '.token-total'), '1,500 tokens in 1 calls · $0.0020');
    for (const label of ['Pause', 'Cancel']) assert.equal(button(page, label).hasAttribute('disabled'), false);
    assert.equal(button(page, 'Resume').hasAttribute('disabled'), true);
  });

  it('has quick actions that open the command center and the log; starting waits for the host to offer it', () => {
    page = openPage('sidebar');
    page.post(featureSnapshot(BARE));
    page.runFrames();
    button(page, 'Open Command Center').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'open-command-center' });
    page.post({ type: 'response', id: lastRequest(page).id, ok: true });
    button(page, 'Show Log').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'show-log' });
    page.post({ type: 'response', id: lastRequest(page).id, ok: true });
    const start = page.document.querySelector('vscode-button[aria-label^="Start a workflow…"]');
    assert.equal(start?.getAttribute('aria-label'), 'Start a workflow… (unavailable: Workflows cannot be started from this window.)');
    assert.equal(start?.hasAttribute('disabled'), true);
    assert.match(text(page, '.quick-actions'), /Workflows cannot be started from this window\./);
  });
});
