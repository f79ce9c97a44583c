// The names package.json contributes for the gateway (languageModelTools,
// mcpServerDefinitionProviders), kept here without 'vscode' so a unit test holds package.json to them.
// Light on purpose: activation loads it (the input schemas are in toolSchemas.ts).

/** The Language Model tools, by the names package.json contributes them under. */
export const LANGUAGE_MODEL_TOOLS = {
  list: 'imperium_list_workflows',
  start: 'imperium_start_workflow',
  status: 'imperium_workflow_status',
  report: 'imperium_workflow_report',
  cancel: 'imperium_cancel_workflow',
} as const;

/** A Language Model tool waits this long at most for a workflow to end, so a chat turn never hangs. */
export const MAX_TOOL_WAIT_SECONDS = 120;

/** As package.json's contributes.mcpServerDefinitionProviders names it. */
export const MCP_PROVIDER_ID = 'imperium-flow.gateway';
