// The design workflow as a module: a UI request made true test-first in a real browser. The
// composition root gives it the page inspector for a workspace (and, in the editor, approvals).
import { withHealing, type HealingOptions } from '../../core/healing/healingStepHandler';
import type { Approvals } from '../../core/ports';
import { pagesNamedIn } from '../../superpowers/design/designChecks';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { buildWorkflowReport } from '../workflowReport';
import { ModuleInputError, type WorkflowModule } from '../workflowModule';
import { designGreenStep } from './designGreenStep';
import { designRedOutputSchema } from './designRedOutput';
import { designRedStep } from './designRedStep';
import { designReviewStep } from './designReviewStep';
import { DESIGN_PHASES, DESIGN_WORKFLOW, type DesignDependencies } from './designWorkflow';

export interface DesignModuleOptions {
  /** The browser for the workspace at this root (an absolute path, or a URI string in the editor). */
  readonly pages: (workspaceRoot: string) => PageInspector;
  readonly approvals?: Approvals;
}

export function designModule(options: DesignModuleOptions): WorkflowModule {
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
      const design: DesignDependencies = {
        model: deps.model,
        workspace: deps.workspace,
        undo: deps.undo,
        tests: deps.tests,
        board: deps.board,
        pages: options.pages(deps.workspace.root),
        ...(options.approvals && { approvals: options.approvals }),
        limits: deps.limits,
        logger: deps.logger,
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
}
