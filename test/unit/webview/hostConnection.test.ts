import * as assert from 'node:assert/strict';
import type { WebviewToHost } from '../../../src/shared/webviewProtocol';
import { HostConnection, isHostMessage } from '../../../webview/src/hostConnection';

describe("the webview's connection to the host", () => {
  const posted: WebviewToHost[] = [];
  const api = { postMessage: (message: WebviewToHost) => void posted.push(message) };
  beforeEach(() => posted.splice(0));

  it('numbers each request and settles it by the response with the same id, whatever the order', async () => {
    const host = new HostConnection(api, 1_000);
    const pause = host.request({ kind: 'pause', workflowId: 'wf-1' });
    const cancel = host.request({ kind: 'cancel', workflowId: 'wf-2' });
    assert.deepEqual(posted, [
      { type: 'request', id: 1, request: { kind: 'pause', workflowId: 'wf-1' } },
      { type: 'request', id: 2, request: { kind: 'cancel', workflowId: 'wf-2' } },
    ]);
    host.settle({ type: 'response', id: 2, ok: false, error: 'Workflow wf-2 is COMPLETED.' });
    host.settle({ type: 'response', id: 1, ok: true });
    await pause;
    await assert.rejects(cancel, /Workflow wf-2 is COMPLETED\./);
  });

  it('rejects a request nobody answers in time, and ignores the answer when it comes later', async () => {
    const host = new HostConnection(api, 10);
    const request = host.request({ kind: 'show-log' });
    await assert.rejects(request, /did not answer within/);
    host.settle({ type: 'response', id: 1, ok: true });
  });

  it('says ready', () => {
    new HostConnection(api).ready();
    assert.deepEqual(posted, [{ type: 'ready' }]);
  });

  it("tells the host's messages from anything else a window may receive", () => {
    for (const type of ['snapshot', 'updates', 'unavailable', 'response']) assert.equal(isHostMessage({ type }), true, type);
    for (const other of [null, undefined, 'snapshot', { type: 'ready' }, { data: 1 }, { type: 'webpackOk' }]) assert.equal(isHostMessage(other), false, JSON.stringify(other));
  });
});
