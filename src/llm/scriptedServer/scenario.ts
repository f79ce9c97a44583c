// The scenario a scripted model server answers from: replies per agent role, in order, chosen by
// matching the request, with faults to inject. Format and examples: docs/scripted-model-server.md.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AGENT_ROLES } from '../../shared/agents';

/** Scenario keys for replies any role may get, after its own list has none that matches. */
export const ANY_ROLE = '*';

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
}

const isRegex = (pattern: string): boolean => {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
};

const whenSchema = z
  .strictObject({
    lastMessageContains: z.string().min(1).optional(),
    lastMessageMatches: z.string().min(1).refine(isRegex, 'is not a valid JavaScript regular expression').optional(),
    afterToolResult: z.boolean().optional(),
  })
  .refine((when) => Object.keys(when).length > 0, 'needs at least one condition (lastMessageContains, lastMessageMatches, afterToolResult)');

const toolCallSchema = z
  .strictObject({
    id: z.string().min(1).optional(),
    name: z.string().min(1),
    arguments: z.record(z.string(), z.unknown()).optional(),
    rawArguments: z.string().optional(),
  })
  .refine((call) => (call.arguments === undefined) !== (call.rawArguments === undefined), {
    message: 'needs exactly one of arguments (an object, sent as JSON) or rawArguments (text sent as is, e.g. malformed JSON)',
    path: ['arguments'],
  });

const faultSchema = z.strictObject({
  delayMs: z.number().int().min(0).max(600_000).optional(),
  status: z.number().int().min(400).max(599).optional(),
  message: z.string().min(1).optional(),
  code: z.string().min(1).optional(),
  retryAfter: z.union([z.number().min(0), z.string().min(1)]).optional(),
  retryAfterMs: z.number().int().min(0).optional(),
  cutAfterChunks: z.number().int().min(0).optional(),
  chunkDelayMs: z.number().int().min(0).max(60_000).optional(),
  omitUsage: z.boolean().optional(),
});

const replyFields = {
  content: z.string().optional(),
  toolCalls: z.array(toolCallSchema).min(1).optional(),
  finishReason: z.enum(['stop', 'tool_calls', 'length', 'content_filter']).optional(),
  fault: faultSchema.optional(),
};

type ReplyShape = { content?: string; toolCalls?: unknown[]; fault?: z.infer<typeof faultSchema> };

/** The rules every reply obeys, whether scripted or the fallback. */
function checkReply(reply: ReplyShape, context: z.core.$RefinementCtx): void {
  const fault = reply.fault ?? {};
  const answers = reply.content !== undefined || reply.toolCalls !== undefined;
  if (fault.status === undefined) {
    if (!answers) context.addIssue({ code: 'custom', message: 'needs content, toolCalls, or both (or a fault.status to answer with an error)', path: ['content'] });
    for (const key of ['message', 'code', 'retryAfter', 'retryAfterMs'] as const) {
      if (fault[key] !== undefined) context.addIssue({ code: 'custom', message: 'applies only with fault.status', path: ['fault', key] });
    }
    return;
  }
  if (answers) context.addIssue({ code: 'custom', message: 'a reply with fault.status answers with that error, so it cannot have content or toolCalls', path: ['fault', 'status'] });
  for (const key of ['cutAfterChunks', 'chunkDelayMs', 'omitUsage'] as const) {
    if (fault[key] !== undefined) context.addIssue({ code: 'custom', message: 'does not apply to an error reply (fault.status)', path: ['fault', key] });
  }
}

const replyBodySchema = z.strictObject(replyFields).superRefine(checkReply);

const replySchema = z
  .strictObject({
    ...replyFields,
    when: whenSchema.optional(),
    times: z.number().int().min(1).max(10_000).default(1),
  })
  .superRefine(checkReply);

const scenarioSchema = z.strictObject({
  description: z.string().optional(),
  model: z.string().min(1).default('scripted-model'),
  roles: z.partialRecord(z.enum([...AGENT_ROLES, ANY_ROLE]), z.array(replySchema)),
  fallback: z.union([z.literal('error'), z.strictObject({ reply: replyBodySchema })]).default('error'),
  embeddings: z.strictObject({ dimensions: z.number().int().min(8).max(4096).default(256) }).default({ dimensions: 256 }),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScriptedReply = z.output<typeof replySchema>;
export type ReplyBody = z.output<typeof replyBodySchema>;
export type ReplyMatcher = z.output<typeof whenSchema>;
export type ScriptedToolCall = z.output<typeof toolCallSchema>;

/** Validates a scenario; every problem is named by its field, e.g. `roles.codebot[2].toolCalls[0].name`. */
export function parseScenario(value: unknown, source = 'scenario'): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${formatPath(issue.path)}: ${describeIssue(issue)}`);
  throw new ScenarioError(`${source} is not a valid scenario:\n${problems.join('\n')}`);
}

export async function readScenarioFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ScenarioError(`Could not read the scenario file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`The scenario file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseScenario(json, path);
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys' && issue.path.length === 1 && issue.path[0] === 'roles') {
    return `${issue.message}; the roles are ${[...AGENT_ROLES, ANY_ROLE].map((role) => `"${role}"`).join(', ')}`;
  }
  return issue.message;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the scenario itself)';
  return path
    .map((key, index) => {
      if (typeof key === 'number') return `[${key}]`;
      const name = String(key);
      if (!/^[A-Za-z_$][\w$]*$/.test(name)) return `[${JSON.stringify(name)}]`;
      return index === 0 ? name : `.${name}`;
    })
    .join('');
}
