// The workflows a folder started on a Conductor server, as the server has them now: read from the
// folder's record of them (<folder>/.imperium/conductor-workflows, without the store's lock, so it
// works while a run holds the folder) and each one fetched from the server. For `imperium status
// --engine conductor`.
import { WorkflowExecutor } from '@io-orkes/conductor-javascript';
import { parseWorkflowDefinition } from '../../core/orchestrator/workflowDefinition';
import type { WorkflowSummary } from '../../core/orchestrator/workflowState';
import { type ConductorConnection, ConductorUnreachableError, describeFetchError } from './conductorConnection';
import { snapshotOf, summaryOf } from './conductorSnapshot';

/** The name of the document the Conductor engine keeps its workflows in. */
export const CONDUCTOR_WORKFLOWS_DOCUMENT = 'conductor-workflows';

export interface RecordedWorkflows {
  readonly server?: string;
  readonly workflows: Record<string, { readonly summary: WorkflowSummary; readonly definition: unknown }>;
}

/** Each recorded workflow as the server has it; one the server no longer knows keeps its last summary, with the reason. */
export async function conductorSummaries(connection: ConductorConnection, recorded: RecordedWorkflows): Promise<WorkflowSummary[]> {
  const executor = new WorkflowExecutor(connection.client);
  const summaries: WorkflowSummary[] = [];
  for (const [id, known] of Object.entries(recorded.workflows)) {
    try {
      summaries.push(summaryOf(snapshotOf(await executor.getWorkflow(id, true), parseWorkflowDefinition(known.definition))));
    } catch (error) {
      const detail = describeFetchError(error);
      if (/fetch failed|ECONNREFUSED|ECONNRESET|TimeoutError|no answer in time/i.test(detail)) throw new ConductorUnreachableError(connection.url, detail);
      summaries.push({ ...known.summary, reason: `not found on ${connection.url}: ${detail}` });
    }
  }
  return summaries.sort((a, b) => a.createdAt - b.createdAt);
}
