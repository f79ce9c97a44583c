// What a tool is to an agent: a name and a description the model reads, a zod schema its arguments
// must satisfy, and an executor turning valid arguments into a result the model reads back.
import { z } from 'zod';
import type { TestRunner, ToolSpec, Workspace, WriteOrigin } from '../../core/ports';
import { leanJsonSchema } from '../../shared/leanJsonSchema';

/** Says why this role may not write `path` (workspace-relative, canonical), or undefined if it may. */
export type WriteGuard = (path: string) => string | undefined;

export interface ToolContext {
  readonly workspace: Workspace;
  /** Absent for a role that does not run tests. */
  readonly tests?: TestRunner;
  /** Who writes: every write is journalled under it. */
  readonly origin: WriteOrigin;
  /** The role's write guard (e.g. a test-tamper guard while green is pending). */
  readonly canWrite?: WriteGuard;
  readonly signal?: AbortSignal;
}

export type ToolOutcome = 'ok' | 'error' | 'refused';

export interface ToolResult {
  readonly outcome: ToolOutcome;
  /** What the model reads. */
  readonly content: string;
}

export interface AgentTool<Args = unknown> {
  readonly name: string;
  readonly description: string;
  readonly schema: z.ZodType<Args>;
  /** The file a call concerns, for events. */
  pathOf?(args: Args): string | undefined;
  run(args: Args, context: ToolContext): Promise<ToolResult>;
}

/**
 * The agent's last call: its structured answer. Not an ordinary tool, since the loop stops on it,
 * but the model sees it like one.
 */
export interface FinishTool<Answer extends { readonly summary: string }> {
  readonly name: 'finish';
  readonly description: string;
  readonly schema: z.ZodType<Answer>;
  /** Checks the answer against the workspace; a reason sends it back to the model to fix. */
  verify(answer: Answer, context: ToolContext): Promise<string | undefined>;
}

export const ok = (content: string): ToolResult => ({ outcome: 'ok', content });
export const failed = (content: string): ToolResult => ({ outcome: 'error', content });
export const refused = (content: string): ToolResult => ({ outcome: 'refused', content });

/**
 * The tool as the model is told about it, lean (every token of it is re-sent with every request);
 * the zod schema still checks every call, and a refused call's message says what was wrong.
 */
export function toolSpec(tool: { readonly name: string; readonly description: string; readonly schema: z.ZodType }): ToolSpec {
  return { name: tool.name, description: tool.description, parameters: leanJsonSchema(z.toJSONSchema(tool.schema, { io: 'input' })) };
}
