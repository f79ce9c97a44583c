import * as assert from 'node:assert/strict';
import { StepHandlers } from '../../../src/core/orchestrator/stepHandler';
import { BUILT_IN_MODULES, builtInModules, DEFAULT_WORKFLOW } from '../../../src/workflows/builtInModules';
import { featureModule } from '../../../src/workflows/feature/featureModule';
import { ModuleInputError, type WorkflowModule } from '../../../src/workflows/workflowModule';
import { UnknownWorkflowError, WorkflowModuleError, WorkflowModules } from '../../../src/workflows/workflowModules';

function moduleLike(overrides: Partial<WorkflowModule>): WorkflowModule {
  return {
    id: 'demo',
    title: 'Demo',
    description: 'One step.',
    definition: { name: 'demo', version: 1, steps: [{ name: 'one', handler: 'demo.one' }, { name: 'two', handler: 'demo.two' }] },
    phases: [
      { id: 'first', title: 'First', steps: ['one'] },
      { id: 'second', title: 'Second', steps: ['two'] },
    ],
    input: ({ request }) => ({ request }),
    registerSteps: () => undefined,
    report: () => {
      throw new Error('not used');
    },
    ...overrides,
  };
}

describe('workflow modules (the registry)', () => {
  it('lists the built-in modules, feature first and the default', () => {
    const modules = builtInModules();
    assert.equal(modules.list()[0], featureModule);
    assert.ok(modules.has(DEFAULT_WORKFLOW));
    assert.deepEqual(modules.ids(), BUILT_IN_MODULES.map((module) => module.id));
    assert.equal(modules.ofDefinition('feature'), featureModule);
    assert.equal(modules.ofDefinition('nothing'), undefined);
  });

  it('names the ids there are when asked for one it does not have', () => {
    const modules = new WorkflowModules([featureModule, moduleLike({})]);
    assert.throws(
      () => modules.get('deploy'),
      (error: unknown) => error instanceof UnknownWorkflowError && error.message === 'There is no workflow "deploy"; the workflows are: feature, demo.',
    );
  });

  it('refuses two modules with one id', () => {
    assert.throws(() => new WorkflowModules([moduleLike({}), moduleLike({})]), WorkflowModuleError);
  });

  it('refuses a definition not named for its module', () => {
    assert.throws(() => new WorkflowModules([moduleLike({ id: 'other' })]), /definition named "demo"/);
  });

  it('refuses phases that leave a step out, name a step twice or one the definition lacks', () => {
    assert.throws(() => new WorkflowModules([moduleLike({ phases: [{ id: 'first', title: 'First', steps: ['one'] }] })]), /leaves steps out of its phases: two/);
    assert.throws(
      () =>
        new WorkflowModules([
          moduleLike({
            phases: [
              { id: 'first', title: 'First', steps: ['one', 'two'] },
              { id: 'second', title: 'Second', steps: ['two'] },
            ],
          }),
        ]),
      /a step in two phases: two/,
    );
    assert.throws(() => new WorkflowModules([moduleLike({ phases: [{ id: 'first', title: 'First', steps: ['one', 'two', 'three'] }] })]), /does not define in its phases: three/);
    assert.throws(() => new WorkflowModules([moduleLike({ phases: [{ id: 'done', title: 'Done', steps: ['one', 'two'] }] })]), /"done", "failed" or "queued"/);
  });

  it('refuses an invalid definition with the definition error', () => {
    assert.throws(() => new WorkflowModules([moduleLike({ definition: { name: 'demo', version: 1, steps: [] } })]), /Workflow definition "demo" is invalid/);
  });
});

describe('the feature module', () => {
  it('puts every step of its definition in one phase, plan to review', () => {
    assert.deepEqual(
      featureModule.phases.map((phase) => phase.id),
      ['plan', 'red', 'green', 'refactor', 'review'],
    );
  });

  it('starts from a trimmed request, keeping the target, and refuses an empty one', () => {
    const target = { kind: 'stub' as const, path: 'src/a.js', symbol: 'parse', startLine: 1, endLine: 2, description: 'parse() is a stub' };
    assert.deepEqual(featureModule.input({ workflow: 'feature', request: '  Add parse.  ' }), { request: 'Add parse.' });
    assert.deepEqual((featureModule.input({ workflow: 'feature', request: 'x', target }) as { target: unknown }).target, target);
    assert.throws(() => featureModule.input({ workflow: 'feature', request: '  ' }), ModuleInputError);
  });

  it('registers a handler for every step its definition names', () => {
    const handlers = new StepHandlers();
    featureModule.registerSteps(handlers, {} as never, { clock: { now: () => 0, sleep: async () => undefined } as never });
    const named = featureModule.definition.steps.map((step) => step.handler);
    assert.deepEqual([...new Set(named)].sort(), handlers.names());
  });
});
