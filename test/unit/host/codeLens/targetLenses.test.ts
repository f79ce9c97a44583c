import * as assert from 'node:assert/strict';
import type { ImplementTarget } from '../../../../src/shared/implementTarget';
import { failingTestTarget, type LensInputs, type LensPhase, targetLenses } from '../../../../src/host/codeLens/targetLenses';
import { moduleForTarget } from '../../../../src/host/workflows/targetWorkflow';

const stub: ImplementTarget = { kind: 'stub', path: 'src/dates.js', startLine: 4, endLine: 6, symbol: 'parseIsoDate', description: 'function parseIsoDate(text)' };
const todo: ImplementTarget = { kind: 'todo', path: 'src/dates.js', startLine: 12, endLine: 12, description: 'TODO: pad months' };
const failing = { testId: 'dates.test.js::formats', name: 'formats', line: 20, message: 'expected 01, got 1' };

function lenses(phases: Record<string, LensPhase> = {}, overrides: Partial<LensInputs> = {}) {
  return targetLenses({
    path: 'src/dates.js',
    targets: [stub, todo],
    functions: [{ symbol: 'parseIsoDate', startLine: 4, endLine: 6 }, { symbol: 'Calendar.isHoliday', startLine: 15, endLine: 18 }],
    failingTests: [failing],
    phaseOf: (key) => phases[key],
    workflowFor: (target) => moduleForTarget(target),
    ...overrides,
  }).map((lens) => [lens.line, lens.title, lens.action.kind === 'implement' ? lens.action.target.kind : 'show-workflow']);
}

describe('the code lenses of a file', () => {
  it("says in its tooltip which workflow it starts, with that module's phases", () => {
    const tooltips = targetLenses({ path: 'src/dates.js', targets: [stub], functions: [], failingTests: [failing], phaseOf: () => undefined, workflowFor: moduleForTarget }).map((lens) => lens.tooltip);
    const feature = moduleForTarget(stub);
    const fix = moduleForTarget({ kind: 'failing-test' });
    assert.deepEqual([feature.id, fix.id], ['feature', 'fix']);
    assert.deepEqual(tooltips, [
      `Implement parseIsoDate with the agents, workflow "${feature.title}": ${feature.phases.map((phase) => phase.title).join(' → ')}.`,
      `Make the test formats pass with the agents, workflow "${fix.title}": ${fix.phases.map((phase) => phase.title).join(' → ')}.`,
    ]);
  });

  it('offers to implement each stub and TODO and to make each failing test pass', () => {
    assert.deepEqual(lenses(), [
      [4, '$(sparkle) Implement with agents', 'stub'],
      [12, '$(sparkle) Implement with agents', 'todo'],
      [20, '$(beaker) Make this pass with agents', 'failing-test'],
    ]);
  });

  it('shows the live phase instead while a workflow runs, and beside the action once it ended', () => {
    assert.deepEqual(lenses({ 'src/dates.js#parseIsoDate': 'green', 'src/dates.js#L12': 'queued', 'src/dates.js#formats': 'failed' }), [
      [4, '$(sync~spin) Agents: green', 'show-workflow'],
      [12, '$(clock) Agents: queued', 'show-workflow'],
      [20, '$(error) Agents: failed — show', 'show-workflow'],
      [20, '$(beaker) Make this pass with agents', 'failing-test'],
    ]);
  });

  it('keeps a workflow lens on a function that is no stub any more', () => {
    assert.deepEqual(lenses({ 'src/dates.js#Calendar.isHoliday': 'done' }, { targets: [], failingTests: [] }), [[15, '$(check) Agents: done', 'show-workflow']]);
  });

  it('names every phase', () => {
    const titles = (['plan', 'red', 'green', 'refactor', 'review', 'done'] as const).map((phase) => lenses({ 'src/dates.js#parseIsoDate': phase })[0][1]);
    assert.deepEqual(titles, ['$(sync~spin) Agents: plan', '$(sync~spin) Agents: red', '$(sync~spin) Agents: green', '$(sync~spin) Agents: refactor', '$(sync~spin) Agents: review', '$(check) Agents: done']);
  });

  it('turns a failing test into a target that carries its id and its failure', () => {
    assert.deepEqual(failingTestTarget('test/dates.test.js', failing), {
      kind: 'failing-test',
      path: 'test/dates.test.js',
      startLine: 20,
      endLine: 20,
      symbol: 'formats',
      description: 'The test "formats" fails:\nexpected 01, got 1',
      testId: 'dates.test.js::formats',
    });
    assert.equal(failingTestTarget('t.js', { ...failing, message: ' ' }).description, 'The test "formats" fails.');
  });
});
