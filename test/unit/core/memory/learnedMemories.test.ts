import * as assert from 'node:assert/strict';
import { LearnedMemories } from '../../../../src/core/memory/learnedMemories';
import { LongTermMemory } from '../../../../src/core/memory/longTermMemory';
import { MemoryInputError } from '../../../../src/core/memory/memoryRecord';
import { PromotionRefusedError } from '../../../../src/core/memory/promotion';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { clock, evidence, memoryFolder, passingRun, useTempFolders } from './memoryTestKit';

describe('Learned memories: the workspace and global scopes together', () => {
  const folders = useTempFolders('learned');
  const opened: LongTermMemory[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((memory) => memory.close()));
  });

  async function scopes() {
    const open = async (scope: 'workspace' | 'global') => {
      const memory = await LongTermMemory.open({ folders: { [scope]: memoryFolder(await folders.make()) }, clock, logger: new RecordingLogger(), debounceMs: 1 });
      opened.push(memory);
      return memory;
    };
    return { workspace: await open('workspace'), global: await open('global') };
  }

  it('promotes each lesson to its own scope, and a lesson its scope holds only once', async () => {
    const { workspace, global } = await scopes();
    const learned = new LearnedMemories({ workspace, global }, new RecordingLogger());
    const drafts = [
      { kind: 'convention' as const, title: 'Tests live in test/', text: 'node:test files, test/*.test.js.' },
      { kind: 'rule' as const, scope: 'global' as const, title: 'No secrets in code', text: 'Keys come from the environment.' },
    ];
    assert.deepEqual((await learned.promote(evidence(), drafts)).map((memory) => [memory.scope, memory.title]), [
      ['workspace', 'Tests live in test/'],
      ['global', 'No secrets in code'],
    ]);
    assert.deepEqual(await learned.promote(evidence({ workflowId: 'wf-8' }), [{ ...drafts[0], title: 'TESTS LIVE IN TEST/' }]), [], 'the same kind and title, whatever the case');
    assert.equal(workspace.size + global.size, 2);
  });

  it('keeps nothing from a workflow whose tests did not pass, even with nothing new to keep', async () => {
    const { workspace, global } = await scopes();
    const learned = new LearnedMemories({ workspace, global }, new RecordingLogger());
    const failing = { ...passingRun(), summary: { passed: 1, failed: 1, skipped: 0, total: 2 } };
    await assert.rejects(learned.promote(evidence({ finalTests: failing }), []), PromotionRefusedError);
    await assert.rejects(learned.promote(evidence(), [{ kind: 'fix', title: '', text: 'x' }]), MemoryInputError);
    assert.equal(workspace.size + global.size, 0);
  });

  it('recalls from both scopes, their rankings fused by rank, the workspace first on a tie', async () => {
    const { workspace, global } = await scopes();
    await workspace.promote(evidence(), [{ kind: 'convention', title: 'Dates go through parseIsoDate', text: 'Never new Date(string).' }]);
    await global.promote(evidence(), [{ kind: 'rule', scope: 'global', title: 'Dates are UTC', text: 'Store dates in UTC, parse with parseIsoDate.' }]);
    const learned = new LearnedMemories({ workspace, global }, new RecordingLogger());
    const result = await learned.recall('parseIsoDate dates', { limit: 5 });
    assert.equal(result.mode, 'lexical');
    assert.deepEqual(result.hits.map((hit) => hit.record.title), ['Dates go through parseIsoDate', 'Dates are UTC']);
    assert.equal((await learned.recall('dates', { limit: 1 })).hits.length, 1);
  });

  it('without a workspace, keeps the global lessons and says the others were left out', async () => {
    const { global } = await scopes();
    const logger = new RecordingLogger();
    const learned = new LearnedMemories({ global }, logger);
    const kept = await learned.promote(evidence(), [
      { kind: 'convention', title: 'Tests live in test/', text: 'x' },
      { kind: 'rule', scope: 'global', title: 'No secrets in code', text: 'y' },
    ]);
    assert.deepEqual(kept.map((memory) => memory.title), ['No secrets in code']);
    assert.ok(logger.lines.some((line) => /1 lesson\(s\) of workflow wf-7 are about a workspace, and none is open; not kept/.test(line)));
  });
});
