// Red: the API description is checked (one that does not validate ends the workflow, each problem
// with its line and JSON pointer); the operations the request names (all, when it names none)
// become contract tests from the description, written with a mock of it, and run: they must fail,
// or there is nothing for green to do.
import { z } from 'zod';
import { describeApiProblem } from '../../core/integration/apiDescriptions';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import { contractTestFiles, type ContractFramework } from './contractTestSource';
import { runContractTests } from './contractRun';
import type { IntegrationRedOutput } from './integrationRedOutput';
import type { IntegrationDependencies } from './integrationWorkflow';

const inputSchema = z.object({ request: z.string().min(1), spec: z.string().min(1), module: z.string().min(1) });
const MAX_OPERATIONS = 12;
const TEST_PACKAGES = ['openapi-backend', 'openapi-fetch'];

export function integrationRedStep(deps: IntegrationDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { request, spec, module } = inputSchema.parse(input);
      if (!(await deps.workspace.exists(spec))) throw new TerminalStepError(`the API description ${spec} is not in the workspace.`);
      const check = await deps.integration.apis.check(spec);
      if (!check.valid) {
        const errors = check.problems.filter((problem) => problem.severity === 'error');
        throw new TerminalStepError(`${spec} is not a valid API description, so there is no contract to test against (${errors.length} problems):\n${errors.map((problem) => `- ${describeApiProblem(problem)}`).join('\n')}`, { problems: errors.map((problem) => ({ ...problem })) });
      }
      const withIds = check.operations.filter((operation) => operation.operationId !== undefined);
      if (withIds.length === 0) throw new TerminalStepError(`${spec} has no operation with an operationId; the contract tests call the code by operationId.`);
      const named = withIds.filter((operation) => new RegExp(`\\b${escapeRegExp(operation.operationId as string)}\\b`).test(request));
      const operations = (named.length > 0 ? named : withIds).slice(0, MAX_OPERATIONS);
      const cases = await deps.integration.apis.contractCases(spec, operations.map((operation) => operation.operationId as string));
      const frameworks = await deps.tests.detect();
      const framework: ContractFramework | undefined = frameworks.includes('mocha') ? 'mocha' : undefined;
      if (framework === undefined) throw new TerminalStepError(`the contract tests are written for mocha running TypeScript (with tsx), and this workspace uses ${frameworks.join(', ') || 'no test framework Imperium Flow knows'}.`);
      const files = contractTestFiles(spec, module, cases, framework);
      const origin = { workflowId: context.workflowId, taskId: context.taskId, agent: 'engine' as const };
      await deps.workspace.write(files.mockFile, files.mock, origin);
      await deps.workspace.write(files.testFile, files.test, origin);
      const run = await runContractTests(deps.tests, context, 'red: contract tests', files.testFile, deps.limits.testTimeoutMs);
      if (run.passed) throw new TerminalStepError(`the contract tests of ${spec} already pass against ${module}: nothing for the integration workflow to do.`);
      const missing = TEST_PACKAGES.filter((name) => run.failing.some((line) => line.includes(`'${name}'`)) || run.result.output.includes(`Cannot find module '${name}'`));
      if (missing.length > 0) {
        throw new TerminalStepError(`the contract tests need the packages ${missing.join(' and ')}, which the workspace does not have. Adding dependencies is a person's to do: run \`npm install --save-dev ${missing.join(' ')}\` and start the workflow again.`);
      }
      const criteria = cases.map((entry) => `${module} exports ${entry.operationId}(baseUrl, args), which calls ${entry.method} ${entry.path} as ${spec} describes and resolves with its ${entry.status} answer`);
      const output: IntegrationRedOutput = {
        spec,
        module,
        operations: cases.map((entry) => ({ operationId: entry.operationId, method: entry.method, path: entry.path })),
        testFile: files.testFile,
        mockFile: files.mockFile,
        criteria,
        failing: run.failing,
        summary: `${cases.length} contract test(s) of ${spec} written in ${files.testFile}; they fail as they should before the client is wired: ${run.failing.slice(0, 3).join('; ')}`,
      };
      return { output };
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
