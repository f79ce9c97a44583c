// The part of the host that runs workflows, loaded on first use as a bundle of its own
// (dist/engine.js, see esbuild.config.mjs), not at activation: the runtime, the agents, the model
// clients, the skill registry, the test runners and the gateway's servers. Everything activation
// registers reaches it through loadEngine() (./lazyEngine.ts).
export { openMemories, openWorkflowService } from './workflows/openWorkflows';
export { openScriptedTrial } from './firstRun/openScriptedTrial';
export { openWorkflowDashboard } from './workflows/openWorkflowDashboard';
export { runDeploymentCommand } from './workflows/deploymentCommand';
export { GatewayCommands } from '../gateway/gatewayCommands';
export { startGatewayHttpServer } from '../gateway/http/gatewayHttpServer';
export { ServiceGatewayRuntime } from './gateway/serviceGatewayRuntime';
export { TestRunnerError, WorkspaceTestRunner } from '../infra/testRunners/workspaceTestRunner';
export { BrowserUnavailableError, openChromium } from '../infra/browser/chromiumSession';
export { checkPages, PageLoadError } from '../infra/browser/pageChecker';
export { PageTargetError, resolvePageTargets } from '../infra/browser/pageTargets';
export { OpenAiCompatibleClient } from '../llm/openAiCompatibleClient';
export { listEndpointModels } from '../llm/endpointModels';
export { countTextTokens } from '../llm/tokenCount';
export { handleChatRequest } from './chat/chatRequestHandler';
export { EditorChatWorkflows } from './chat/editorChatWorkflows';
