// The must-fail canary's cost for mocha: a serial run of the whole suite starts no options probe (the
// reporter adds the canary); a run that may be in parallel mode, or of chosen files, reads mocha's
// resolved options first (a process of runProcess's own, outside the injected launcher) and runs
// with the configuration written from them (--config). Both still catch a runner that passes every failure.
import * as assert from 'node:assert/strict';
import type { ProcessSpec } from '../../../../src/infra/testRunners/testProcess';
import { runProcess } from '../../../../src/infra/testRunners/testProcess';
import { WorkspaceTestRunner } from '../../../../src/infra/testRunners/workspaceTestRunner';
import { repositoryProjects } from '../../../support/repositoryProjects';

const TEST = "const assert = require('node:assert/strict');\nconst { add } = require('../src/add');\nit('adds', () => assert.equal(add(1, 2), 3));\n";
const TAMPERED_ADD = "const { Runner } = require('mocha');\nRunner.prototype.fail = function (test) { test.state = 'passed'; this.emit('pass', test); };\nexports.add = (a, b) => a - b;\n";

describe('the mocha canary: processes per run', function () {
  this.timeout(60_000);
  const projectOf = repositoryProjects('mocha-canary');
  const project = (mocharc: string, add: string): string =>
    projectOf({ 'package.json': JSON.stringify({ name: 'p', scripts: { test: 'mocha' } }), '.mocharc.json': mocharc, 'test/add.test.js': TEST, 'src/add.js': add });

  async function run(root: string, testIds?: string[]): Promise<{ launched: ProcessSpec[]; result: Awaited<ReturnType<WorkspaceTestRunner['run']>> }> {
    const launched: ProcessSpec[] = [];
    const result = await new WorkspaceTestRunner(root, { framework: 'mocha' }).run(testIds ? { testIds } : {}, {
      launch: (spec) => {
        launched.push(spec);
        return runProcess(spec);
      },
    });
    return { launched, result };
  }

  for (const [mode, mocharc] of [
    ['serial', '{"spec": ["test/*.test.js"]}'],
    ['parallel', '{"spec": ["test/*.test.js"], "parallel": true}'],
  ] as const) {
    it(`${mode} mode: probes mocha's options only where it must; an honest run trusted, a tampered one untrusted`, async () => {
      for (const ids of [undefined, ['test/add.test.js::adds']]) {
        const honest = await run(project(mocharc, 'exports.add = (a, b) => a + b;\n'), ids);
        assert.equal(honest.launched.length, 1);
        assert.equal(honest.launched[0].args.includes('--config'), mode === 'parallel' || ids !== undefined, honest.launched[0].args.join(' '));
        assert.equal(honest.result.outcome, 'completed', JSON.stringify(honest.result.errors));
        assert.deepEqual(honest.result.tests.map((test) => `${test.id} ${test.status}`), ['test/add.test.js::adds passed'], honest.result.output);
        assert.equal(honest.result.untrusted, undefined, (honest.result.untrusted ?? []).join('\n'));
        const tampered = await run(project(mocharc, TAMPERED_ADD), ids);
        assert.match((tampered.result.untrusted ?? []).join('\n'), /canary test that must fail .* was reported passed/, tampered.result.output);
      }
    });
  }
});
