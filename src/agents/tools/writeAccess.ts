// The role's write guard, asked before any write: a refusal reaches the model as the tool's result.
import { normalizeWorkspacePath } from '../../core/workspace/workspacePath';
import { refused, type ToolContext, type ToolResult } from './agentTool';

/** A refusal for the model when the role may not write `path`, else undefined. */
export function refuseUnwritable(path: string, context: ToolContext): ToolResult | undefined {
  // The guard judges the canonical path, so "src/../test/a.test.ts" is judged as the test file it is.
  const canonical = normalizeWorkspacePath(path);
  const reason = context.canWrite?.(canonical);
  return reason === undefined ? undefined : refused(`You may not write "${canonical}": ${reason}`);
}
