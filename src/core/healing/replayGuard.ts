// A step that writes files is never applied twice. Each run of a guarded step is recorded (with
// the write journal's position when it started) before it begins and when it ends. A run with no
// end was cut off (a crash, a killed window, an engine shut down mid-step): before the step runs
// again, the journal takes back what that run wrote, so the new run starts from the files as they
// were and its writes land once. A run that ended, even in failure, is left alone: the retry
// ladder's next attempt builds on it on purpose.
import type { WorkflowUndo } from '../journal/journalEntry';
import { TaskInterruptedError, type StepContext } from '../orchestrator/stepHandler';
import type { AppendLog, Clock } from '../ports';

export type AttemptRecord =
  | { readonly kind: 'started'; readonly workflowId: string; readonly step: string; readonly taskId: string; readonly mark: number; readonly at: number }
  | { readonly kind: 'ended'; readonly workflowId: string; readonly taskId: string; readonly at: number; readonly rolledBack?: boolean };

export class ReplayGuard {
  private records: Promise<AttemptRecord[]> | undefined;

  constructor(
    private readonly undo: WorkflowUndo,
    private readonly log: AppendLog<AttemptRecord>,
    private readonly clock: Pick<Clock, 'now'>,
  ) {}

  async run<T>(context: StepContext, work: () => Promise<T>): Promise<T> {
    await this.rollBackCutOff(context);
    const mark = await this.undo.mark();
    await this.append({ kind: 'started', workflowId: context.workflowId, step: context.step, taskId: context.taskId, mark: mark.seq, at: this.clock.now() });
    let cutOff = false;
    try {
      return await work();
    } catch (error) {
      // Stopped from outside before it finished: its writes are partial, as after a crash.
      cutOff = context.signal.aborted && context.signal.reason instanceof TaskInterruptedError && context.signal.reason.by !== 'cancel';
      throw error;
    } finally {
      if (!cutOff) await this.append({ kind: 'ended', workflowId: context.workflowId, taskId: context.taskId, at: this.clock.now() });
    }
  }

  private async rollBackCutOff(context: StepContext): Promise<void> {
    const records = await this.load();
    const ended = new Set(records.flatMap((record) => (record.kind === 'ended' && record.workflowId === context.workflowId ? [record.taskId] : [])));
    const cutOff = records.filter((record): record is Extract<AttemptRecord, { kind: 'started' }> => record.kind === 'started' && record.workflowId === context.workflowId && !ended.has(record.taskId));
    if (cutOff.length === 0) return;
    // The workflow runs one step at a time, so everything it wrote since the earliest cut-off start is theirs.
    const since = Math.min(...cutOff.map((record) => record.mark));
    const report = await this.undo.rollback(context.workflowId, { seq: since });
    for (const record of cutOff) await this.append({ kind: 'ended', workflowId: record.workflowId, taskId: record.taskId, at: this.clock.now(), rolledBack: true });
    const parts = [
      report.restored.length > 0 && `restored ${report.restored.join(', ')}`,
      report.deleted.length > 0 && `removed ${report.deleted.join(', ')}`,
      report.skipped.length > 0 && `left ${report.skipped.map((skip) => `${skip.path} (${skip.reason})`).join(', ')}`,
    ].filter(Boolean);
    context.emit({
      type: 'healing',
      workflowId: context.workflowId,
      taskId: context.taskId,
      action: 'rolled-back',
      failure: 'interrupted',
      summary: `step "${cutOff.map((record) => record.step).join('", "')}" was cut off before it finished; ${parts.length > 0 ? parts.join('; ') : 'it had written nothing'}, so it runs again from the files as they were`,
    });
  }

  private load(): Promise<AttemptRecord[]> {
    if (!this.records) {
      const loading = this.log.readAll();
      this.records = loading;
      // A failed read is tried again by the next run rather than remembered.
      loading.catch(() => {
        if (this.records === loading) this.records = undefined;
      });
    }
    return this.records;
  }

  private async append(record: AttemptRecord): Promise<void> {
    const records = await this.load();
    await this.log.append(record);
    records.push(record);
  }
}
