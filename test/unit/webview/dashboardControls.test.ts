import * as assert from 'node:assert/strict';
import type { RequestMessage } from '../../../src/shared/webviewProtocol';
import type { WorkflowDescription } from '../../../src/shared/dashboardState';
import { DESCRIPTION, EDIT_APPROVAL, ESCALATION, FEATURE_EVENTS, featureSnapshot, MEMORY, reviewSnapshot, snapshotOf, stamp } from './dashboardFixture';
import { FakeVsCodeApi, openPage, type TestPage } from './jsdomPage';

// The controls that act on what waits for the user and on what a workflow left behind: approvals
// and escalations, undo, changed files and their diffs, learned memories.

const settle = () => new Promise((resolve) => setImmediate(resolve));

function text(page: TestPage, selector: string): string {
  return [...page.document.querySelectorAll(selector)].map((element) => element.textContent?.trim() ?? '').join(' | ');
}

function button(page: TestPage, name: string, within: ParentNode = page.document): HTMLElement {
  const found = [...within.querySelectorAll<HTMLElement>('vscode-button, button')].find((element) => element.getAttribute('aria-label') === name);
  assert.ok(found, `no button named "${name}"`);
  return found;
}

function lastRequest(page: TestPage): RequestMessage {
  const message = page.api.posted.at(-1);
  assert.equal(message?.type, 'request');
  return message as RequestMessage;
}

function field(page: TestPage, selector: string): HTMLElement & { value: string } {
  const element = page.document.querySelector(selector);
  assert.ok(element, `no ${selector}`);
  return element as HTMLElement & { value: string };
}

describe('the approvals in the views (jsdom)', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it("shows an edit with its diff and an escalation with its options as buttons, each named for what it decides", () => {
    page = openPage('command-center');
    page.post(reviewSnapshot());
    page.runFrames();
    assert.equal(text(page, '.approvals h2'), 'Waiting for you (2)');
    const [edit, escalation] = page.document.querySelectorAll('.approval');
    assert.match(edit.textContent ?? '', /Edit src\/search\.js · wf-1/);
    assert.deepEqual(
      [...edit.querySelectorAll('.diff-line')].map((line) => [line.className, line.textContent]),
      [
        ['diff-line diff-hunk', '@@ -1,3 +1,3 @@\n'],
        ['diff-line diff-context', ' export function byAuthor(books, author) {\n'],
        ['diff-line diff-removed', '-  return [];\n'],
        ['diff-line diff-added', '+  return books.filter((book) => book.author.toLowerCase().includes(author.toLowerCase()));\n'],
        ['diff-line diff-context', ' }\n'],
      ],
    );
    assert.equal(edit.querySelector('details')?.hasAttribute('open'), true, 'the command center shows the diff open');
    for (const name of ['Approve the edit to src/search.js', 'Reject the edit to src/search.js']) assert.equal(button(page, name, edit).hasAttribute('disabled'), false);
    assert.match(escalation.textContent ?? '', /has unsaved changes, and codebot wants to write it/);
    assert.equal(escalation.querySelector('[role="group"]')?.getAttribute('aria-label'), 'Answers to the question from wf-1');
    assert.deepEqual(
      [...escalation.querySelectorAll('vscode-button')].map((element) => element.getAttribute('aria-label')),
      ESCALATION.kind === 'escalation' ? ESCALATION.options : [],
    );
  });

  it('sends the decision, keeps the entry from being decided twice, and drops it when the host says it was settled', async () => {
    page = openPage('command-center');
    page.post(reviewSnapshot());
    page.runFrames();
    const approve = button(page, 'Approve the edit to src/search.js');
    approve.click();
    const request = lastRequest(page);
    assert.deepEqual(request.request, { kind: 'decide', approvalId: EDIT_APPROVAL.id, approved: true });
    page.runFrames();
    assert.equal(button(page, 'Reject the edit to src/search.js').hasAttribute('disabled'), true, 'its other button waits too');
    page.post({ type: 'response', id: request.id, ok: true });
    await settle();
    page.runFrames();
    assert.equal(button(page, 'Reject the edit to src/search.js').hasAttribute('disabled'), true, 'still waiting for the host to take it away');
    page.post({ type: 'updates', updates: [{ type: 'approval-settled', id: EDIT_APPROVAL.id }] });
    page.runFrames();
    assert.equal(page.document.querySelectorAll('.approval').length, 1);
    assert.equal(text(page, '.approvals h2'), 'Waiting for you (1)');
  });

  it("answers an escalation with the option pressed, and lets the user try again after the host's refusal", async () => {
    page = openPage('command-center');
    page.post(reviewSnapshot());
    page.runFrames();
    button(page, 'Skip this edit').click();
    const request = lastRequest(page);
    assert.deepEqual(request.request, { kind: 'decide', approvalId: ESCALATION.id, approved: true, choice: 'Skip this edit' });
    page.post({ type: 'response', id: request.id, ok: false, error: 'This request is no longer waiting.' });
    await settle();
    page.runFrames();
    assert.match(text(page, '[role="alert"]'), /Skip this edit failed: This request is no longer waiting\./);
    assert.equal(button(page, 'Skip this edit').hasAttribute('disabled'), false);
  });

  it('rejects an edit from the sidebar, which shows the card only while something waits, with the diff folded', () => {
    page = openPage('sidebar');
    page.post(reviewSnapshot());
    page.runFrames();
    const card = page.document.querySelector('.approvals');
    assert.equal(card?.hasAttribute('hidden'), false);
    assert.equal(card?.querySelector('details')?.hasAttribute('open'), false);
    button(page, 'Reject the edit to src/search.js').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'decide', approvalId: EDIT_APPROVAL.id, approved: false });
    page.post({
      type: 'updates',
      updates: [
        { type: 'approval-settled', id: EDIT_APPROVAL.id },
        { type: 'approval-settled', id: ESCALATION.id },
      ],
    });
    page.runFrames();
    assert.equal(card?.hasAttribute('hidden'), true);
  });

  it('shows the approvals it had after a reload, before the host answers', () => {
    const api = new FakeVsCodeApi();
    page = openPage('command-center', { api });
    page.post(reviewSnapshot());
    page.runFrames();
    // VS Code hides or reloads the page: it saves what it has not saved yet.
    page.dom.window.dispatchEvent(new page.dom.window.Event('pagehide'));
    page.close();
    page = openPage('command-center', { api });
    assert.equal(page.document.querySelectorAll('.approval').length, 2);
  });
});

describe('undo, changed files and diffs in the command center (jsdom)', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  it('offers undo only once the workflow ended, and then asks the host, which confirms with the user', async () => {
    page = openPage('command-center', { requestTimeoutMs: 20 });
    page.post(reviewSnapshot());
    page.runFrames();
    const running = page.document.querySelector('vscode-button[aria-label^="Undo workflow"]');
    assert.equal(running?.getAttribute('aria-label'), 'Undo workflow (unavailable: Cancel the workflow, or let it finish, before undoing it.)');
    assert.equal(running?.hasAttribute('disabled'), true);
    page.post({ type: 'updates', updates: stamp([{ type: 'workflow', workflowId: 'wf-1', status: 'COMPLETED' }], FEATURE_EVENTS.length) });
    page.runFrames();
    const undo = button(page, 'Undo workflow');
    assert.equal(undo.hasAttribute('disabled'), false);
    undo.click();
    const request = lastRequest(page);
    assert.deepEqual(request.request, { kind: 'undo', workflowId: 'wf-1' });
    // The user reads the host's confirmation for longer than a request usually waits.
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(text(page, '[role="alert"]'), '');
    page.post({ type: 'response', id: request.id, ok: true });
  });

  it("offers Open in Conductor only for a workflow the host links to Conductor's UI, and names only the workflow to the host", () => {
    page = openPage('command-center');
    page.post(featureSnapshot());
    page.runFrames();
    const hidden = page.document.querySelector('vscode-button[aria-label="Open in Conductor"]');
    assert.equal(hidden?.closest('[hidden]') !== null || hidden?.hasAttribute('hidden'), true, 'no link for an embedded workflow');
    page.post(snapshotOf([{ ...(DESCRIPTION as WorkflowDescription), engineLink: { label: 'Open in Conductor', url: 'http://127.0.0.1:5000/execution/wf-1' } }, ...stamp(FEATURE_EVENTS)]));
    page.runFrames();
    const link = button(page, 'Open in Conductor');
    assert.equal(link.hasAttribute('hidden'), false);
    link.click();
    assert.deepEqual(lastRequest(page).request, { kind: 'open-engine-link', workflowId: 'wf-1' }, 'the host opens its own address, not one from the view');
  });

  it('says what answered for the agents when the host names it (the scripted trial), in both views', () => {
    for (const view of ['command-center', 'sidebar'] as const) {
      page = openPage(view);
      page.post(featureSnapshot());
      page.runFrames();
      assert.equal(page.document.querySelector('.summary-model')?.hasAttribute('hidden'), true, `${view}: nothing named for a workflow on the person's model`);
      page.post(snapshotOf([{ ...(DESCRIPTION as WorkflowDescription), modelNote: 'Model: SCRIPTED (scripted-bookshelf): replayed' }, ...stamp(FEATURE_EVENTS)]));
      page.runFrames();
      const note = page.document.querySelector('.summary-model');
      assert.equal(note?.hasAttribute('hidden'), false, view);
      assert.equal(note?.textContent?.trim(), 'Model: SCRIPTED (scripted-bookshelf): replayed', view);
      page.close();
    }
  });

  it("lists the workflow's changed files, opens one, and opens its diff", () => {
    page = openPage('command-center');
    page.post(reviewSnapshot());
    page.runFrames();
    assert.equal(text(page, '.changed-file'), 'test/search.test.jsnew');
    button(page, 'Open test/search.test.js').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'open-file', path: 'test/search.test.js' });
    button(page, 'Open the diff of test/search.test.js').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'open-diff', workflowId: 'wf-1', path: 'test/search.test.js' });
  });
});

describe('the learned memories in the command center (jsdom)', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  function open(): TestPage {
    const opened = openPage('command-center');
    opened.post(reviewSnapshot());
    opened.runFrames();
    return opened;
  }

  it('lists each memory with its kind, scope and tags, and its text and provenance to read', () => {
    page = open();
    assert.equal(text(page, '.memory summary'), 'Search is case-insensitive convention · workspace · search');
    assert.equal(text(page, '.memory-text'), MEMORY.text);
    assert.match(text(page, '.memory-provenance'), /^Learned in wf-0 on \d{4}-\d{2}-\d{2} · files: src\/search\.js · tests: test\/search\.test\.js::search > ignores case$/);
  });

  it('edits the title and the text in place and sends only what changed; an emptied field is refused at once', async () => {
    page = open();
    button(page, 'Edit the memory "Search is case-insensitive"').click();
    const title = field(page, '.memory-title-field');
    const body = field(page, '.memory-text-field');
    assert.deepEqual([title.value, body.value], [MEMORY.title, MEMORY.text]);
    body.value = '  ';
    button(page, 'Save the memory "Search is case-insensitive"').click();
    assert.equal(page.api.posted.at(-1)?.type, 'ready', 'nothing sent');
    assert.match(text(page, '[role="alert"]'), /A memory needs a title and a text\./);
    await settle();
    body.value = MEMORY.text;
    title.value = 'Searches ignore case';
    button(page, 'Save the memory "Search is case-insensitive"').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'edit-memory', memoryId: 'mem-1', title: 'Searches ignore case' });
  });

  it('keeps what the user typed while the list changes under the form', () => {
    page = open();
    button(page, 'Edit the memory "Search is case-insensitive"').click();
    field(page, '.memory-text-field').value = 'half-typed';
    page.post({ type: 'updates', updates: [{ type: 'memories', memories: [{ ...MEMORY, tags: ['search', 'case'] }] }] });
    page.runFrames();
    assert.equal(field(page, '.memory-text-field').value, 'half-typed');
    assert.equal(page.document.querySelector('.memory-form')?.hasAttribute('hidden'), false);
  });

  it('deletes a memory only after a second, explicit press; Keep it backs out', () => {
    page = open();
    button(page, 'Delete the memory "Search is case-insensitive"').click();
    assert.equal(page.api.posted.at(-1)?.type, 'ready');
    assert.match(text(page, '.memory-confirm'), /cannot be undone/);
    button(page, 'Keep the memory "Search is case-insensitive"').click();
    assert.equal(page.document.querySelector('.memory-confirm')?.hasAttribute('hidden'), true);
    button(page, 'Delete the memory "Search is case-insensitive"').click();
    button(page, 'Delete for good the memory "Search is case-insensitive"').click();
    assert.deepEqual(lastRequest(page).request, { kind: 'delete-memory', memoryId: 'mem-1' });
  });
});
