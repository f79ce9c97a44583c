// What each task this workspace's workers ran came to, kept before the result is sent to the
// server. Conductor may deliver a task again (the update was lost, the response timeout passed
// while the result was on its way): a delivery of a task whose outcome is kept gets that outcome
// back without the step running again, and a new attempt of a step visit whose earlier attempt
// completed here gets that completion, so an edit is never applied twice.
import type { AppendLog } from '../../core/ports';

export type DeliveryStatus = 'COMPLETED' | 'FAILED' | 'FAILED_WITH_TERMINAL_ERROR';

export interface DeliveryRecord {
  readonly workflowId: string;
  readonly taskId: string;
  /** Conductor's reference name, with the loop iteration (`green__2`): one visit to a step. */
  readonly referenceName: string;
  readonly retryCount: number;
  readonly status: DeliveryStatus;
  readonly output: Record<string, unknown>;
  readonly reason?: string;
  readonly at: number;
}

export interface DeliveryKey {
  readonly workflowId: string;
  readonly taskId: string;
  readonly referenceName: string;
  readonly retryCount: number;
}

export class DeliveryLedger {
  private records: Promise<DeliveryRecord[]> | undefined;

  constructor(private readonly log: AppendLog<DeliveryRecord>) {}

  /** The kept outcome this delivery must report instead of running the step, if any. */
  async outcomeFor(key: DeliveryKey): Promise<DeliveryRecord | undefined> {
    const records = await this.load();
    const same = records.findLast((record) => record.taskId === key.taskId && record.retryCount === key.retryCount);
    if (same) return same;
    // An earlier attempt of this visit completed here, but the server never heard: it stands.
    return records.findLast((record) => record.workflowId === key.workflowId && record.referenceName === key.referenceName && record.status === 'COMPLETED' && record.retryCount < key.retryCount);
  }

  async record(record: DeliveryRecord): Promise<void> {
    const records = await this.load();
    await this.log.append(record);
    records.push(record);
  }

  private load(): Promise<DeliveryRecord[]> {
    if (!this.records) {
      const loading = this.log.readAll();
      this.records = loading;
      loading.catch(() => {
        if (this.records === loading) this.records = undefined;
      });
    }
    return this.records;
  }
}
