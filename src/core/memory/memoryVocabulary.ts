// Long-term memory's names, without the schemas (memoryRecord.ts): what the editor's memory commands
// need at activation.

/** What kind of lesson a memory is; the user sees these names. */
export const MEMORY_KINDS = ['convention', 'fix', 'rule'] as const;
export type MemoryKind = (typeof MEMORY_KINDS)[number];

/** workspace: this project only (its storage folder); global: every project (the global folder). */
export const MEMORY_SCOPES = ['workspace', 'global'] as const;
export type MemoryScope = (typeof MEMORY_SCOPES)[number];

/** A memory given by a caller (a person editing one, the promotion) that does not hold. */
export class MemoryInputError extends Error {
  override readonly name = 'MemoryInputError';
}
