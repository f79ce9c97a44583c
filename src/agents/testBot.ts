// TestBot: writes the tests for a task's acceptance criteria and runs them (the red step).
import { z } from 'zod';
import { normalizeWorkspacePath } from '../core/workspace/workspacePath';
import { runAgent, type AgentDefinition, type AgentRunResult } from './agentLoop';
import { taskMessage, toolContext, withTools, type AgentDependencies, type AgentRunOptions, type AgentTask } from './agentTask';
import { TEST_BOT_PROMPT } from './prompts/testBotPrompt';
import { isTestPath, onlyTestPaths } from './testFiles';
import type { FinishTool } from './tools/agentTool';
import { editFileTool } from './tools/editFile';
import { listFilesTool } from './tools/listFiles';
import { readFileTool } from './tools/readFile';
import { runTestsTool } from './tools/runTests';
import { searchTextTool } from './tools/searchText';
import { writeFileTool } from './tools/writeFile';

const answerSchema = z.strictObject({
  summary: z.string().min(1).describe('What the tests check.'),
  test_files: z.array(z.string().min(1)).min(1),
});

export type TestBotAnswer = z.infer<typeof answerSchema>;

const finishTool: FinishTool<TestBotAnswer> = {
  name: 'finish',
  description: 'Report your tests once they fail for the right reason.',
  schema: answerSchema,
  async verify(answer, context) {
    for (const file of answer.test_files) {
      const path = normalizeWorkspacePath(file);
      if (!isTestPath(path)) return `test_files: "${file}" is not a test file.`;
      if (!(await context.workspace.exists(path))) return `test_files: "${file}" does not exist; write it first.`;
    }
    return undefined;
  },
};

export const TEST_BOT: AgentDefinition<TestBotAnswer> = {
  role: 'testbot',
  systemPrompt: TEST_BOT_PROMPT,
  tools: [listFilesTool, readFileTool, searchTextTool, writeFileTool, editFileTool, runTestsTool],
  finish: finishTool,
};

/** Runs TestBot on the task; it may write only test files unless `options.canWrite` says otherwise. */
export function runTestBot(task: AgentTask, dependencies: AgentDependencies, options: AgentRunOptions): Promise<AgentRunResult<TestBotAnswer>> {
  return runAgent(withTools(TEST_BOT, dependencies), {
    task: taskMessage(task),
    model: dependencies.model,
    events: dependencies.events,
    context: toolContext('testbot', onlyTestPaths, dependencies, options),
    maxSteps: options.maxSteps,
  });
}
