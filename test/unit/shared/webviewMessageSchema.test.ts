import * as assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/webviewMessageSchema';
import { MAX_MEMORY_TITLE_CHARS, MAX_REQUEST_CHARS } from '../../../src/shared/webviewProtocol';

function rejected(value: unknown): string {
  const parsed = parseWebviewMessage(value);
  assert.equal(parsed.ok, false, `accepted ${JSON.stringify(value)}`);
  return parsed.ok ? '' : parsed.error;
}

describe('the check of messages from a webview', () => {
  it('accepts ready and each request the protocol has', () => {
    const valid = [
      { type: 'ready' },
      { type: 'request', id: 1, request: { kind: 'pause', workflowId: 'wf-1' } },
      { type: 'request', id: 2, request: { kind: 'resume', workflowId: 'wf-1' } },
      { type: 'request', id: 3, request: { kind: 'cancel', workflowId: 'wf-1' } },
      { type: 'request', id: 4, request: { kind: 'start', request: 'Add search by author' } },
      { type: 'request', id: 4, request: { kind: 'start', request: 'Fix the failing tests', workflow: 'fix' } },
      { type: 'request', id: 5, request: { kind: 'open-file', path: 'src/a.js', line: 3, column: 7 } },
      { type: 'request', id: 6, request: { kind: 'open-file', path: 'src/a.js' } },
      { type: 'request', id: 7, request: { kind: 'open-command-center' } },
      { type: 'request', id: 8, request: { kind: 'show-log' } },
      { type: 'request', id: 9, request: { kind: 'decide', approvalId: 'approval-1', approved: false } },
      { type: 'request', id: 10, request: { kind: 'decide', approvalId: 'approval-2', approved: true, choice: 'Skip this edit' } },
      { type: 'request', id: 11, request: { kind: 'undo', workflowId: 'wf-1' } },
      { type: 'request', id: 12, request: { kind: 'open-diff', workflowId: 'wf-1', path: 'src/a.js' } },
      { type: 'request', id: 13, request: { kind: 'edit-memory', memoryId: 'mem-1', title: 'Search ignores case' } },
      { type: 'request', id: 14, request: { kind: 'edit-memory', memoryId: 'mem-1', title: 'A', text: 'B' } },
      { type: 'request', id: 15, request: { kind: 'delete-memory', memoryId: 'mem-1' } },
    ];
    for (const message of valid) assert.deepEqual(parseWebviewMessage(message), { ok: true, message }, JSON.stringify(message));
  });

  it('rejects what is not a message, or a type it does not know', () => {
    for (const value of [null, 'ready', 42, [], {}, { type: 'snapshot' }, { type: 'READY' }]) rejected(value);
  });

  it('rejects requests with a bad id, an unknown kind, missing or extra fields, and says where', () => {
    assert.match(rejected({ type: 'request', id: -1, request: { kind: 'show-log' } }), /id/);
    assert.match(rejected({ type: 'request', id: 1.5, request: { kind: 'show-log' } }), /id/);
    assert.match(rejected({ type: 'request', id: '1', request: { kind: 'show-log' } }), /id/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'rewrite-history', workflowId: 'wf-1' } }), /request/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'pause' } }), /workflowId/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'pause', workflowId: '' } }), /workflowId/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'pause', workflowId: 'wf-1', interrupt: true } }), /interrupt/);
    assert.match(rejected({ type: 'ready', extra: 1 }), /extra/);
  });

  it('rejects a file location that is not a 1-based whole number, and a request text that is empty or too long', () => {
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'open-file', path: 'a.js', line: 0 } }), /line/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'open-file', path: 'a.js', column: 'x' } }), /column/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'open-file', path: '' } }), /path/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'start', request: '   ' } }), /empty/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'start', request: 'x'.repeat(MAX_REQUEST_CHARS + 1) } }), /request/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'start', request: 'x', workflow: '' } }), /workflow/);
  });

  it('rejects a decision without its verdict, and a memory edit that changes nothing, empties a field or is too long', () => {
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'decide', approvalId: 'approval-1' } }), /approved/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'decide', approvalId: 'approval-1', approved: 'yes' } }), /approved/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'open-diff', workflowId: 'wf-1' } }), /path/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'edit-memory', memoryId: 'mem-1' } }), /changes the title, the text, or both/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'edit-memory', memoryId: 'mem-1', text: '  ' } }), /text is empty/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'edit-memory', memoryId: 'mem-1', title: 'x'.repeat(MAX_MEMORY_TITLE_CHARS + 1) } }), /title/);
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'edit-memory', memoryId: 'mem-1', tags: ['x'] } }), /tags/);
  });
});
