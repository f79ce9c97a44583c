// Stage: each file of the plan goes to a person as an edit to approve (the named kind only a
// person decides, whatever the review mode; the Board is never asked), and is written only once
// they approve it; without anyone to ask, it stays staged. The commands are listed, each with what
// makes it a person's to run; this step runs none of them, and neither does any other.
import { z } from 'zod';
import { commandNeedsPerson, fileNeedsPerson } from '../../core/integration/deploymentPolicy';
import { deploymentFileKind } from '../../core/integration/deploymentFiles';
import { deploymentPlanSchema, type DeploymentPlan, type StagedFile } from '../../core/integration/deploymentPlan';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import type { DeployDependencies } from './deployWorkflow';

const inputSchema = z.object({ plan: deploymentPlanSchema });

export function deployStageStep(deps: DeployDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { plan } = inputSchema.parse(input);
      const files: StagedFile[] = [];
      for (const file of plan.files) {
        const before = await currentContent(deps, file.path);
        const whyPerson = fileNeedsPerson(file.path) ?? 'it is part of a deployment';
        const problems = deploymentFileKind(file.path) === undefined ? [] : (await deps.integration.deployments.check(file.path, file.content)).problems.map((problem) => `${problem.severity}${problem.line === undefined ? '' : ` line ${problem.line}`}: ${problem.message}`);
        const staged = { ...file, ...(before !== undefined && { before }), whyPerson, problems };
        if (!deps.approvals) {
          files.push({ ...staged, status: 'staged', note: 'nobody could be asked in this run: apply it yourself from the plan' });
          continue;
        }
        const decision = await deps.approvals.request({ kind: 'edit', workflowId: context.workflowId, path: file.path, ...(before !== undefined && { before }), after: file.content, runsCode: `is part of a deployment plan (${whyPerson}): ${file.purpose}` }, context.signal);
        if (!decision.approved) {
          files.push({ ...staged, status: 'rejected', ...(decision.note && { note: decision.note }) });
          continue;
        }
        try {
          // The person approved this exact content: it is written as theirs.
          await deps.workspace.write(file.path, file.content, { workflowId: context.workflowId, taskId: context.taskId, agent: 'user' });
          files.push({ ...staged, status: 'approved' });
        } catch (error) {
          files.push({ ...staged, status: 'not-applied', note: `approved, but it could not be written here (${(error as Error).message}): apply it yourself from the plan` });
        }
      }
      const commands = plan.commands.map((command) => ({ ...command, whyPerson: commandNeedsPerson(command.command) }));
      const output: DeploymentPlan = { summary: plan.summary, files, commands, nothingRun: true };
      const approved = files.filter((file) => file.status === 'approved').length;
      return { output: { ...output, message: `${files.length} file(s) in the plan, ${approved} approved and written; ${commands.length} command(s) for you to run, none run by an agent.` } };
    },
  };
}

/** The file as it is now; undefined when absent, or when agents may not read it (.github, .vscode: the person sees the whole new file). */
async function currentContent(deps: DeployDependencies, path: string): Promise<string | undefined> {
  try {
    return (await deps.workspace.exists(path)) ? await deps.workspace.read(path) : undefined;
  } catch {
    return undefined;
  }
}
