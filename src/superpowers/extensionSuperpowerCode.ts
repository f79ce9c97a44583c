// The code an installed extension supplies for a superpower it declares (`contributes.imperiumSuperpowers`):
// read from the extension's exported API, `imperiumSuperpowers[<skill name>].tools`, each tool a
// name, a description, a JSON Schema of its arguments and a `run(args, context)` returning text.
// The extension is code the person installed; its tools run in its own extension host, called by
// the agent that loaded the skill. What it exports is checked here: a bad entry is refused with the
// reason and brings nothing.
import { z } from 'zod';
import { failed, ok, type AgentTool } from '../agents/tools/agentTool';
import type { SuperpowerCode } from './superpowerCode';

/** What an extension's tool gets besides its arguments. */
export interface SuperpowerToolContext {
  readonly workflowId: string;
  readonly agent: string;
  readonly signal?: AbortSignal;
}

export type ExtensionCodeRead = { readonly ok: true; readonly code: SuperpowerCode } | { readonly ok: false; readonly problem: string };

const TOOL_NAME = /^[a-z][a-z0-9_]{0,30}$/;
const MAX_TOOLS = 8;
const MAX_DESCRIPTION = 500;
/** An extension's tool that has not answered by then is reported as failed to the agent. */
const TOOL_TIMEOUT_MS = 60_000;

/** The superpower `skillName`'s code from `exports`, the extension's API (what activate() returned). */
export function extensionSuperpowerCode(exports: unknown, skillName: string, extensionId: string, timeoutMs = TOOL_TIMEOUT_MS): ExtensionCodeRead {
  const problem = (text: string): ExtensionCodeRead => ({ ok: false, problem: `${extensionId} declares the superpower ${skillName}, but ${text}` });
  const all = (exports as { imperiumSuperpowers?: unknown } | null | undefined)?.imperiumSuperpowers;
  if (all === undefined || all === null || typeof all !== 'object') return problem('its API exports no imperiumSuperpowers object');
  const entry = (all as Record<string, unknown>)[skillName];
  if (entry === undefined || entry === null || typeof entry !== 'object') return problem(`its imperiumSuperpowers has no entry "${skillName}"`);
  const tools = (entry as { tools?: unknown }).tools;
  if (!Array.isArray(tools) || tools.length === 0) return problem(`imperiumSuperpowers["${skillName}"].tools is not a non-empty list`);
  if (tools.length > MAX_TOOLS) return problem(`it brings ${tools.length} tools; at most ${MAX_TOOLS} are taken`);
  const prefix = skillName.replace(/-/g, '_');
  const built: AgentTool[] = [];
  for (const [index, tool] of tools.entries()) {
    const where = `tool ${index + 1}`;
    if (tool === null || typeof tool !== 'object') return problem(`${where} is not an object`);
    const { name, description, parameters, run } = tool as Record<string, unknown>;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) return problem(`${where}'s name ${JSON.stringify(name)} is not 1-31 lowercase letters, digits or underscores`);
    if (typeof description !== 'string' || description.trim() === '') return problem(`the tool ${name} has no description`);
    if (description.length > MAX_DESCRIPTION) return problem(`the tool ${name}'s description is longer than ${MAX_DESCRIPTION} characters`);
    if (typeof run !== 'function') return problem(`the tool ${name} has no run function`);
    const schema = argumentsSchema(parameters);
    if (typeof schema === 'string') return problem(`the tool ${name}'s parameters ${schema}`);
    const fullName = `${prefix}_${name}`.slice(0, 64);
    if (built.some((other) => other.name === fullName)) return problem(`it names the tool ${name} twice`);
    built.push(extensionTool(fullName, description.trim(), schema, run as ExtensionToolRun, extensionId, timeoutMs));
  }
  return { ok: true, code: { capabilities: built.map((tool) => `tool ${tool.name} (${extensionId})`), tools: built } };
}

const TIMED_OUT = Symbol('timed out');

type ExtensionToolRun = (args: unknown, context: SuperpowerToolContext) => unknown;

function argumentsSchema(parameters: unknown): z.ZodType | string {
  if (parameters === undefined) return z.strictObject({});
  if (parameters === null || typeof parameters !== 'object' || (parameters as { type?: unknown }).type !== 'object') return 'are not a JSON Schema of type "object"';
  try {
    return z.fromJSONSchema(parameters as Parameters<typeof z.fromJSONSchema>[0]);
  } catch (error) {
    return `are not a JSON Schema zod can read: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function extensionTool(name: string, description: string, schema: z.ZodType, run: ExtensionToolRun, extensionId: string, timeoutMs: number): AgentTool {
  return {
    name,
    description,
    schema,
    async run(args, context) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)));
      try {
        const answer = await Promise.race([
          Promise.resolve(run(args, { workflowId: context.origin.workflowId, agent: context.origin.agent, ...(context.signal && { signal: context.signal }) })),
          timeout,
        ]);
        if (answer === TIMED_OUT) return failed(`${name} (from ${extensionId}) did not answer within ${timeoutMs >= 1000 ? `${Math.round(timeoutMs / 1000)} s` : `${timeoutMs} ms`}.`);
        if (typeof answer !== 'string') return failed(`${name} (from ${extensionId}) answered with a ${answer === null ? 'null' : typeof answer}, not text.`);
        return ok(answer);
      } catch (error) {
        return failed(`${name} (from ${extensionId}) failed: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
