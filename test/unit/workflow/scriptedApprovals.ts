// Test double for the Approvals port: a person who answers escalations from a script, in order, and
// whose questions are kept for the test to read.
import type { ApprovalDecision, ApprovalRequest, Approvals } from '../../../src/core/ports';

export class ScriptedApprovals implements Approvals {
  readonly asked: ApprovalRequest[] = [];

  constructor(private readonly answers: ApprovalDecision[]) {}

  async request(request: ApprovalRequest): Promise<ApprovalDecision> {
    this.asked.push(request);
    const answer = this.answers.shift();
    if (!answer) throw new Error(`the script has no answer left for: ${JSON.stringify(request)}`);
    return answer;
  }
}
