import * as assert from 'node:assert/strict';
import { MAX_REQUEST_CHARS, parseWebviewMessage } from '../../../src/shared/webviewMessageSchema';

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
      { type: 'request', id: 5, request: { kind: 'open-file', path: 'src/a.js', line: 3, column: 7 } },
      { type: 'request', id: 6, request: { kind: 'open-file', path: 'src/a.js' } },
      { type: 'request', id: 7, request: { kind: 'open-command-center' } },
      { type: 'request', id: 8, request: { kind: 'show-log' } },
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
    assert.match(rejected({ type: 'request', id: 1, request: { kind: 'undo', workflowId: 'wf-1' } }), /request/);
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
  });
});
