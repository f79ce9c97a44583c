import * as assert from 'node:assert/strict';
import { decide, type MemberVote } from '../../../../src/core/board/boardPolicy';
import { parseVerdict } from '../../../../src/core/board/verdict';

const vote = (role: MemberVote['role'], decision: MemberVote['decision']): MemberVote => ({
  role,
  title: role.toUpperCase(),
  decision,
  summary: `${role} says ${decision}`,
});

describe('Board policy', () => {
  it('lets a CSO veto block two approvals', () => {
    const decision = decide([vote('cto', 'approve'), vote('product-owner', 'approve'), vote('cso', 'veto')]);
    assert.equal(decision.outcome, 'vetoed');
    assert.match(decision.reasons[0], /CSO vetoed/);
  });

  it('treats a veto from a member without veto power as an objection', () => {
    assert.equal(decide([vote('cto', 'veto'), vote('product-owner', 'approve'), vote('cso', 'approve')]).outcome, 'approved');
    assert.equal(decide([vote('cto', 'veto'), vote('product-owner', 'request-changes'), vote('cso', 'approve')]).outcome, 'changes-requested');
  });

  it('approves on a majority by default and only on all votes when unanimous', () => {
    const votes = [vote('cto', 'approve'), vote('product-owner', 'request-changes'), vote('cso', 'approve')];
    assert.equal(decide(votes).outcome, 'approved');
    const strict = decide(votes, { vetoRoles: ['cso'], approval: 'unanimous' });
    assert.equal(strict.outcome, 'changes-requested');
    assert.deepEqual(strict.reasons, ['PRODUCT-OWNER requested changes: product-owner says request-changes']);
  });

  it('fails closed when the veto-holder’s verdict is invalid, even with a majority', () => {
    const decision = decide([vote('cto', 'approve'), vote('product-owner', 'approve'), vote('cso', 'invalid')]);
    assert.equal(decision.outcome, 'changes-requested');
    assert.match(decision.reasons[0], /invalid and counts as not approved/);
  });

  it('counts an invalid verdict as not approved', () => {
    assert.equal(decide([vote('cto', 'invalid'), vote('product-owner', 'approve')]).outcome, 'changes-requested');
  });

  it('does not approve with no votes', () => {
    assert.equal(decide([]).outcome, 'changes-requested');
  });
});

describe('verdict parsing', () => {
  it('accepts the JSON object alone or in one fenced block', () => {
    const json = '{"decision":"approve","summary":"Looks right."}';
    assert.deepEqual(parseVerdict(json), { valid: true, verdict: { decision: 'approve', summary: 'Looks right.', findings: [] } });
    assert.equal(parseVerdict('```json\n' + json + '\n```').valid, true);
  });

  it('says why an answer is invalid', () => {
    const cases: [string | null, RegExp][] = [
      [null, /empty/],
      ['I approve!', /not JSON/],
      ['{"decision":"ship it","summary":"x"}', /decision/],
      ['{"decision":"veto","summary":"","findings":[]}', /summary/],
      ['{"decision":"veto","summary":"bad","findings":[{"severity":"apocalyptic","message":"x"}]}', /findings\.0\.severity/],
    ];
    for (const [answer, reason] of cases) {
      const parsed = parseVerdict(answer);
      assert.equal(parsed.valid, false, String(answer));
      if (!parsed.valid) assert.match(parsed.reason, reason);
    }
  });
});
