// Short-term memory: what one workflow has established so far (the request, its criteria, the plan,
// decisions, test results, files touched, failures), kept as an append-only log per workflow so an
// entry is never rewritten, recalled by agents (BM25+ over the entries) and packed into prompts
// within a token budget, the most important first.
import { z } from 'zod';
import { AGENT_ROLES, type AgentRole } from '../../shared/agents';
import type { Clock, CountTextTokens, Store } from '../ports';
import { packWithinBudget, type PackedContext, type PackItem } from './contextPacker';
import { LexicalIndex } from './lexicalIndex';
import { MemoryInputError, type MemoryRecord, parseMemoryInput } from './memoryRecord';

export const CONTEXT_KINDS = ['request', 'criteria', 'plan', 'decision', 'test-result', 'files', 'failure', 'note'] as const;
export type ContextKind = (typeof CONTEXT_KINDS)[number];

export interface ContextEntry {
  readonly kind: ContextKind;
  readonly text: string;
  /** Epoch milliseconds. */
  readonly at: number;
  /** Who said it: an agent, the Board, the engine or the user. */
  readonly by?: AgentRole | 'board' | 'engine' | 'user';
  readonly taskId?: string;
}

const entryInputSchema = z.strictObject({
  kind: z.enum(CONTEXT_KINDS),
  text: z.string().trim().min(1).max(100_000),
  by: z.enum([...AGENT_ROLES, 'board', 'engine', 'user']).optional(),
  taskId: z.string().min(1).max(200).optional(),
});
export type ContextEntryInput = Omit<ContextEntry, 'at'>;

export interface PackOptions {
  readonly budgetTokens: number;
  /** Long-term memories recalled for the task, best first. */
  readonly patterns?: readonly MemoryRecord[];
  /** Kinds the prompt already states elsewhere (an agent's task names its request and criteria). */
  readonly leaveOut?: readonly ContextKind[];
}

/** Sections in the order a prompt shows them. */
const SECTIONS: Readonly<Record<ContextKind | 'pattern', string>> = {
  request: 'Request',
  criteria: 'Acceptance criteria',
  plan: 'Plan',
  decision: 'Decisions',
  'test-result': 'Test results',
  files: 'Files touched',
  failure: 'Failures so far',
  pattern: 'Learned patterns',
  note: 'Notes',
};
const SECTION_ORDER = Object.values(SECTIONS);

/**
 * What goes in first when the budget is short: the request and its criteria above all, then the
 * latest failure, plan and test result; older ones of those only after decisions and files.
 */
const PRIORITY: Readonly<Record<ContextKind, { readonly latest: number; readonly older: number }>> = {
  request: { latest: 100, older: 100 },
  criteria: { latest: 95, older: 95 },
  failure: { latest: 90, older: 35 },
  plan: { latest: 80, older: 20 },
  'test-result': { latest: 75, older: 25 },
  decision: { latest: 60, older: 60 },
  files: { latest: 50, older: 50 },
  note: { latest: 30, older: 30 },
};
const PATTERN_PRIORITY = 40;

const WORKFLOW_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export class WorkflowMemory {
  private readonly loaded = new Map<string, Promise<ContextEntry[]>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Pick<Clock, 'now'>,
    private readonly countTokens: CountTextTokens,
  ) {}

  /** Appends an entry to the workflow's context; resolves once it is in the log. */
  async record(workflowId: string, input: ContextEntryInput): Promise<ContextEntry> {
    const checked = parseMemoryInput(entryInputSchema, input, `A context entry of workflow ${workflowId}`);
    const entry: ContextEntry = { ...checked, at: this.clock.now() };
    const entries = await this.load(workflowId);
    await this.store.log<ContextEntry>(logName(workflowId)).append(entry);
    entries.push(entry);
    return entry;
  }

  /** Every entry, oldest first. */
  async entries(workflowId: string): Promise<readonly ContextEntry[]> {
    return [...(await this.load(workflowId))];
  }

  /** The entries that best match the query (BM25+), best first. */
  async recall(workflowId: string, query: string, limit = 5): Promise<ContextEntry[]> {
    if (query.trim() === '') throw new MemoryInputError('A recall needs a query: the words to look for.');
    const entries = await this.load(workflowId);
    const index = new LexicalIndex();
    entries.forEach((entry, position) => index.set({ id: String(position), title: entry.kind, text: entry.text, tags: [] }));
    return index.rank(query, limit).map((hit) => entries[Number(hit.id)]);
  }

  /** The workflow's context (and any learned patterns given) within the budget, most important first. */
  async pack(workflowId: string, options: PackOptions): Promise<PackedContext> {
    const entries = await this.load(workflowId);
    const latest = new Map<ContextKind, number>();
    entries.forEach((entry, position) => latest.set(entry.kind, position));
    const items: PackItem[] = entries.flatMap((entry, position) =>
      options.leaveOut?.includes(entry.kind)
        ? []
        : [
            {
              section: SECTIONS[entry.kind],
              text: attributed(entry),
              priority: latest.get(entry.kind) === position ? PRIORITY[entry.kind].latest : PRIORITY[entry.kind].older,
              order: position,
            },
          ],
    );
    (options.patterns ?? []).forEach((pattern, rank) =>
      items.push({ section: SECTIONS.pattern, text: `${pattern.title} (${pattern.kind}): ${pattern.text}`, priority: PATTERN_PRIORITY - rank / 100, order: rank }),
    );
    return packWithinBudget(items, SECTION_ORDER, options.budgetTokens, this.countTokens);
  }

  private load(workflowId: string): Promise<ContextEntry[]> {
    if (!WORKFLOW_ID.test(workflowId)) throw new MemoryInputError(`"${workflowId}" is not a workflow id.`);
    let loading = this.loaded.get(workflowId);
    if (!loading) {
      // A line a hand edit broke is left out rather than allowed to break every prompt.
      loading = this.store
        .log<ContextEntry>(logName(workflowId))
        .readAll()
        .then((entries) => entries.filter((entry) => (CONTEXT_KINDS as readonly unknown[]).includes(entry?.kind) && typeof entry.text === 'string' && typeof entry.at === 'number'));
      this.loaded.set(workflowId, loading);
      loading.catch(() => this.loaded.delete(workflowId));
    }
    return loading;
  }
}

const logName = (workflowId: string) => `context-${workflowId}`;

/**
 * An entry's text with who recorded it, when that tells the model something: not for the engine's
 * own records (test results, failures: facts, not anyone's view), nor when the text names its author
 * already ("CodeBot: ...", "The Board on the plan: ..."), which would only repeat it.
 */
function attributed(entry: ContextEntry): string {
  if (!entry.by || entry.by === 'engine') return entry.text;
  // `by` is a role name (lower-case letters and hyphens): "product-owner" is named as "Product Owner" too.
  const named = new RegExp(`\\b${entry.by.replaceAll('-', '[- ]?')}\\b`, 'i');
  return named.test(entry.text) ? entry.text : `${entry.text} (${entry.by})`;
}
