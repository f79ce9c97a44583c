// The inputs every gateway surface accepts, as zod schemas: MCP derives its tools' JSON schemas from
// them, HTTP validates request bodies with them, the Language Model tools their inputs.
import { z } from 'zod';
import { IMPLEMENT_TARGET_KINDS } from '../shared/implementTarget';

/** Workflow ids are the engine's (`wf-12`); anything else is refused before it reaches the store. */
export const workflowIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a workflow id is letters, digits, ".", "_" and "-", such as wf-3')
  .describe('The workflow id start_workflow answered with, such as "wf-3".');

export const moduleIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9-]*$/, 'a workflow module id is lower-case letters, digits and "-", such as feature')
  .describe('The workflow module to run, by id (list_workflows names them); the first module when omitted.');

export const targetSchema = z.strictObject({
  kind: z.enum(IMPLEMENT_TARGET_KINDS),
  path: z
    .string()
    .min(1)
    .max(1_000)
    .refine((path) => !path.startsWith('/') && !/^[A-Za-z]:/.test(path) && !path.split(/[\\/]/).includes('..'), 'a target path is workspace-relative and stays inside the workspace'),
  startLine: z.int().min(1),
  endLine: z.int().min(1),
  symbol: z.string().min(1).max(200).optional(),
  description: z.string().max(4_000),
  testId: z.string().min(1).max(1_000).optional(),
});

export const startShape = {
  request: z.string().trim().min(1, 'the request is empty: say what to build').max(8_000).describe('What to build or fix, in plain words.'),
  workflow: moduleIdSchema.optional(),
  targets: z.array(targetSchema).max(20).optional().describe('Code the request is about: a stub, a TODO, a failing test or a selection.'),
};
export const startSchema = z.strictObject(startShape);
export type StartInput = z.infer<typeof startSchema>;

export const workflowIdShape = { id: workflowIdSchema };
export const workflowIdInputSchema = z.strictObject(workflowIdShape);

export const cancelShape = { id: workflowIdSchema, reason: z.string().trim().min(1).max(500).optional().describe('Why, for the workflow\'s record.') };
export const cancelSchema = z.strictObject(cancelShape);
export type CancelInput = z.infer<typeof cancelSchema>;

export const eventFilterSchema = z.strictObject({ workflowId: workflowIdSchema.optional() });
export type EventFilter = z.infer<typeof eventFilterSchema>;

/** Parses untrusted input, or throws a GatewayError-ready message naming every problem. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): { ok: true; value: T } | { ok: false; message: string } {
  const parsed = schema.safeParse(input);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: z.prettifyError(parsed.error) };
}

/** workflow_status's input: waiting for the end is bounded by the surface (MCP and Language Model tools wait differently long). */
export function statusShape(maxWaitSeconds: number) {
  return { id: workflowIdSchema, waitSeconds: z.number().min(0).max(maxWaitSeconds).optional().describe(`Wait this long at most (up to ${maxWaitSeconds} seconds) for the workflow to end or pause.`) };
}

/** A tool's input as JSON Schema (draft 2020-12 without its $schema line), as MCP and package.json declare it. */
export function toolInputJsonSchema(shape: z.ZodRawShape): Record<string, unknown> {
  const { $schema: _dialect, ...schema } = z.toJSONSchema(z.object(shape), { io: 'input' }) as Record<string, unknown>;
  return schema;
}
