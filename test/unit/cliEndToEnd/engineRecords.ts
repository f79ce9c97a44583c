// What a CLI run leaves behind, read back as a user's script would: the JSON report, and the engine's
// records in <folder>/.imperium (the event log, the write journal, the workflow's state).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { STATE_FOLDER } from '../../../src/runtime/folderStore';
import type { JournalEntry, JournalWrite } from '../../../src/core/journal/journalEntry';
import type { WorkflowState } from '../../../src/core/orchestrator/workflowState';
import type { EngineEvent, RetryEvent, TestRunEvent, ToolCallEvent } from '../../../src/shared/events';
import type { TestRunResult } from '../../../src/shared/testResults';
import type { WorkflowReport } from '../../../src/workflows/workflowReport';

export function readReport(file: string): WorkflowReport {
  return JSON.parse(readFileSync(file, 'utf8')) as WorkflowReport;
}

export function readTestRun(json: string): TestRunResult {
  return JSON.parse(json) as TestRunResult;
}

function readJsonLines<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

export function readEvents(folder: string): EngineEvent[] {
  return readJsonLines<EngineEvent>(join(folder, STATE_FOLDER, 'events.jsonl'));
}

export function readJournalWrites(folder: string): JournalWrite[] {
  return readJsonLines<JournalEntry>(join(folder, STATE_FOLDER, 'journal.jsonl')).filter((entry): entry is JournalWrite => entry.kind === 'write');
}

export function readWorkflow(folder: string, id: string): WorkflowState {
  return JSON.parse(readFileSync(join(folder, STATE_FOLDER, `workflow-${id}.json`), 'utf8')) as WorkflowState;
}

export function toolEvents(events: readonly EngineEvent[]): ToolCallEvent[] {
  return events.filter((event): event is ToolCallEvent => event.type === 'tool');
}

export function retryEvents(events: readonly EngineEvent[]): RetryEvent[] {
  return events.filter((event): event is RetryEvent => event.type === 'retry');
}

/** The engine's finished test runs, by label without the workflow id ("red: baseline", "green: attempt 1"). */
export function finishedTestRuns(events: readonly EngineEvent[]): Map<string, TestRunEvent> {
  const runs = new Map<string, TestRunEvent>();
  for (const event of events) {
    if (event.type === 'test-run' && event.state === 'finished') runs.set(event.label.replace(/^\S+ /, ''), event);
  }
  return runs;
}

/** The output of the last task of a step. */
export function stepOutput(workflow: WorkflowState, step: string): Record<string, unknown> | undefined {
  return workflow.tasks.filter((task) => task.step === step).at(-1)?.output;
}
