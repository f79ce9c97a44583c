// Workflows whose state is gone (the state file and its backup both damaged or deleted) but whose
// writes are still in the journal: a person must hear what was lost and how to take it back, not
// "nothing to resume".
import type { JournalEntry } from '../core/journal/journalEntry';
import type { AppendLog } from '../core/ports';

export interface LostWorkflow {
  readonly workflowId: string;
  /** Files it wrote that are not undone, in the order first written. */
  readonly files: readonly string[];
}

/** The journal's workflows with writes not undone that `known` does not hold. */
export async function lostWorkflows(journal: AppendLog<JournalEntry>, known: ReadonlySet<string>): Promise<LostWorkflow[]> {
  const entries = await journal.readAll();
  const reverted = new Set(entries.flatMap((entry) => (entry.kind === 'revert' ? entry.reverted : [])));
  const files = new Map<string, string[]>();
  for (const entry of entries) {
    if (entry.kind !== 'write' || reverted.has(entry.seq) || known.has(entry.workflowId)) continue;
    const list = files.get(entry.workflowId) ?? [];
    if (!list.includes(entry.path)) list.push(entry.path);
    files.set(entry.workflowId, list);
  }
  return [...files].map(([workflowId, paths]) => ({ workflowId, files: paths }));
}

/** What to tell a person: what was lost, and the command that takes it back. */
export function lostWorkflowText(lost: readonly LostWorkflow[], folderArgument: string): string {
  return lost
    .map(
      ({ workflowId, files }) =>
        `The state of workflow ${workflowId} was lost (its state file and backup are damaged or gone), so it cannot be resumed. ` +
        `It had written ${files.length} file${files.length === 1 ? '' : 's'}: ${files.slice(0, 10).join(', ')}${files.length > 10 ? ', ...' : ''}.\n` +
        `Take them back with: imperium undo ${folderArgument} --workflow ${workflowId}\n`,
    )
    .join('');
}
