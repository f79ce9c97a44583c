// IntegrationBot: API integrations (from the API description: validated, a generated typed client,
// contract tests against a mock) and deployments, which it only plans: files a person must approve
// (CI, editor and agent configuration, hooks, dependencies, registries, deployment files) are
// refused to its writes and go into its plan instead, with the commands a person runs.
import { z } from 'zod';
import type { IntegrationTools } from '../core/integration/integrationTools';
import { fileNeedsPerson } from '../core/integration/deploymentPolicy';
import { deploymentFileKind } from '../core/integration/deploymentFiles';
import { deploymentPlanSchema } from '../core/integration/deploymentPlan';
import { normalizeWorkspacePath } from '../core/workspace/workspacePath';
import { runAgent, type AgentDefinition, type AgentRunResult } from './agentLoop';
import { taskMessage, toolContext, withTools, type AgentDependencies, type AgentRunOptions, type AgentTask } from './agentTask';
import { INTEGRATION_BOT_PROMPT } from './prompts/integrationBotPrompt';
import { noTestPaths } from './testFiles';
import type { FinishTool, WriteGuard } from './tools/agentTool';
import { checkApiDescriptionTool } from './tools/checkApiDescription';
import { checkDeploymentFileTool } from './tools/checkDeploymentFile';
import { editFileTool } from './tools/editFile';
import { generateApiClientTool } from './tools/generateApiClient';
import { listFilesTool } from './tools/listFiles';
import { readFileTool } from './tools/readFile';
import { runTestsTool } from './tools/runTests';
import { searchTextTool } from './tools/searchText';
import { writeFileTool } from './tools/writeFile';

const answerSchema = z.strictObject({
  summary: z.string().min(1).describe('What you changed or plan, and why.'),
  changed_files: z.array(z.string().min(1)).describe('The files you created or changed (not the planned ones).'),
  deployment: deploymentPlanSchema.optional().describe('For a deployment: the files to change (whole contents) and the exact commands a person will run, in order. Nothing in it is run by you.'),
});

export type IntegrationBotAnswer = z.infer<typeof answerSchema>;

const PIPED_DOWNLOAD = /\b(curl|wget)\b[^|;&]*\|\s*(sudo\s+)?(ba|z|da)?sh\b/i;

/** Tests stay the contract, and what only a person may change goes into a plan. */
export const integrationBotGuard: WriteGuard = (path) => {
  const test = noTestPaths(path);
  if (test) return test;
  const why = fileNeedsPerson(path);
  return why === undefined ? undefined : `${path} is a person's to approve (${why}): put it in finish's deployment plan instead of writing it.`;
};

function finishTool(tools: IntegrationTools): FinishTool<IntegrationBotAnswer> {
  return {
    name: 'finish',
    description: 'Report what you changed and, for a deployment, the plan: the files to change and the commands a person runs. Call it once the contract tests pass, or once the plan is complete and each of its deployment files checks valid.',
    schema: answerSchema,
    async verify(answer, context) {
      for (const file of answer.changed_files) {
        if (!(await context.workspace.exists(file))) return `changed_files: "${file}" does not exist.`;
      }
      for (const planned of answer.deployment?.files ?? []) {
        let path: string;
        try {
          path = normalizeWorkspacePath(planned.path);
        } catch (error) {
          return `deployment.files: ${(error as Error).message}`;
        }
        if (isTestPathOrOutside(path)) return `deployment.files: "${planned.path}" is not a file a deployment changes.`;
        if (deploymentFileKind(path) === undefined) continue;
        const check = await tools.deployments.check(path, planned.content);
        const errors = check.problems.filter((problem) => problem.severity === 'error');
        if (errors.length > 0) return `deployment.files: ${path} does not check: ${errors.map((problem) => `${problem.line === undefined ? '' : `line ${problem.line}: `}${problem.message}`).join('; ')}`;
      }
      for (const planned of answer.deployment?.commands ?? []) {
        if (PIPED_DOWNLOAD.test(planned.command)) return `deployment.commands: "${planned.command}" pipes a download into a shell; name a packaged, pinned way to install it instead.`;
      }
      return undefined;
    },
  };
}

function isTestPathOrOutside(path: string): boolean {
  return path.startsWith('..') || noTestPaths(path) !== undefined;
}

export function integrationBot(tools: IntegrationTools): AgentDefinition<IntegrationBotAnswer> {
  return {
    role: 'integrationbot',
    systemPrompt: INTEGRATION_BOT_PROMPT,
    tools: [listFilesTool, readFileTool, searchTextTool, writeFileTool, editFileTool, runTestsTool, checkApiDescriptionTool(tools.apis), generateApiClientTool(tools.apis), checkDeploymentFileTool(tools.deployments)],
    finish: finishTool(tools),
  };
}

export interface IntegrationBotDependencies extends AgentDependencies {
  readonly integration: IntegrationTools;
  /** A deployment plan: the tools that read and check only, none that writes a file or runs anything (tests included). */
  readonly planOnly?: boolean;
}

const WRITES_OR_RUNS = new Set(['write_file', 'edit_file', 'run_tests', 'generate_api_client']);

function planOnly(agent: AgentDefinition<IntegrationBotAnswer>): AgentDefinition<IntegrationBotAnswer> {
  return { ...agent, tools: agent.tools.filter((tool) => !WRITES_OR_RUNS.has(tool.name)) };
}

/** Runs IntegrationBot on the task; it may not write tests, nor what only a person may change, unless `options.canWrite` says otherwise. */
export function runIntegrationBot(task: AgentTask, dependencies: IntegrationBotDependencies, options: AgentRunOptions): Promise<AgentRunResult<IntegrationBotAnswer>> {
  const agent = integrationBot(dependencies.integration);
  return runAgent(withTools(dependencies.planOnly === true ? planOnly(agent) : agent, dependencies), {
    task: taskMessage(task),
    model: dependencies.model,
    events: dependencies.events,
    context: toolContext('integrationbot', integrationBotGuard, dependencies, options),
    maxSteps: options.maxSteps,
  });
}
