// "Ask the Board" on the retry ladder: the Board reviews a recovery plan (the step, what kept going
// wrong, and the proposal to try once more) as it reviews any plan. Approved: one more attempt,
// with the members' reasons as guidance. Anything else: the question goes up to a person.
import type { HealingFailure } from '../../shared/events';
import type { Board } from '../board/boardReview';

export interface FailureReport {
  readonly workflowId: string;
  readonly step: string;
  readonly failure: HealingFailure;
  readonly summary: string;
  /** Attempts made so far. */
  readonly attempts: number;
}

export type BoardAdvice = { readonly decision: 'retry'; readonly guidance: string } | { readonly decision: 'escalate'; readonly reasons: string };

export interface BoardAdvisor {
  advise(report: FailureReport, signal?: AbortSignal): Promise<BoardAdvice>;
}

export class BoardRecoveryAdvisor implements BoardAdvisor {
  constructor(private readonly board: Pick<Board, 'review'>) {}

  async advise(report: FailureReport, signal?: AbortSignal): Promise<BoardAdvice> {
    const review = await this.board.review(
      {
        kind: 'plan',
        request: `Decide whether step "${report.step}" of workflow ${report.workflowId} should be tried again after ${report.attempts} failed attempt(s).`,
        criteria: ['Another attempt has a real chance to succeed', 'Another attempt does not repeat what already failed', 'Nothing unsafe is retried'],
        plan: `Failure (${report.failure}): ${report.summary}\n\nProposal: run the step once more, told what went wrong and given your reasons as guidance. Approve if that is worth trying; request changes or veto to hand the decision to a person.`,
      },
      { workflowId: report.workflowId, ...(signal && { signal }) },
    );
    const said = review.verdicts.map((verdict) => `${verdict.title}: ${verdict.summary}`).join('\n');
    return review.outcome === 'approved' ? { decision: 'retry', guidance: said } : { decision: 'escalate', reasons: `${review.outcome}: ${review.reasons.join('; ')}` };
  }
}
