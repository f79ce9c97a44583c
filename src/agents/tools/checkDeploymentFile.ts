// check_deployment_file: checks a compose file, GitHub Actions workflow or Dockerfile offline,
// either as it is in the workspace or as the agent proposes it (content), each problem at its line.
import { z } from 'zod';
import type { DeploymentFiles } from '../../core/integration/deploymentFiles';
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { failed, ok, type AgentTool } from './agentTool';

const schema = z.strictObject({
  file: z.string().min(1).describe('compose.yaml, .github/workflows/ci.yml, Dockerfile ... workspace-relative.'),
  content: z.string().optional().describe('The content you propose; omitted: the file as it is.'),
});

export function checkDeploymentFileTool(deployments: DeploymentFiles): AgentTool<z.infer<typeof schema>> {
  return {
    name: 'check_deployment_file',
    description: 'Check a compose file (current compose specification), a GitHub Actions workflow or a Dockerfile offline, without running anything. Pass content to check what you propose before putting it in the deployment plan.',
    schema,
    pathOf: (args) => args.file,
    async run(args, context) {
      const file = normalizeWorkspacePath(args.file);
      const text = args.content ?? ((await context.workspace.exists(file)) ? await context.workspace.read(file) : undefined);
      if (text === undefined) return failed(`"${file}" does not exist; pass the content you propose.`);
      let check;
      try {
        check = await deployments.check(file, text);
      } catch (error) {
        return failed((error as Error).message);
      }
      const lines = check.problems.map((problem) => `- ${problem.severity} ${problem.rule}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.message}`);
      return (check.valid ? ok : failed)([`${file} (${check.kind}): ${check.valid ? 'valid' : 'NOT valid'}.`, ...lines].join('\n'));
    },
  };
}
