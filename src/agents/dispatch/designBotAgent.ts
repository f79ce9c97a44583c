// DesignBot as a dispatchable agent, held to its own checks in a real browser: the pages its tasks
// name (or the request names, or every HTML page) at phone, tablet and desktop widths, with no
// serious or critical axe violation, no sideways scrolling, nothing cut off and WCAG 2.1 AA
// contrast. Before it changes anything the checks run and screenshots are kept; after each try the
// checks run again and are the gate; once they pass, screenshots after and their diffs are kept.
import { z } from 'zod';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import type { ModelClient, TestRunner, Workspace } from '../../core/ports';
import { describeFindings, designChecks, failingFindings, pagesNamedIn } from '../../superpowers/design/designChecks';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { screenshotName } from '../../superpowers/design/screenshotName';
import type { PageCheck } from '../../superpowers/design/uiCheckReport';
import type { DesignScreenshot } from '../../shared/designScreenshots';
import { runDesignBot } from '../designBot';
import type { ChecksBefore, SelfCheckedAgent, TaskRun } from './taskAgent';
import { agentTaskOf, attemptOf } from './taskWork';

const MAX_LISTED_PAGES = 20;

const stateSchema = z.object({
  pages: z.array(z.string().min(1)).min(1),
  widths: z.array(z.number().int()).min(1),
  before: z.array(z.object({ page: z.string(), width: z.number(), path: z.string() })),
});

export interface DesignBotAgentDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly tests: TestRunner;
  readonly pages: PageInspector;
}

export function designBotAgent(deps: DesignBotAgentDependencies): SelfCheckedAgent {
  const checkAll = async (pages: readonly string[], widths: readonly number[]): Promise<PageCheck[]> => {
    const results: PageCheck[] = [];
    for (const page of pages) results.push(await deps.pages.check(page, widths));
    return results;
  };
  return {
    id: 'designbot',
    title: 'DesignBot',
    handles: 'changes HTML markup and CSS of a page (accessibility, labels and names, contrast, layout that fits phones, tablets and desktops) and checks it in a real browser; name the page in the task.',
    kind: 'self-checked',
    checks: {
      async before({ request, tasks }, run) {
        const named = pagesNamedIn(tasks.join('\n'));
        const pages = named.length > 0 ? named : pagesNamedIn(request).length > 0 ? pagesNamedIn(request) : await workspacePages(deps.workspace);
        if (pages.length === 0) throw new TerminalStepError('DesignBot has a task but there is no HTML page to check: name the page in the task, or add one to the workspace.');
        for (const page of pages) {
          if (!(await deps.workspace.exists(page))) throw new TerminalStepError(`DesignBot's task names ${page}, which is not in the workspace.`);
        }
        const checks = designChecks([request, ...tasks].join('\n'), pages);
        const failing = describeFindings(failingFindings(await checkAll(checks.pages, checks.widths)));
        const before = [];
        for (const page of checks.pages) {
          for (const width of checks.widths) before.push({ page, width, path: await deps.pages.keepScreenshot(page, width, screenshotName(run.workflowId, 'designbot-before', page, width)) });
        }
        return { criteria: checks.criteria, failing, state: { pages: [...checks.pages], widths: [...checks.widths], before } };
      },
      async failing(before, _run) {
        const { pages, widths } = stateOf(before);
        return describeFindings(failingFindings(await checkAll(pages, widths)));
      },
      async evidence(before, run) {
        const state = stateOf(before);
        const checks = await checkAll(state.pages, state.widths);
        const screenshots: DesignScreenshot[] = [];
        for (const shot of state.before) {
          const after = await deps.pages.keepScreenshot(shot.page, shot.width, screenshotName(run.workflowId, 'designbot-after', shot.page, shot.width));
          const diff = await deps.pages.keepDiff(shot.path, after, screenshotName(run.workflowId, 'designbot-diff', shot.page, shot.width));
          screenshots.push({ page: shot.page, width: shot.width, before: shot.path, after, diff: diff.path, differentPixels: diff.differentPixels, totalPixels: diff.totalPixels });
        }
        return {
          lines: screenshots.map((shot) => `${shot.page} at ${shot.width} px: ${shot.differentPixels} of ${shot.totalPixels} pixels changed (before ${shot.before}, after ${shot.after}, diff ${shot.diff})`),
          screenshots,
          undecided: checks.flatMap((check) => check.review.map((item) => `${item.page}: ${item.rule} on ${item.element}: ${item.message}`)),
          advice: checks.flatMap((check) => check.advice.map((item) => `${item.page}: ${item.message} (${item.element})`)),
        };
      },
    },
    async attempt(work, run: TaskRun) {
      const result = await runDesignBot(
        agentTaskOf(work),
        { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: run.emit, pages: deps.pages, ...(work.tools && { tools: work.tools }), ...(work.equipTools && { equipTools: work.equipTools }) },
        { workflowId: run.workflowId, ...(run.taskId !== undefined && { taskId: run.taskId }), signal: run.signal, ...(run.maxSteps !== undefined && { maxSteps: run.maxSteps }) },
      );
      return attemptOf(result, run);
    },
  };
}

function stateOf(before: ChecksBefore): z.infer<typeof stateSchema> {
  const parsed = stateSchema.safeParse(before.state);
  if (!parsed.success) throw new Error(`DesignBot's checks before the change are not readable: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

async function workspacePages(workspace: Workspace): Promise<string[]> {
  const entries = await workspace.list('', { recursive: true, limit: 2000 });
  return entries
    .map((entry) => entry.path)
    .filter((path) => /\.html?$/i.test(path))
    .sort()
    .slice(0, MAX_LISTED_PAGES);
}
