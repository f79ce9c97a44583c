// check_api_description: validates an OpenAPI description of the workspace and lists its
// operations, so the agent works from what the description says, not from what it guesses.
import { z } from 'zod';
import { describeApiProblem, type ApiDescriptions } from '../../core/integration/apiDescriptions';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { failed, ok, type AgentTool } from './agentTool';

const schema = z.strictObject({ file: z.string().min(1).describe('The OpenAPI 3.0 or 3.1 file, workspace-relative.') });
const MAX_LISTED = 40;

export function checkApiDescriptionTool(apis: ApiDescriptions): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'check_api_description',
    description: "Validate an OpenAPI 3.0/3.1 description (structure, $refs, examples against their schemas) and list its operations. Each problem comes with its line and JSON pointer.",
    schema,
    pathOf: (args) => args.file,
    async run(args, context) {
      const file = normalizeWorkspacePath(args.file);
      if (!(await context.workspace.exists(file))) return failed(`"${file}" does not exist.`);
      const check = await apis.check(file);
      const problems = check.problems.slice(0, MAX_LISTED).map((problem) => `- ${problem.severity}: ${describeApiProblem(problem)}`);
      const operations = check.operations.slice(0, MAX_LISTED).map((operation) => `- ${operation.method} ${operation.path}${operation.operationId ? ` (${operation.operationId})` : ''}${operation.summary ? `: ${operation.summary}` : ''}`);
      const head = check.valid ? `${file}: valid OpenAPI ${check.openapi ?? ''} description.` : `${file}: NOT valid; fix these before using it.`;
      return (check.valid ? ok : failed)([head, problems.length > 0 ? `Problems:\n${problems.join('\n')}` : '', operations.length > 0 ? `Operations:\n${operations.join('\n')}` : ''].filter(Boolean).join('\n'));
    },
  };
}
