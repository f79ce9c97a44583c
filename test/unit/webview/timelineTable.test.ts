import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { applyUpdates } from '../../../src/shared/dashboardReducer';
import { DASHBOARD_LIMITS, emptyDashboard, type DashboardState } from '../../../src/shared/dashboardState';
import type { EngineEventInput } from '../../../src/shared/events';
import { Dom } from '../../../webview/src/dom';
import { TimelineTable } from '../../../webview/src/views/timelineTable';
import { stamp } from './dashboardFixture';

function toolCall(workflowId: string, path: string): EngineEventInput {
  return { type: 'tool', workflowId, agent: 'codebot', tool: 'edit_file', path, outcome: 'ok', durationMs: 2 };
}

describe('the activity timeline', () => {
  let table: TimelineTable;
  let document: Document;
  const requests: unknown[] = [];

  beforeEach(() => {
    document = new JSDOM('<!DOCTYPE html><body></body>').window.document;
    requests.splice(0);
    table = new TimelineTable({ dom: new Dom(document), actions: { request: async (request) => requests.push(request) > 0, select: () => undefined, saveDraft: () => undefined, notify: () => undefined } });
    document.body.append(table.element);
  });

  const paths = () => [...table.element.querySelectorAll('tbody td.file')].map((cell) => cell.textContent);

  it('shows the newest first, adds rows without rebuilding those shown, and drops the ones the cap let go', () => {
    let state: DashboardState = applyUpdates(emptyDashboard(), stamp([toolCall('wf-1', 'a.js'), toolCall('wf-1', 'b.js')]));
    table.render(state.timeline, 'wf-1');
    assert.deepEqual(paths(), ['b.js', 'a.js']);
    const firstRow = table.element.querySelector('tbody tr:last-child');
    const more = Array.from({ length: DASHBOARD_LIMITS.timeline }, (_, i) => toolCall('wf-1', `f${i}.js`));
    state = applyUpdates(state, stamp(more, 2));
    table.render(state.timeline, 'wf-1');
    assert.equal(paths().length, DASHBOARD_LIMITS.timeline);
    assert.deepEqual(paths().slice(0, 2), [`f${DASHBOARD_LIMITS.timeline - 1}.js`, `f${DASHBOARD_LIMITS.timeline - 2}.js`]);
    assert.ok(!paths().includes('a.js') && !paths().includes('b.js'));
    assert.equal(firstRow?.isConnected, false);
    const rowOf = (path: string) => [...table.element.querySelectorAll('tbody tr')].find((row) => row.querySelector('td.file')?.textContent === path);
    const kept = rowOf('f10.js');
    state = applyUpdates(state, stamp([toolCall('wf-1', 'new.js')], 2 + DASHBOARD_LIMITS.timeline));
    table.render(state.timeline, 'wf-1');
    assert.equal(paths()[0], 'new.js');
    assert.ok(kept && rowOf('f10.js') === kept, 'a row already shown is the same element');
  });

  it("shows the selected workflow's activity and the activity of no workflow, and opens a file on click", () => {
    const state = applyUpdates(emptyDashboard(), stamp([toolCall('wf-1', 'one.js'), toolCall('wf-2', 'two.js'), { type: 'test-run', label: 'manual run', state: 'started' }]));
    table.render(state.timeline, 'wf-2');
    assert.deepEqual(paths(), ['', 'two.js']);
    table.render(state.timeline, 'wf-1');
    assert.deepEqual(paths(), ['', 'one.js']);
    table.element.querySelector<HTMLElement>('tbody .link-button')?.click();
    assert.deepEqual(requests, [{ kind: 'open-file', path: 'one.js' }]);
  });
});
