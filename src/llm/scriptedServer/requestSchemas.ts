// What the scripted server accepts: the parts of Chat Completions and Embeddings requests it reads.
// Other fields pass unchecked, as a real server ignores what it does not support.
import { z } from 'zod';

const messageSchema = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.unknown().optional(),
  tool_calls: z
    .array(z.looseObject({ type: z.string().optional(), function: z.looseObject({ name: z.string().optional(), arguments: z.string().optional() }).optional() }))
    .nullish(),
});

export const chatRequestSchema = z.looseObject({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  user: z.string().nullish(),
  tools: z.array(z.unknown()).nullish(),
});

export const embeddingRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.string()).min(1)], { error: 'input must be a string or a non-empty array of strings (token arrays are not supported here)' }),
  encoding_format: z.enum(['float', 'base64']).nullish(),
  dimensions: z.number().int().min(1).max(4096).nullish(),
});

export type ChatRequestBody = z.output<typeof chatRequestSchema>;

/** The first problem of a request that does not parse, named by its field, for a 400. */
export function describeRequestError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request body is not valid.';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'body';
  return `Invalid request: ${path}: ${issue.message}`;
}
