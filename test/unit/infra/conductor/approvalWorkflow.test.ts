import { strict as assert } from 'node:assert';
import type { ApprovalRequest } from '../../../../src/core/ports';
import { REDACTED } from '../../../../src/core/board/securityChecks';
import { answerOf } from '../../../../src/infra/conductor/approvalAnswer';
import { approvalInput, approvalWorkflowDef, MAX_CONTENT_CHARS } from '../../../../src/infra/conductor/approvalWorkflow';

const command: ApprovalRequest = { kind: 'command', workflowId: 'wf-1', command: 'npm publish' };
const escalation: ApprovalRequest = { kind: 'escalation', workflowId: 'wf-2', reason: 'The checks could not decide.', options: ['Looks right', 'Needs work'] };

/** The approval workflow as the server returns it, with its HUMAN task in the given state. */
function execution(status: string, output: Record<string, unknown> = {}, workflow: { status?: string; reasonForIncompletion?: string } = {}, reason?: string) {
  return { status: workflow.status ?? (status === 'IN_PROGRESS' ? 'RUNNING' : 'COMPLETED'), ...(workflow.reasonForIncompletion !== undefined && { reasonForIncompletion: workflow.reasonForIncompletion }), tasks: [{ referenceTaskName: 'approval', status, outputData: output, ...(reason !== undefined && { reasonForIncompletion: reason }) }] };
}

describe('A person\'s approval as Conductor metadata', () => {
  it('is one workflow with one HUMAN task that shows every field of the request and answers with the task\'s output', () => {
    const def = approvalWorkflowDef('team');
    assert.equal(def.name, 'team_approval');
    assert.equal(def.version, 1);
    assert.equal(def.schemaVersion, 2);
    assert.deepEqual(def.tasks.map((task) => [task.type, task.name, task.taskReferenceName]), [['HUMAN', 'approval', 'approval']]);
    assert.deepEqual(def.inputParameters, ['kind', 'workflowId', 'question', 'path', 'before', 'after', 'applied', 'runsCode', 'command', 'reason', 'options', 'answerHelp']);
    assert.deepEqual(Object.entries(def.tasks[0].inputParameters).find(([name]) => name === 'command'), ['command', '${workflow.input.command}']);
    assert.ok(def.inputParameters.every((name) => def.tasks[0].inputParameters[name] === `\${workflow.input.${name}}`), 'the HUMAN task shows the whole request');
    assert.deepEqual(def.outputParameters, { approved: '${approval.output.approved}', choice: '${approval.output.choice}', note: '${approval.output.note}', answeredIn: '${approval.output.answeredIn}' });
    assert.match(def.description, /POST \/api\/tasks\/\{this workflow id\}\/approval\/COMPLETED/);
    assert.equal(approvalWorkflowDef().name, 'imperium_approval');
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(def)));
  });

  it('starts with the request as its input, a question in words, and an edit\'s contents cut to a size the server takes', async () => {
    const asked = await approvalInput(command);
    assert.deepEqual(asked, { kind: 'command', workflowId: 'wf-1', command: 'npm publish', question: 'Workflow wf-1 wants to run: npm publish. Approve?', answerHelp: asked.answerHelp });
    const escalated = await approvalInput(escalation);
    assert.deepEqual(escalated.options, ['Looks right', 'Needs work']);
    assert.equal(escalated.question, 'Workflow wf-2 asks: The checks could not decide. Choose one of: Looks right, Needs work.');
    const big = 'x'.repeat(MAX_CONTENT_CHARS + 10);
    const edit = await approvalInput({ kind: 'edit', workflowId: 'wf-3', path: 'deploy/fly.toml', before: 'a', after: big, runsCode: 'is part of a deployment plan' });
    assert.equal(edit.before, 'a');
    assert.equal((edit.after as string).slice(0, MAX_CONTENT_CHARS), 'x'.repeat(MAX_CONTENT_CHARS));
    assert.match(edit.after as string, /… \(10 more characters; the editor's diff shows all of it\)$/);
    assert.equal(edit.question, 'Workflow wf-3 wants to change deploy/fly.toml. Approve? This file is part of a deployment plan.');
    assert.equal((await approvalInput({ kind: 'edit', workflowId: 'wf-4', path: 'a.ts', after: '', applied: true })).question, "Workflow wf-4 ended without the Board's approval. Keep its change to a.ts (approved) or revert it (rejected)?");
  });

  it('withholds every line that holds a secret from the server: both sides of an edit, a command, an escalation\'s reason', async () => {
    const key = `sk-proj-${'A1b2C3d4'.repeat(4)}`;
    const before = `export const config = {\n  apiKey: "${key}",\n};\n`;
    const after = `export const config = {\n  apiKey: "${key}",\n  region: "eu",\n};\n`;
    const edit = await approvalInput({ kind: 'edit', workflowId: 'wf-5', path: 'src/config.ts', before, after });
    for (const side of [edit.before, edit.after] as string[]) {
      assert.ok(!side.includes(key), `the key stays here: ${side}`);
      assert.match(side, new RegExp(`^  ${REDACTED.replace(/[[\]:]/g, '\\$&')}$`, 'm'));
    }
    assert.match(edit.after as string, /region: "eu"/, 'the other lines go as they are');
    const curl = await approvalInput({ kind: 'command', workflowId: 'wf-6', command: `curl -H "api_key: ${key}" https://example.test` });
    assert.ok(!JSON.stringify(curl).includes(key), `a command's secret stays here too: ${JSON.stringify(curl)}`);
    assert.equal(curl.command, REDACTED);
    const told = await approvalInput({ kind: 'escalation', workflowId: 'wf-7', reason: `The call with token = "${key}" failed.`, options: ['Retry'] });
    assert.ok(!JSON.stringify(told).includes(key), `an escalation's secret stays here too: ${JSON.stringify(told)}`);
  });
});

describe('An answer given on Conductor', () => {
  it('waits while the HUMAN task is IN_PROGRESS', () => {
    assert.equal(answerOf(command, execution('IN_PROGRESS')), undefined);
    assert.equal(answerOf(command, { status: 'RUNNING', tasks: [] }), undefined);
  });

  it('reads "approved" and the note of a completed HUMAN task', () => {
    assert.deepEqual(answerOf(command, execution('COMPLETED', { approved: true })), { decision: { approved: true } });
    assert.deepEqual(answerOf(command, execution('COMPLETED', { approved: false, note: 'not today' })), { decision: { approved: false, note: 'not today' } });
    assert.deepEqual(answerOf(command, execution('COMPLETED', { approved: true, note: '  ' })), { decision: { approved: true } });
  });

  it('takes anything but a clear yes as a rejection that says why', () => {
    assert.deepEqual(answerOf(command, execution('COMPLETED', {})), {
      decision: { approved: false, note: 'rejected: the HUMAN task was completed with no "approved"; it takes "approved": true or false' },
      problem: 'the HUMAN task was completed with no "approved"; it takes "approved": true or false',
    });
    assert.equal(answerOf(command, execution('COMPLETED', { approved: 'yes' }))?.decision.approved, false);
    assert.match(answerOf(command, execution('COMPLETED', { approved: 'yes' }))?.problem ?? '', /"approved": "yes"/);
    assert.deepEqual(answerOf(command, execution('FAILED', { note: 'wrong region' }, { status: 'FAILED' })), { decision: { approved: false, note: 'rejected on Conductor (HUMAN task FAILED): wrong region' } });
    assert.deepEqual(answerOf(command, execution('FAILED_WITH_TERMINAL_ERROR', {}, { status: 'FAILED' }, 'no')), { decision: { approved: false, note: 'rejected on Conductor (HUMAN task FAILED_WITH_TERMINAL_ERROR): no' } });
    assert.deepEqual(answerOf(command, execution('CANCELED', {}, { status: 'TERMINATED', reasonForIncompletion: 'not needed' })), { decision: { approved: false, note: 'rejected on Conductor (HUMAN task CANCELED): not needed' } });
    assert.deepEqual(answerOf(command, { status: 'TERMINATED', reasonForIncompletion: 'cleanup', tasks: [] }), { decision: { approved: false, note: 'the approval workflow was terminated on Conductor: cleanup' } });
  });

  it('takes an escalation\'s choice only among its options', () => {
    assert.deepEqual(answerOf(escalation, execution('COMPLETED', { choice: 'Needs work', note: 'contrast' })), { decision: { approved: true, choice: 'Needs work', note: 'contrast' } });
    assert.deepEqual(answerOf(escalation, execution('COMPLETED', { approved: false })), { decision: { approved: false } });
    const wrong = answerOf(escalation, execution('COMPLETED', { choice: 'Ship it' }));
    assert.equal(wrong?.decision.approved, false);
    assert.equal(wrong?.problem, 'the HUMAN task was completed with "choice": "Ship it"; it takes one of "Looks right", "Needs work"');
    assert.match(answerOf(escalation, execution('COMPLETED', { approved: true }))?.problem ?? '', /no "choice"/);
  });
});
