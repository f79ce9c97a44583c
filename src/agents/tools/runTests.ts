import { z } from 'zod';
import { failed, ok, type AgentTool } from './agentTool';
import { summarizeTestRun } from './testRunSummary';

const schema = z.strictObject({
  files: z.array(z.string().min(1)).optional().describe('Default: all.'),
  test_ids: z.array(z.string().min(1)).optional().describe('Ids after FAILED in a result.'),
});

export const runTestsTool: AgentTool<z.infer<typeof schema>> = {
  name: 'run_tests',
  description: 'Run tests; returns counts and failures.',
  schema,
  pathOf: (args) => (args.files?.length === 1 ? args.files[0] : undefined),
  async run(args, context) {
    if (!context.tests) return failed('No test runner is available to this agent.');
    const { workflowId, taskId, agent } = context.origin;
    const result = await context.tests.run(
      { files: args.files, testIds: args.test_ids },
      { signal: context.signal, label: [workflowId, taskId, agent].filter(Boolean).join(' '), origin: context.origin },
    );
    const summary = summarizeTestRun(result);
    // A run that could not run is an error to the model; failing tests are a result, not an error.
    return result.outcome === 'error' ? failed(summary) : ok(summary);
  },
};
