// The integration workflow as a module: an API integration made true contract-first. The runtime
// gives it the API description tools; without them its steps end the workflow saying so.
import { withHealing, type HealingOptions } from '../../core/healing/healingStepHandler';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import { buildWorkflowReport } from '../workflowReport';
import { ModuleInputError, type WorkflowModule } from '../workflowModule';
import { integrationGreenStep } from './integrationGreenStep';
import { integrationRedOutputSchema } from './integrationRedOutput';
import { integrationRedStep } from './integrationRedStep';
import { integrationReviewStep } from './integrationReviewStep';
import { INTEGRATION_PHASES, INTEGRATION_WORKFLOW, type IntegrationDependencies } from './integrationWorkflow';

const NO_TOOLS: StepHandler = {
  run: () => {
    throw new TerminalStepError('the integration workflow needs the API description tools, and this host gives none.');
  },
};

const SPEC_FILE = /(?:^|[\s"'`(])((?:[\w.-]+\/)*[\w.-]+\.(?:ya?ml|json))(?=$|[\s"'`),.;:])/i;
const MODULE_FILE = /(?:^|[\s"'`(])((?:[\w.-]+\/)*[\w-]+\.ts)(?=$|[\s"'`),.;:])/;

export const integrationModule: WorkflowModule = (() => {
  const module: WorkflowModule = {
    id: 'integration',
    title: 'Integration (contract-first, from an OpenAPI description)',
    description:
      'Integrates with an HTTP API contract-first: the OpenAPI description is validated, contract tests for the operations the request needs are written from it and shown to fail against a mock of the API, IntegrationBot wires a generated typed client (openapi-typescript, openapi-fetch) into the code until they pass, and the Board reviews the change.',
    definition: INTEGRATION_WORKFLOW,
    phases: INTEGRATION_PHASES,
    input({ request, target }) {
      const text = request.trim();
      const fromTarget = target && /\.(ya?ml|json)$/i.test(target.path) ? target.path : undefined;
      const spec = fromTarget ?? SPEC_FILE.exec(text)?.[1];
      if (spec === undefined) throw new ModuleInputError('Name the OpenAPI description the integration is to follow (for example "openapi.yaml"), or start it from the description\'s code lens.');
      const base = (spec.split('/').pop() ?? spec).replace(/\.(ya?ml|json)$/i, '').replace(/[^\w]+(\w)?/g, (_all, next: string | undefined) => (next ?? '').toUpperCase());
      const module = MODULE_FILE.exec(text)?.[1] ?? `src/${base}Api.ts`;
      return { request: text === '' ? `Integrate with the API ${spec} describes.` : text, spec, module };
    },
    registerSteps(handlers, deps, healing: HealingOptions) {
      if (!deps.integration) {
        handlers.register('integration.red', NO_TOOLS).register('integration.green', NO_TOOLS).register('integration.review', NO_TOOLS);
        return;
      }
      const integration: IntegrationDependencies = { model: deps.model, workspace: deps.workspace, undo: deps.undo, tests: deps.tests, board: deps.board, integration: deps.integration, limits: deps.limits, logger: deps.logger };
      handlers
        .register('integration.red', withHealing(integrationRedStep(integration), healing))
        .register('integration.green', withHealing(integrationGreenStep(integration), healing))
        .register('integration.review', withHealing(integrationReviewStep(integration), healing));
    },
    report(input) {
      const red = integrationRedOutputSchema.safeParse(input.workflow.tasks.find((task) => task.step === 'red' && task.status === 'COMPLETED')?.output);
      return buildWorkflowReport(module, input, { criteria: red.success ? red.data.criteria : [], tasks: red.success ? red.data.failing : [], learned: [] });
    },
  };
  return module;
})();
