// Adversarial (issue 16, point 8): tool errors and test output showed the model absolute host paths
// (where the workspace lies, whose home it is in). What a tool returns is now workspace-relative.
import * as assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CODE_BOT } from '../../../src/agents/codeBot';
import { withoutHostPaths } from '../../../src/agents/tools/hostPaths';
import { runToolCall } from '../../../src/agents/tools/toolCall';
import { WorkspaceTestRunner } from '../../../src/infra/testRunners/workspaceTestRunner';
import { call } from './scriptedModelClient';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('host paths in what the model sees', function () {
  this.timeout(30_000);

  it('makes the root and paths under it relative, and leaves other paths and look-alikes alone', () => {
    const root = '/home/ana/work/app';
    assert.equal(withoutHostPaths(`Error: ENOENT, open '${root}/src/a.js'`, root), "Error: ENOENT, open 'src/a.js'");
    assert.equal(withoutHostPaths(`No test framework found in ${root}: looked for`, root), 'No test framework found in .: looked for');
    assert.equal(withoutHostPaths(`at f (${root}/test/a.test.js:3:9)`, `${root}/`), 'at f (test/a.test.js:3:9)');
    assert.equal(withoutHostPaths(`${root}2/x.js and /usr/lib/node.js`, root), `${root}2/x.js and /usr/lib/node.js`);
    assert.equal(withoutHostPaths('C:\\Users\\ana\\app\\src\\a.js failed', 'C:\\Users\\ana\\app'), 'src\\a.js failed');
    assert.equal(withoutHostPaths('/etc/passwd', '/'), '/etc/passwd');
  });

  describe('through a tool call', () => {
    let temp: TempWorkspace;
    beforeEach(async () => {
      temp = await tempWorkspace({ 'src/a.js': 'module.exports = 1;\n' });
    });
    afterEach(() => temp.remove());

    it('gives run_tests\' errors and test output without the workspace\'s absolute path', async () => {
      const context = { workspace: temp.workspace, tests: new WorkspaceTestRunner(temp.root, { sandbox: {} }), origin: { workflowId: 'wf-1', agent: 'codebot' as const } };
      const noFramework = await runToolCall(call('run_tests', {}), CODE_BOT, context, () => undefined);
      assert.match(noFramework.result.content, /No test framework found in \./);
      assert.ok(!noFramework.result.content.includes(temp.root), noFramework.result.content);

      await writeFile(join(temp.root, 'package.json'), JSON.stringify({ scripts: { test: 'node --test' } }));
      await writeFile(join(temp.root, 'a.test.js'), `require('node:test')('fails', () => { throw new Error('in ' + __filename); });\n`);
      const failing = await runToolCall(call('run_tests', {}), CODE_BOT, context, () => undefined);
      assert.match(failing.result.content, /in a\.test\.js/);
      assert.ok(!failing.result.content.includes(temp.root), failing.result.content);
    });

    it('still quotes an absolute path the model gave when refusing it, so it sees what it sent', async () => {
      const context = { workspace: temp.workspace, origin: { workflowId: 'wf-1', agent: 'codebot' as const } };
      const given = join(temp.root, 'src', 'a.js');
      const refused = await runToolCall(call('read_file', { path: given }), CODE_BOT, context, () => undefined);
      assert.equal(refused.result.outcome, 'refused');
      assert.ok(refused.result.content.startsWith(`"${given}" is an absolute path`), refused.result.content);
    });
  });
});
