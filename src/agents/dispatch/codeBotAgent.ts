// CodeBot as a dispatchable agent: it changes the code until the tests written first pass; the
// workflow's green gate, not CodeBot, decides when they do.
import type { ModelClient, TestRunner, Workspace } from '../../core/ports';
import { runCodeBot } from '../codeBot';
import type { TestCheckedAgent } from './taskAgent';
import { agentTaskOf, attemptOf } from './taskWork';

export function codeBotAgent(deps: { readonly model: ModelClient; readonly workspace: Workspace; readonly tests: TestRunner }): TestCheckedAgent {
  return {
    id: 'codebot',
    title: 'CodeBot',
    handles: 'writes and changes the program code (functions, modules, logic, data handling) until the tests written first pass.',
    kind: 'test-checked',
    async attempt(work, run) {
      const result = await runCodeBot(
        agentTaskOf(work),
        { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: run.emit, ...(work.tools && { tools: work.tools }), ...(work.equipTools && { equipTools: work.equipTools }) },
        { workflowId: run.workflowId, ...(run.taskId !== undefined && { taskId: run.taskId }), signal: run.signal, ...(run.maxSteps !== undefined && { maxSteps: run.maxSteps }) },
      );
      return attemptOf(result, run);
    },
  };
}
