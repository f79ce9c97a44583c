import * as assert from 'node:assert/strict';
import { emptyDashboard } from '../../../src/shared/dashboardState';
import { PersistedView } from '../../../webview/src/persistedView';
import { LIVE } from './dashboardFixture';

class MemoryState {
  stored: unknown;
  writes = 0;
  getState = () => this.stored;
  setState = (state: unknown) => {
    this.writes++;
    this.stored = structuredClone(state);
  };
}

const shown = { version: '0.1.0', state: emptyDashboard(), capabilities: LIVE };

describe("the view's saved state", () => {
  it('gives back what was saved', () => {
    const memory = new MemoryState();
    new PersistedView(memory).save({ ui: { selectedWorkflowId: 'wf-2' }, shown }, true);
    assert.deepEqual(new PersistedView(memory).restore(), { ui: { selectedWorkflowId: 'wf-2' }, shown });
  });

  it('ignores a state saved in another format, or one that is damaged, keeping what can be kept', () => {
    const memory = new MemoryState();
    for (const stored of [undefined, null, 'x', { format: 1, ui: {} }, { format: 2 }]) {
      memory.stored = stored;
      assert.equal(new PersistedView(memory).restore(), undefined, JSON.stringify(stored));
    }
    memory.stored = { format: 2, ui: { requestDraft: 'a' }, shown: { state: { workflows: 'oops' } } };
    assert.deepEqual(new PersistedView(memory).restore(), { ui: { requestDraft: 'a' } });
  });

  it('writes a burst of changes once, soon after, and a change the user made at once', async () => {
    const memory = new MemoryState();
    const persisted = new PersistedView(memory);
    for (let i = 0; i < 100; i++) persisted.save({ ui: {}, shown: { ...shown, version: String(i) } });
    assert.equal(memory.writes, 0);
    persisted.flush();
    assert.equal(memory.writes, 1);
    assert.equal((memory.stored as { shown: { version: string } }).shown.version, '99');
    persisted.save({ ui: { selectedWorkflowId: 'wf-1' } }, true);
    assert.equal(memory.writes, 2);
    persisted.flush();
    assert.equal(memory.writes, 2, 'nothing left to write');
  });
});
