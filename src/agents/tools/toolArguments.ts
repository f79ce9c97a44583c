// Turning a tool call's argument text into typed arguments, or into an error precise enough for the
// model to fix its next call: which argument, what was expected, what came instead.
import type { z } from 'zod';

export type ParsedArguments<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** Says "required" for a missing argument, where zod would say "expected string, received undefined". */
const errorMap: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'invalid_type' && issue.input === undefined ? `required (${issue.expected} expected)` : undefined;

export function parseToolArguments<T>(toolName: string, text: string, schema: z.ZodType<T>): ParsedArguments<T> {
  let raw: unknown;
  // Some models send nothing at all for a call without arguments.
  if (text.trim() === '') raw = {};
  else {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return {
        ok: false,
        message: `The arguments of ${toolName} are not valid JSON (${(error as Error).message}). Send one JSON object, e.g. {"path": "src/index.ts"}, with strings quoted and escaped.`,
      };
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, message: `The arguments of ${toolName} must be a JSON object, not ${Array.isArray(raw) ? 'an array' : JSON.stringify(raw)}.` };
  }
  const parsed = schema.safeParse(raw, { error: errorMap });
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems = parsed.error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : 'arguments';
    return `- ${where}: ${issue.message}`;
  });
  return { ok: false, message: `Invalid arguments for ${toolName}:\n${problems.join('\n')}` };
}
