// CodeBot: changes the code under test until the tests pass (the green and refactor steps).
import { z } from 'zod';
import { runAgent, type AgentDefinition, type AgentRunResult } from './agentLoop';
import { taskMessage, toolContext, withTools, type AgentDependencies, type AgentRunOptions, type AgentTask } from './agentTask';
import { CODE_BOT_PROMPT } from './prompts/codeBotPrompt';
import { noTestPaths } from './testFiles';
import type { FinishTool } from './tools/agentTool';
import { editFileTool } from './tools/editFile';
import { listFilesTool } from './tools/listFiles';
import { readFileTool } from './tools/readFile';
import { runTestsTool } from './tools/runTests';
import { searchTextTool } from './tools/searchText';
import { writeFileTool } from './tools/writeFile';

const answerSchema = z.strictObject({
  summary: z.string().min(1).describe('What you changed and why.'),
  changed_files: z.array(z.string().min(1)),
});

export type CodeBotAnswer = z.infer<typeof answerSchema>;

const finishTool: FinishTool<CodeBotAnswer> = {
  name: 'finish',
  description: 'Report your change once the tests pass.',
  schema: answerSchema,
  async verify(answer, context) {
    for (const file of answer.changed_files) {
      if (!(await context.workspace.exists(file))) return `changed_files: "${file}" does not exist.`;
    }
    return undefined;
  },
};

export const CODE_BOT: AgentDefinition<CodeBotAnswer> = {
  role: 'codebot',
  systemPrompt: CODE_BOT_PROMPT,
  tools: [listFilesTool, readFileTool, searchTextTool, writeFileTool, editFileTool, runTestsTool],
  finish: finishTool,
};

/** Runs CodeBot on the task; it may not write tests or test configuration unless `options.canWrite` says otherwise. */
export function runCodeBot(task: AgentTask, dependencies: AgentDependencies, options: AgentRunOptions): Promise<AgentRunResult<CodeBotAnswer>> {
  return runAgent(withTools(CODE_BOT, dependencies), {
    task: taskMessage(task),
    model: dependencies.model,
    events: dependencies.events,
    context: toolContext('codebot', noTestPaths, dependencies, options),
    maxSteps: options.maxSteps,
  });
}
