import { strict as assert } from 'node:assert';
import { runCli } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd: process.cwd() }, COMMANDS);
  return { code, stdout, stderr };
}

describe('imperium conductor export', () => {
  it('prints the feature workflow as Conductor task and workflow definitions', async () => {
    const { code, stdout } = await cli(['conductor', 'export', '--prefix', 'team', '--response-timeout', '12']);
    assert.equal(code, 0);
    const metadata = JSON.parse(stdout) as { taskDefs: { name: string; responseTimeoutSeconds: number }[]; workflowDef: { name: string; schemaVersion: number }; approvalWorkflowDef: { name: string; tasks: { type: string; taskReferenceName: string }[] } };
    assert.equal(metadata.workflowDef.name, 'team_feature');
    assert.equal(metadata.approvalWorkflowDef.name, 'team_approval', 'the approval workflow, under the same prefix');
    assert.deepEqual(metadata.approvalWorkflowDef.tasks.map((task) => `${task.type} ${task.taskReferenceName}`), ['HUMAN approval']);
    assert.equal(metadata.workflowDef.schemaVersion, 2);
    assert.ok(metadata.taskDefs.every((def) => def.name.startsWith('team_feature_') && def.responseTimeoutSeconds === 12));
  });

  it('says what is wrong with its arguments', async () => {
    assert.match((await cli(['conductor'])).stderr, /expected a subcommand: export/);
    assert.match((await cli(['conductor', 'export', '--workflow', 'nope'])).stderr, /no workflow "nope"/);
    assert.equal((await cli(['conductor', 'export', '--response-timeout', '0'])).code, 2);
  });
});
