// A Board member's verdict: the schema a model's answer must satisfy, and its parsing.
// Anything that does not parse is an 'invalid' verdict, which the policy counts as not approved.
import { z } from 'zod';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
const DECISIONS = ['approve', 'request-changes', 'veto'] as const;
export type Severity = (typeof SEVERITIES)[number];

const findingSchema = z.object({
  severity: z.enum(SEVERITIES),
  message: z.string().trim().min(1).max(2000),
  file: z.string().max(500).optional(),
  line: z.number().int().positive().optional(),
});

export const verdictSchema = z.object({
  decision: z.enum(DECISIONS),
  summary: z.string().trim().min(1).max(4000),
  findings: z.array(findingSchema).max(50).default([]),
});

export type Finding = z.infer<typeof findingSchema>;
export type ValidVerdict = z.infer<typeof verdictSchema>;
export type Decision = ValidVerdict['decision'];

export type ParsedVerdict =
  | { readonly valid: true; readonly verdict: ValidVerdict }
  | { readonly valid: false; readonly reason: string };

const oneOf = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(' | ');

/**
 * The verdict's shape as the model is shown it, built from the same enums as the zod schema: an
 * example object reads in about a third of the tokens of the JSON Schema and says the same to a
 * model; the schema still checks every answer, and a wrong one is sent back once with the reason.
 */
export const VERDICT_SHAPE =
  `{"decision": ${oneOf(DECISIONS)}, "summary": "your reason, in a sentence or two", ` +
  `"findings": [{"severity": ${oneOf(SEVERITIES)}, "message": "one concrete problem", "file": "path, if any", "line": 1}]}`;

/**
 * Parses a model's answer. Accepts the JSON object alone or inside one fenced code block, since
 * models add fences whatever they are told; anything else is invalid, with the reason recorded.
 */
export function parseVerdict(answer: string | null | undefined): ParsedVerdict {
  if (!answer || answer.trim() === '') return { valid: false, reason: 'the answer was empty' };
  const text = unfence(answer.trim());
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { valid: false, reason: `the answer is not JSON (${(error as Error).message})` };
  }
  const result = verdictSchema.safeParse(json);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    return { valid: false, reason: `the verdict does not match the schema: ${issues.join('; ')}` };
  }
  return { valid: true, verdict: result.data };
}

function unfence(text: string): string {
  const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(text);
  return fenced ? fenced[1].trim() : text;
}
