// The design workflow as a module: a UI request made true test-first in a real browser. The
// runtime gives it the workspace's browser (and, in the editor, approvals); without a browser its
// steps end the workflow saying so.
import { withHealing, type HealingOptions } from '../../core/healing/healingStepHandler';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import { pagesNamedIn } from '../../superpowers/design/designChecks';
import { buildWorkflowReport } from '../workflowReport';
import { ModuleInputError, type WorkflowModule } from '../workflowModule';
import { designGreenStep } from './designGreenStep';
import { designRedOutputSchema } from './designRedOutput';
import { designRedStep } from './designRedStep';
import { designReviewStep } from './designReviewStep';
import { DESIGN_PHASES, DESIGN_WORKFLOW, type DesignDependencies } from './designWorkflow';

/** What a design step does when the host gave no browser: end the workflow, saying what to set up. */
const NO_BROWSER: StepHandler = {
  run: () => {
    throw new TerminalStepError('the design workflow needs a browser to check pages in, and none is set up: it needs Chromium (/usr/bin/chromium, or the one imperium.design.browser names in the editor, $IMPERIUM_BROWSER on the command line) and the playwright-core package beside Imperium Flow.');
  },
};

export const designModule: WorkflowModule = (() => {
  const module: WorkflowModule = {
    id: 'design',
    title: 'Design (UI, checked in a browser)',
    description:
      'Makes a UI request true test-first: the request becomes browser checks (accessibility with axe-core, layout at 375, 768 and 1280 px, WCAG 2.1 contrast) that must fail, DesignBot changes markup and styles until they pass, and the Board reviews the change with before and after screenshots.',
    definition: DESIGN_WORKFLOW,
    phases: DESIGN_PHASES,
    input({ request, target }) {
      const text = request.trim();
      if (text === '') throw new ModuleInputError('The request is empty: say which page and what about its UI should change.');
      const fromTarget = target && /\.html?$/i.test(target.path) ? [target.path] : [];
      const pages = [...new Set([...fromTarget, ...pagesNamedIn(text)])];
      return { request: text, ...(pages.length > 0 && { pages }) };
    },
    registerSteps(handlers, deps, healing: HealingOptions) {
      if (!deps.pages) {
        handlers.register('design.red', NO_BROWSER).register('design.green', NO_BROWSER).register('design.review', NO_BROWSER);
        return;
      }
      const design: DesignDependencies = {
        model: deps.model,
        workspace: deps.workspace,
        undo: deps.undo,
        tests: deps.tests,
        board: deps.board,
        pages: deps.pages,
        ...(deps.approvals && { approvals: deps.approvals }),
        limits: deps.limits,
        logger: deps.logger,
        ...(deps.modelSeesImages === true && { modelSeesImages: true }),
      };
      handlers
        .register('design.red', withHealing(designRedStep(design), healing))
        .register('design.green', withHealing(designGreenStep(design), healing))
        .register('design.review', withHealing(designReviewStep(design), healing));
    },
    report(input) {
      const red = designRedOutputSchema.safeParse(input.workflow.tasks.find((task) => task.step === 'red' && task.status === 'COMPLETED')?.output);
      return buildWorkflowReport(module, input, { criteria: red.success ? red.data.criteria : [], tasks: red.success ? red.data.failing : [], learned: [] });
    },
  };
  return module;
})();
