import * as assert from 'node:assert/strict';
import { moduleForTarget } from '../../../../src/host/workflows/targetWorkflow';
import { builtInModules, DEFAULT_WORKFLOW } from '../../../../src/runtime/workflowCatalog';
import { TARGET_MODULE_OUTLINES } from '../../../../src/runtime/targetModules';

describe('the workflow a code target starts', () => {
  it('is told from outlines that agree with the built-in modules they stand for', () => {
    const modules = builtInModules();
    for (const outline of TARGET_MODULE_OUTLINES) {
      const module = modules.get(outline.id);
      assert.deepEqual({ id: outline.id, title: outline.title, phases: outline.phases }, { id: module.id, title: module.title, phases: module.phases }, outline.id);
    }
  });

  it('is the default module on a stub or a TODO, and fix on a failing test', () => {
    assert.equal(moduleForTarget({ kind: 'stub' }).id, DEFAULT_WORKFLOW);
    assert.equal(moduleForTarget({ kind: 'todo' }).id, DEFAULT_WORKFLOW);
    assert.equal(moduleForTarget({ kind: 'failing-test' }).id, 'fix');
  });
});
