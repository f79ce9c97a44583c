// A person's approval as a HUMAN task on the Conductor server. Every request that waits in the
// approvals queue (the editor's prompts) is also started on the server as an approval workflow
// (approvalWorkflow.ts), so it can be answered in either place, and whichever answers first wins:
// - answered in the editor: the HUMAN task is completed on the server with that answer
//   (`answeredIn: "editor"`), so Conductor's UI shows what was decided;
// - answered on Conductor (its UI or REST API): the request is decided with that answer, which
//   closes the editor's prompt ("already decided elsewhere" if someone clicks it later);
// - withdrawn (its step ended, the workflow was canceled, the window closed): the approval
//   workflow is terminated, naming why;
// - left running by a process that was killed: the step asking again takes it up.
// The asking step simply waits on the Approvals port meanwhile; its worker heartbeats, so it keeps
// its lease however long the person takes.
import { isDeepStrictEqual } from 'node:util';
import { WorkflowExecutor } from '@io-orkes/conductor-javascript';
import { z } from 'zod';
import type { ApprovalChange, ApprovalQueue, PendingApproval } from '../../core/approvals/pendingApprovals';
import type { ApprovalDecision, Logger } from '../../core/ports';
import { answerOf, type ApprovalExecution } from './approvalAnswer';
import { APPROVAL_TASK_REFERENCE, APPROVAL_WORKFLOW_VERSION, approvalInput, approvalWorkflowDef, approvalWorkflowName } from './approvalWorkflow';
import { type ConductorConnection, describeFetchError } from './conductorConnection';

export interface HumanTaskApprovalsOptions {
  readonly connection: ConductorConnection;
  /** The queue a person answers requests in locally; every request in it is surfaced. */
  readonly queue: ApprovalQueue;
  readonly logger: Logger;
  readonly prefix: string;
  /** How often an open approval is read from the server; default 1000 ms. */
  readonly pollIntervalMs?: number;
}

interface Surfaced {
  readonly approval: PendingApproval;
  /** The approval workflow's id, once the server started it; undefined when it could not be. */
  started: Promise<string | undefined>;
  conductorId?: string;
  answeredOnServer: boolean;
}

export const DEFAULT_APPROVAL_POLL_MS = 1_000;

const correlatedSchema = z.object({ workflowId: z.string(), status: z.string(), input: z.record(z.string(), z.unknown()).default({}) });

export class HumanTaskApprovals {
  private readonly executor: WorkflowExecutor;
  private readonly open = new Map<string, Surfaced>();
  private readonly inflight = new Set<Promise<unknown>>();
  /** Every approval workflow this process started or took up: none is taken up (again) by another request. */
  private readonly claimed = new Set<string>();
  private readonly unsubscribe: () => void;
  private registered: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(private readonly options: HumanTaskApprovalsOptions) {
    this.executor = new WorkflowExecutor(options.connection.client);
    this.unsubscribe = options.queue.subscribe(this.onChange);
    for (const approval of options.queue.pending()) this.surface(approval);
  }

  /** The approval workflow on the server a pending request is surfaced as, once it started there. */
  conductorIdOf(approvalId: string): string | undefined {
    return this.open.get(approvalId)?.conductorId;
  }

  /** Resolves once every request surfaced so far has reached the server (started there, or failed to). */
  async surfaced(): Promise<void> {
    await Promise.all([...this.open.values()].map((entry) => entry.started));
  }

  /** Stops following the server; what is under way (a completion, a termination) is finished first. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.inflight]);
  }

  private readonly onChange = (change: ApprovalChange): void => {
    if (change.type === 'added') this.surface(change.approval);
    else this.track(this.settled(change.id, change.decision));
  };

  private surface(approval: PendingApproval): void {
    if (this.closed || this.open.has(approval.id)) return;
    const entry: Surfaced = { approval, started: Promise.resolve(undefined), answeredOnServer: false };
    entry.started = this.track(
      this.start(approval).then(
        (id) => {
          entry.conductorId = id;
          this.options.logger.info(`conductor: ${approval.request.kind} request ${approval.id} of workflow ${approval.request.workflowId} waits as HUMAN task "${APPROVAL_TASK_REFERENCE}" of approval workflow ${id} on ${this.options.connection.url}`);
          this.pollSoon();
          return id;
        },
        (error: unknown) => {
          this.options.logger.warn(`conductor: request ${approval.id} of workflow ${approval.request.workflowId} could not be asked on ${this.options.connection.url} (${describeFetchError(error)}); it waits in the editor only.`);
          return undefined;
        },
      ),
    );
    this.open.set(approval.id, entry);
  }

  private async start(approval: PendingApproval): Promise<string> {
    this.registered ??= this.options.connection.request('PUT', '/metadata/workflow', [approvalWorkflowDef(this.options.prefix)]).then(() => undefined);
    try {
      await this.registered;
    } catch (error) {
      this.registered = undefined;
      throw error;
    }
    // A process cut off before it could withdraw its request (killed, crashed) left its approval
    // workflow running; the step asking again takes that one up rather than leaving two.
    const input = await approvalInput(approval.request);
    const left = await this.leftRunning(approval, input);
    if (left !== undefined) {
      this.options.logger.info(`conductor: request ${approval.id} of workflow ${approval.request.workflowId} takes up approval workflow ${left}, left waiting by an earlier process`);
      return left;
    }
    const id = await this.executor.startWorkflow({
      name: approvalWorkflowName(this.options.prefix),
      version: APPROVAL_WORKFLOW_VERSION,
      correlationId: approval.request.workflowId,
      input,
    });
    this.claimed.add(id);
    return id;
  }

  /** A running approval workflow of the same asking workflow with the same input, that no request here has taken. */
  private async leftRunning(approval: PendingApproval, input: Record<string, unknown>): Promise<string | undefined> {
    const path = `/workflow/${approvalWorkflowName(this.options.prefix)}/correlated/${encodeURIComponent(approval.request.workflowId)}?includeClosed=false&includeTasks=false`;
    const running = z.array(correlatedSchema).safeParse(await this.options.connection.request('GET', path));
    if (!running.success) return undefined;
    const match = running.data.find((candidate) => candidate.status === 'RUNNING' && !this.claimed.has(candidate.workflowId) && isDeepStrictEqual(candidate.input, input));
    if (match) this.claimed.add(match.workflowId);
    return match?.workflowId;
  }

  /** A request decided or withdrawn here: the server hears of it, unless it was the server's answer. */
  private async settled(approvalId: string, decision: ApprovalDecision | 'withdrawn'): Promise<void> {
    const entry = this.open.get(approvalId);
    if (!entry) return;
    this.open.delete(approvalId);
    if (entry.answeredOnServer) return;
    const id = await entry.started;
    if (id === undefined) return;
    try {
      if (decision === 'withdrawn') {
        await this.executor.terminate(id, 'the request was withdrawn in Imperium Flow (its step ended, its workflow was canceled, or the window closed)');
        return;
      }
      // The route a Conductor user answers with; its body is the task's output (the SDK's updateTaskResult nests it under outputData).
      await this.options.connection.request('POST', `/tasks/${encodeURIComponent(id)}/${APPROVAL_TASK_REFERENCE}/COMPLETED`, { ...decision, answeredIn: 'editor' });
      const answer = await this.read(id);
      const output = answer.tasks?.find((task) => task.referenceTaskName === APPROVAL_TASK_REFERENCE)?.outputData;
      if (output?.answeredIn !== 'editor') {
        this.options.logger.warn(`conductor: request ${approvalId} was answered on Conductor too (approval workflow ${id}: ${JSON.stringify(output ?? {})}); the editor's answer, which reached the step first, stands.`);
      }
    } catch (error) {
      this.options.logger.warn(`conductor: approval workflow ${id} on ${this.options.connection.url} could not be told the request was ${decision === 'withdrawn' ? 'withdrawn' : 'answered in the editor'} (${describeFetchError(error)}).`);
    }
  }

  private pollSoon(): void {
    if (this.closed || this.timer) return;
    this.timer = setTimeout(() => void this.track(this.poll()), this.options.pollIntervalMs ?? DEFAULT_APPROVAL_POLL_MS);
  }

  private async poll(): Promise<void> {
    for (const entry of [...this.open.values()]) {
      if (this.closed) break;
      if (entry.conductorId === undefined) continue;
      try {
        const answer = answerOf(entry.approval.request, await this.read(entry.conductorId));
        if (!answer || !this.open.has(entry.approval.id)) continue;
        entry.answeredOnServer = true;
        if (answer.problem) this.options.logger.warn(`conductor: approval workflow ${entry.conductorId}: ${answer.problem}; read as a rejection.`);
        if (this.options.queue.decide(entry.approval.id, answer.decision)) {
          this.options.logger.info(`conductor: request ${entry.approval.id} of workflow ${entry.approval.request.workflowId} was answered on Conductor: ${answer.decision.choice ?? (answer.decision.approved ? 'approved' : 'rejected')}`);
        }
      } catch (error) {
        this.options.logger.debug(`conductor: could not read approval workflow ${entry.conductorId}: ${describeFetchError(error)}`);
      }
    }
    this.timer = undefined;
    if ([...this.open.values()].some((entry) => entry.conductorId !== undefined)) this.pollSoon();
  }

  private read(id: string): Promise<ApprovalExecution> {
    return this.executor.getWorkflow(id, true) as Promise<ApprovalExecution>;
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    void promise.finally(() => this.inflight.delete(promise)).catch(() => undefined);
    return promise;
  }
}
