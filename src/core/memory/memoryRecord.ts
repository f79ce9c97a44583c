// Long-term memory's vocabulary: a learned pattern, where it came from, and the checked shapes a
// caller (the promotion at a workflow's end, the user editing one in the command center) may give.
import { z } from 'zod';
import { MEMORY_KINDS, MEMORY_SCOPES, MemoryInputError, type MemoryKind, type MemoryScope } from './memoryVocabulary';

export { MEMORY_KINDS, MEMORY_SCOPES, MemoryInputError, type MemoryKind, type MemoryScope } from './memoryVocabulary';

/** Where a memory was learned: a workflow whose tests passed and that the Board approved. */
export interface MemoryProvenance {
  readonly workflowId: string;
  /** The request the workflow carried out, first line, for the reader. */
  readonly request: string;
  /** Workspace-relative files the workflow changed. */
  readonly files: readonly string[];
  /** Ids of the tests that passed in the workflow's final run. */
  readonly tests: readonly string[];
  /** Why the Board approved, as it said. */
  readonly boardReasons: readonly string[];
  /** Epoch milliseconds. */
  readonly promotedAt: number;
}

/** An embedding kept with its memory: the vector space (the embedding model) it belongs to, and the vector. */
export interface StoredEmbedding {
  readonly space: string;
  /** Little-endian float32s, base64: a quarter of the size of a JSON array of numbers. */
  readonly vector: string;
}

export interface MemoryRecord {
  readonly id: string;
  readonly scope: MemoryScope;
  readonly kind: MemoryKind;
  readonly title: string;
  readonly text: string;
  readonly tags: readonly string[];
  readonly provenance: MemoryProvenance;
  /** Epoch milliseconds. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Set when the user changed it after promotion. */
  readonly editedByUser?: boolean;
  readonly embedding?: StoredEmbedding;
}

const MAX_TITLE = 200;
const MAX_TEXT = 8_000;
const MAX_TAGS = 20;

const tagSchema = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .transform((tag) => tag.toLowerCase());

/** A pattern to learn, as the workflow's end (or a person) states it. */
export const memoryDraftSchema = z.strictObject({
  kind: z.enum(MEMORY_KINDS),
  scope: z.enum(MEMORY_SCOPES).default('workspace'),
  title: z.string().trim().min(1).max(MAX_TITLE),
  text: z.string().trim().min(1).max(MAX_TEXT),
  tags: z.array(tagSchema).max(MAX_TAGS).default([]),
});
export type MemoryDraft = z.input<typeof memoryDraftSchema>;

/** What the user may change; scope moves the memory to the other folder. */
export const memoryEditSchema = z
  .strictObject({
    kind: z.enum(MEMORY_KINDS).optional(),
    scope: z.enum(MEMORY_SCOPES).optional(),
    title: z.string().trim().min(1).max(MAX_TITLE).optional(),
    text: z.string().trim().min(1).max(MAX_TEXT).optional(),
    tags: z.array(tagSchema).max(MAX_TAGS).optional(),
  })
  .refine((edit) => Object.values(edit).some((value) => value !== undefined), { message: 'an edit must change at least one field' });
export type MemoryEdit = z.input<typeof memoryEditSchema>;

/** A request the memory refuses, with a message a person can act on. */

/** Parses with `schema` or throws MemoryInputError naming every field at fault. */
export function parseMemoryInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new MemoryInputError(`${what} is invalid:\n${z.prettifyError(result.error)}`);
}

/** The text lexical and semantic ranking read: title, body and tags. */
export function searchableText(record: Pick<MemoryRecord, 'title' | 'text' | 'tags'>): string {
  return [record.title, record.text, record.tags.join(' ')].filter((part) => part !== '').join('\n');
}
