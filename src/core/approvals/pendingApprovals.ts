// The Approvals port as a queue a person works through: each request waits here until some surface
// (a notification, the diff editor's buttons, the command center) decides it, or its signal aborts.
// Every surface reads the same list and decides through decide(), so whichever answers first wins.
import type { ApprovalDecision, ApprovalRequest, Approvals, Clock } from '../ports';

export interface PendingApproval {
  readonly id: string;
  readonly at: number;
  readonly request: ApprovalRequest;
}

export type ApprovalChange =
  | { readonly type: 'added'; readonly approval: PendingApproval }
  | { readonly type: 'settled'; readonly id: string; readonly decision: ApprovalDecision | 'withdrawn' };

export type ApprovalListener = (change: ApprovalChange) => void;

interface Waiting {
  readonly approval: PendingApproval;
  readonly resolve: (decision: ApprovalDecision) => void;
  readonly reject: (reason: unknown) => void;
  readonly cleanup: () => void;
}

/** The queue's face for another surface that answers its requests (an engine that also asks elsewhere). */
export type ApprovalQueue = Pick<PendingApprovals, 'pending' | 'decide' | 'subscribe'>;

export class PendingApprovals implements Approvals {
  private readonly waiting = new Map<string, Waiting>();
  private readonly listeners = new Set<ApprovalListener>();
  private nextId = 1;

  constructor(private readonly clock: Pick<Clock, 'now'> = Date) {}

  /** Waits for a decision; rejects with the signal's reason when it aborts first (the request is withdrawn). */
  request(request: ApprovalRequest, signal?: AbortSignal): Promise<ApprovalDecision> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const approval: PendingApproval = { id: `approval-${this.nextId++}`, at: this.clock.now(), request };
    return new Promise<ApprovalDecision>((resolve, reject) => {
      const onAbort = () => this.settle(approval.id, 'withdrawn', signal?.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.set(approval.id, { approval, resolve, reject, cleanup: () => signal?.removeEventListener('abort', onAbort) });
      this.publish({ type: 'added', approval });
    });
  }

  /** Oldest first. */
  pending(): PendingApproval[] {
    return [...this.waiting.values()].map((waiting) => waiting.approval);
  }

  get(id: string): PendingApproval | undefined {
    return this.waiting.get(id)?.approval;
  }

  /** Decides a pending request; false when it is no longer pending (decided elsewhere, or withdrawn). */
  decide(id: string, decision: ApprovalDecision): boolean {
    return this.settle(id, decision);
  }

  /** Withdraws every request of a workflow (it was canceled or undone); their callers see `reason`. */
  withdrawWorkflow(workflowId: string, reason: Error): void {
    for (const { approval } of [...this.waiting.values()]) {
      if (approval.request.workflowId === workflowId) this.settle(approval.id, 'withdrawn', reason);
    }
  }

  subscribe(listener: ApprovalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private settle(id: string, decision: ApprovalDecision | 'withdrawn', reason?: unknown): boolean {
    const waiting = this.waiting.get(id);
    if (!waiting) return false;
    this.waiting.delete(id);
    waiting.cleanup();
    if (decision === 'withdrawn') waiting.reject(reason ?? new Error('the approval request was withdrawn'));
    else waiting.resolve(decision);
    this.publish({ type: 'settled', id, decision });
    return true;
  }

  private publish(change: ApprovalChange): void {
    for (const listener of [...this.listeners]) listener(change);
  }
}
