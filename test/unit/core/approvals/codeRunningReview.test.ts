// The editor's composition for files that run code (issue 16, point 3): the review gate in front of
// a workspace that asks by the named kind. In every review mode, the Board-approval one included,
// a person is asked exactly once, and the CSO flags such a change for everyone to see.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GatedWorkspace } from '../../../../src/core/approvals/gatedWorkspace';
import { PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';
import { reviewGate } from '../../../../src/core/approvals/reviewGate';
import { REVIEW_MODES } from '../../../../src/core/approvals/reviewModes';
import { isBlocking, runSecurityChecks } from '../../../../src/core/board/securityChecks';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import type { ApprovalRequest } from '../../../../src/core/ports';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { InMemoryAppendLog } from '../journal/inMemoryAppendLog';

const CODEBOT = { workflowId: 'wf-1', agent: 'codebot' } as const;

describe('code-running files in the editor\'s review', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'imperium-code-running-review-'));
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  for (const mode of REVIEW_MODES) {
    it(`asks a person once, by the named kind, in review mode "${mode}"`, async () => {
      const approvals = new PendingApprovals();
      const asked: ApprovalRequest[] = [];
      approvals.subscribe((change) => {
        if (change.type !== 'added') return;
        asked.push(change.approval.request);
        approvals.decide(change.approval.id, { approved: true });
      });
      const inner = await NodeWorkspace.open(root, { journal: new WriteJournal(new InMemoryAppendLog<JournalEntry>()), approvals });
      const workspace = new GatedWorkspace(inner, [reviewGate(approvals, () => mode)]);
      await workspace.write('.envrc', 'export A=1\n', CODEBOT);
      assert.equal(asked.length, 1, JSON.stringify(asked));
      assert.ok(asked[0]?.kind === 'edit');
      assert.match(asked[0].runsCode ?? '', /direnv/);
      // An ordinary file is asked about only when the mode says so.
      await workspace.write('src/a.js', 'x\n', CODEBOT);
      assert.equal(asked.length, mode === 'always' ? 2 : 1);
      assert.equal(asked[1]?.kind === 'edit' ? asked[1].runsCode : undefined, undefined);
    });
  }

  it('is flagged by the CSO, naming what the file runs, without vetoing what the person approved', async () => {
    const before = JSON.stringify({ name: 'app', scripts: { test: 'node --test' } });
    const after = JSON.stringify({ name: 'app', scripts: { test: 'node --test', postinstall: 'node setup.js' } });
    const findings = await runSecurityChecks([
      { path: 'package.json', before, after },
      { path: '.husky/pre-commit', after: 'npm test\n' },
      { path: '.envrc', before: 'export A=1\n' },
      { path: 'src/a.js', after: 'module.exports = 1;\n' },
    ]);
    const flagged = findings.filter((finding) => finding.check === 'runs-code');
    assert.deepEqual(flagged.map((finding) => finding.file), ['package.json', '.husky/pre-commit', '.envrc']);
    assert.match(flagged[0]?.message ?? '', /"postinstall".*only a person's approval/);
    assert.ok(flagged.every((finding) => !isBlocking(finding)));
  });
});
