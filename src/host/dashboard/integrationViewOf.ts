// An integration or deploy workflow's contract tests and plan for the command center, read from
// its stored outputs. Free of 'vscode', so it runs under plain mocha.
import * as z from 'zod/mini';
import type { WorkflowSnapshot } from '../../core/orchestrator/workflowState';
import type { IntegrationView } from '../../shared/integrationView';

const red = z.object({ spec: z.string(), module: z.string(), testFile: z.string(), operations: z.array(z.object({ operationId: z.string(), method: z.string(), path: z.string() })), failing: z.array(z.string()) });
const green = z.object({ client: z.string(), passed: z.number() });
const stage = z.object({
  summary: z.string(),
  files: z.array(z.object({ path: z.string(), status: z.string(), whyPerson: z.string(), problems: z.array(z.string()) })),
  commands: z.array(z.object({ command: z.string(), purpose: z.string(), whyPerson: z.string() })),
});

export function integrationViewOf(workflow: WorkflowSnapshot): IntegrationView | undefined {
  const { outputs } = workflow;
  if (workflow.definition.name === 'integration') {
    const contract = red.safeParse(outputs.red);
    if (!contract.success) return undefined;
    const passed = green.safeParse(outputs.green);
    return {
      contract: {
        spec: contract.data.spec,
        module: contract.data.module,
        testFile: contract.data.testFile,
        operations: contract.data.operations.map((operation) => `${operation.operationId}: ${operation.method} ${operation.path}`),
        failingBefore: contract.data.failing,
        ...(passed.success && { client: passed.data.client, passed: passed.data.passed }),
      },
    };
  }
  if (workflow.definition.name === 'deploy') {
    const plan = stage.safeParse(outputs.stage);
    return plan.success ? { plan: plan.data } : undefined;
  }
  return undefined;
}
