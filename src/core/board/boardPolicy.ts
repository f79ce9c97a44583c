// How the Board's verdicts become one decision: deterministic code, configurable, never a model.
import type { BoardRole } from './personas';
import type { Decision } from './verdict';

export interface BoardPolicy {
  /** Members whose veto blocks whatever the others say. */
  readonly vetoRoles: readonly BoardRole[];
  /** How many approvals it takes: more than half of the members, or all of them. */
  readonly approval: 'majority' | 'unanimous';
}

export const DEFAULT_BOARD_POLICY: BoardPolicy = { vetoRoles: ['cso'], approval: 'majority' };

export interface MemberVote {
  readonly role: BoardRole;
  readonly title: string;
  /** 'invalid' when the member's answer never matched the schema. */
  readonly decision: Decision | 'invalid';
  readonly summary: string;
}

export type BoardOutcome = 'approved' | 'changes-requested' | 'vetoed';

export interface BoardDecision {
  readonly outcome: BoardOutcome;
  readonly reasons: readonly string[];
}

export function decide(votes: readonly MemberVote[], policy: BoardPolicy = DEFAULT_BOARD_POLICY): BoardDecision {
  if (votes.length === 0) return { outcome: 'changes-requested', reasons: ['no Board member gave a verdict'] };

  const vetoes = votes.filter((vote) => vote.decision === 'veto' && policy.vetoRoles.includes(vote.role));
  if (vetoes.length > 0) return { outcome: 'vetoed', reasons: vetoes.map((vote) => `${vote.title} vetoed: ${vote.summary}`) };

  // A veto-holder whose answer could not be read might have vetoed: fail closed.
  const unreadableVetoHolders = votes.filter((vote) => vote.decision === 'invalid' && policy.vetoRoles.includes(vote.role));
  const approvals = votes.filter((vote) => vote.decision === 'approve').length;
  const enough = policy.approval === 'unanimous' ? approvals === votes.length : approvals * 2 > votes.length;
  if (enough && unreadableVetoHolders.length === 0) {
    return { outcome: 'approved', reasons: [`${approvals} of ${votes.length} members approved`] };
  }

  const reasons = votes
    .filter((vote) => vote.decision !== 'approve')
    .map((vote) =>
      vote.decision === 'invalid'
        ? `${vote.title}'s verdict was invalid and counts as not approved: ${vote.summary}`
        : `${vote.title} ${vote.decision === 'veto' ? 'objected' : 'requested changes'}: ${vote.summary}`,
    );
  return { outcome: 'changes-requested', reasons };
}
