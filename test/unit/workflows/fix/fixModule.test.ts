import * as assert from 'node:assert/strict';
import { builtInModules } from '../../../../src/workflows/builtInModules';
import { fixModule } from '../../../../src/workflows/fix/fixModule';
import { asksForMoreTests } from '../../../../src/workflows/fix/moreTests';
import { ModuleInputError } from '../../../../src/workflows/workflowModule';

describe('the fix workflow module', () => {
  it('is a built-in module whose phases are red, green, refactor and review', () => {
    const fix = builtInModules().get('fix');
    assert.equal(fix, fixModule);
    assert.deepEqual(fix.phases.map((phase) => phase.id), ['red', 'green', 'refactor', 'review']);
  });

  it('starts from every failing test with the default request when nothing is named', () => {
    assert.deepEqual(fixModule.input({ workflow: 'fix', request: '  ' }), { request: 'Make the failing tests pass.', targets: { testIds: [], files: [] } });
  });

  it('splits what is named into test ids and test files, as a Test Explorer selection holds both', () => {
    const input = fixModule.input({ workflow: 'fix', request: 'Fix bowling', tests: ['bowling.spec.js::Bowling > all zeros', '.\\lib\\frame.spec.js', 'bowling.spec.js::Bowling > all zeros'] });
    assert.deepEqual(input, { request: 'Fix bowling', targets: { testIds: ['bowling.spec.js::Bowling > all zeros'], files: ['lib/frame.spec.js'] } });
  });

  it("takes a failing test's lens target as the test to fix", () => {
    const target = { kind: 'failing-test' as const, path: 'bowling.spec.js', startLine: 3, endLine: 5, description: 'fails', testId: 'bowling.spec.js::Bowling > spare' };
    assert.deepEqual(fixModule.input({ workflow: 'fix', request: 'Make this pass', target }).targets, { testIds: ['bowling.spec.js::Bowling > spare'], files: [] });
  });

  it('refuses a named test that is neither an id nor a file', () => {
    assert.throws(() => fixModule.input({ workflow: 'fix', request: '', tests: [' '] }), ModuleInputError);
    assert.throws(() => fixModule.input({ workflow: 'fix', request: '', tests: ['::title'] }), /neither a test id/);
  });
});

describe('whether a fix request asks for more tests', () => {
  const cases: [string, boolean][] = [
    ['Make the failing tests pass', false],
    ['Make the failing tests in bowling.spec.js pass', false],
    ['Fix the new tests', false],
    ['Fix bowling and add tests for a spare in the tenth frame', true],
    ['Make it pass, and write a test for negative rolls', true],
    ['Fix it; more tests for the edge cases would help', true],
  ];
  for (const [request, asks] of cases) it(`${asks ? 'asks' : 'does not ask'}: ${request}`, () => assert.equal(asksForMoreTests(request), asks));
});
