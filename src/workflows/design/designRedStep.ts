// Red: the UI request becomes deterministic checks (designChecks) on the pages it names, or every
// HTML page; they run in the browser and must fail, or there is nothing for green to do. The
// screenshots before any change are kept for the review.
import { z } from 'zod';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import { describeFindings, designChecks, failingFindings } from '../../superpowers/design/designChecks';
import type { PageCheck } from '../../superpowers/design/uiCheckReport';
import type { DesignRedOutput } from './designRedOutput';
import { shotName } from './designRedOutput';
import type { DesignDependencies } from './designWorkflow';
import { visionAdvice } from './visionAdvice';

const inputSchema = z.object({ request: z.string().min(1), pages: z.array(z.string()).optional() });

const MAX_LISTED_PAGES = 20;

export function designRedStep(deps: DesignDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { request, pages: named } = inputSchema.parse(input);
      const pages = named && named.length > 0 ? named : await workspacePages(deps);
      for (const page of pages) {
        if (!(await deps.workspace.exists(page))) throw new TerminalStepError(`the request names ${page}, which is not in the workspace.`);
      }
      const checks = designChecks(request, pages);
      const results: PageCheck[] = [];
      for (const page of checks.pages) results.push(await deps.pages.check(page, checks.widths));
      const failingFound = failingFindings(results);
      const failing = describeFindings(failingFound);
      if (failing.length === 0) {
        throw new TerminalStepError(`the checks already pass on ${checks.pages.join(', ')} at ${checks.widths.join(', ')} px: nothing for the design workflow to make pass. The request may ask for something the checks do not cover; say it as a page, a width or an accessibility problem.`);
      }
      const before = [];
      for (const page of checks.pages) {
        for (const width of checks.widths) before.push({ page, width, path: await deps.pages.keepScreenshot(page, width, shotName(context.workflowId, 'before', page, width)) });
      }
      const advice = deps.modelSeesImages ? await visionAdvice(failingFound, deps, context) : [];
      const output: DesignRedOutput = {
        pages: [...checks.pages],
        widths: [...checks.widths],
        criteria: [...checks.criteria],
        failing,
        before,
        summary: `${failing.length} serious or critical problem(s) on ${checks.pages.length} page(s) at ${checks.widths.join(', ')} px, as the request expects before the change.`,
        ...(advice.length > 0 && { visionAdvice: advice }),
      };
      return { output };
    },
  };
}

async function workspacePages(deps: DesignDependencies): Promise<string[]> {
  const entries = await deps.workspace.list('', { recursive: true, limit: 2000 });
  return entries
    .map((entry) => entry.path)
    .filter((path) => /\.html?$/i.test(path))
    .sort()
    .slice(0, MAX_LISTED_PAGES);
}
