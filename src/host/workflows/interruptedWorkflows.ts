// Whether a workflow was running when the window last closed, read from the workflow index alone, so
// activation opens the engine (and loads it) only when there is one to resume.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The workflow index's file in the state folder (the store's "workflows" document). */
const INDEX_FILE = 'workflows.json';

/**
 * True when the index records a workflow as RUNNING or SCHEDULED, and when the index cannot be read
 * as JSON (opening the service then repairs it from its backup); false with no index at all.
 */
export async function hasInterruptedWorkflow(stateFolder: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(join(stateFolder, INDEX_FILE), 'utf8');
  } catch {
    return false;
  }
  try {
    const index = JSON.parse(text) as { readonly workflows?: Record<string, { readonly status?: unknown }> };
    return Object.values(index.workflows ?? {}).some((workflow) => workflow.status === 'RUNNING' || workflow.status === 'SCHEDULED');
  } catch {
    return true;
  }
}
