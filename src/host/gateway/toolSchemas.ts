// The Language Model tools' input schemas, as package.json must declare them (a unit test holds it to
// them); kept apart from toolContributions.ts, which activation loads, since they need zod.
import { cancelShape, startShape, statusShape, toolInputJsonSchema, workflowIdShape } from '../../gateway/gatewaySchemas';
import { LANGUAGE_MODEL_TOOLS, MAX_TOOL_WAIT_SECONDS } from './toolContributions';

/** Each tool's inputSchema, as package.json must declare it. */
export function languageModelToolSchemas(): Record<string, Record<string, unknown>> {
  return {
    [LANGUAGE_MODEL_TOOLS.list]: toolInputJsonSchema({}),
    [LANGUAGE_MODEL_TOOLS.start]: toolInputJsonSchema(startShape),
    [LANGUAGE_MODEL_TOOLS.status]: toolInputJsonSchema(statusShape(MAX_TOOL_WAIT_SECONDS)),
    [LANGUAGE_MODEL_TOOLS.report]: toolInputJsonSchema(workflowIdShape),
    [LANGUAGE_MODEL_TOOLS.cancel]: toolInputJsonSchema(cancelShape),
  };
}
