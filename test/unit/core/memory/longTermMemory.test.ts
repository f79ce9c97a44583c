import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LongTermMemory } from '../../../../src/core/memory/longTermMemory';
import { MemoryInputError } from '../../../../src/core/memory/memoryRecord';
import { SHARD_CAPACITY } from '../../../../src/core/memory/memoryShards';
import { PromotionRefusedError } from '../../../../src/core/memory/promotion';
import { clock, evidence, memoryFolder, passingRun, useTempFolders } from './memoryTestKit';

describe('Long-term memory: promotion, provenance, the user\'s list/read/edit/delete, lexical recall', () => {
  const folders = useTempFolders('ltm');
  const opened: LongTermMemory[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((memory) => memory.close()));
  });

  async function open(paths: { workspace?: string; global?: string }): Promise<LongTermMemory> {
    const memory = await LongTermMemory.open({
      folders: {
        ...(paths.workspace && { workspace: memoryFolder(paths.workspace) }),
        ...(paths.global && { global: memoryFolder(paths.global) }),
      },
      clock,
      logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
      debounceMs: 5,
    });
    opened.push(memory);
    return memory;
  }

  it('keeps what a passing, approved workflow learned, with its provenance, across a reopen', async () => {
    const workspace = await folders.make();
    const memory = await open({ workspace });
    const [kept] = await memory.promote(evidence({ finalTests: passingRun(['test/date.test.ts::parses ISO dates', 'test/date.test.ts::rejects junk']) }), [
      { kind: 'convention', title: '  Dates go through parseIsoDate ', text: 'Parse every date with parseIsoDate from src/date.ts.', tags: ['Dates', 'parsing'] },
    ]);
    assert.equal(kept.scope, 'workspace');
    assert.equal(kept.title, 'Dates go through parseIsoDate', 'trimmed');
    assert.deepEqual(kept.tags, ['dates', 'parsing'], 'tags are lower-cased');
    assert.deepEqual(kept.provenance.files, ['src/date.ts', 'test/date.test.ts'], 'deduplicated and sorted');
    assert.deepEqual(kept.provenance.tests, ['test/date.test.ts::parses ISO dates', 'test/date.test.ts::rejects junk']);
    assert.equal(kept.provenance.request, 'Add a date parser', 'first line of the request');
    assert.deepEqual(kept.provenance.boardReasons, ['3 of 3 members approved']);
    await memory.close();
    opened.pop();

    const again = await open({ workspace });
    assert.deepEqual(again.get(kept.id), kept);
  });

  for (const [what, overrides, reason] of [
    ['a failing final run', { finalTests: { ...passingRun(), summary: { passed: 1, failed: 1, skipped: 0, total: 2 } } }, /1 test\(s\) failed/],
    ['a run that timed out', { finalTests: { ...passingRun(), outcome: 'timed-out' as const } }, /did not complete \(timed-out\)/],
    ['a run with no passing test', { finalTests: passingRun([]) }, /no test passed/],
    ['a change the Board sent back', { board: { outcome: 'changes-requested' as const, reasons: ['CTO: no'] } }, /Board did not approve it \(changes-requested\)/],
    ['a change the CSO vetoed', { board: { outcome: 'vetoed' as const, reasons: ['CSO vetoed'] } }, /Board did not approve it \(vetoed\)/],
  ] as const) {
    it(`refuses to learn from ${what}, and keeps nothing`, async () => {
      const memory = await open({ workspace: await folders.make() });
      await assert.rejects(memory.promote(evidence(overrides), [{ kind: 'fix', title: 'x', text: 'y' }]), (error: unknown) => {
        assert.ok(error instanceof PromotionRefusedError);
        assert.match(error.message, reason);
        return true;
      });
      assert.equal(memory.size, 0);
    });
  }

  it('refuses a draft that does not check, naming the field, and keeps none of the batch', async () => {
    const memory = await open({ workspace: await folders.make() });
    await assert.rejects(
      memory.promote(evidence(), [
        { kind: 'fix', title: 'fine', text: 'fine' },
        { kind: 'habit' as 'fix', title: '', text: 'x' },
      ]),
      (error: unknown) => error instanceof MemoryInputError && /Memory 2 of workflow wf-7/.test(error.message) && /kind/.test(error.message) && /title/.test(error.message),
    );
    assert.equal(memory.size, 0);
  });

  it('lists newest first with filters and pages, reads, edits and deletes, on disk each time', async () => {
    const workspace = await folders.make();
    const global = await folders.make();
    const memory = await open({ workspace, global });
    const [a] = await memory.promote(evidence(), [{ kind: 'convention', title: 'Tabs', text: 'Indent with two spaces.' }]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [b, c] = await memory.promote(evidence(), [
      { kind: 'rule', title: 'No eval', text: 'The CSO vetoes eval.', scope: 'global' },
      { kind: 'fix', title: 'Flaky clock', text: 'Inject the Clock instead of Date.now.' },
    ]);
    assert.deepEqual(
      memory.list().items.map((record) => record.id),
      [b, c, a].sort((x, y) => y.updatedAt - x.updatedAt || x.id.localeCompare(y.id)).map((record) => record.id),
    );
    assert.deepEqual(memory.list({ scope: 'global' }).items.map((record) => record.title), ['No eval']);
    assert.deepEqual(memory.list({ kind: 'fix' }).items.map((record) => record.title), ['Flaky clock']);
    assert.equal(memory.list({ offset: 1, limit: 1 }).items.length, 1);
    assert.equal(memory.list({ offset: 1, limit: 1 }).total, 3);

    const edited = await memory.edit(a.id, { text: 'Indent with tabs.', scope: 'global' });
    assert.equal(edited.text, 'Indent with tabs.');
    assert.equal(edited.editedByUser, true);
    assert.equal(edited.provenance.workflowId, 'wf-7', 'provenance survives edits');
    assert.deepEqual(memory.list({ scope: 'global' }).items.map((record) => record.title).sort(), ['No eval', 'Tabs']);
    assert.deepEqual((await memory.recall('tabs')).hits.map((hit) => [hit.record.id, hit.record.scope]), [[a.id, 'global']], 'still found after the move');
    assert.equal(await memory.delete(c.id), true);
    assert.deepEqual((await memory.recall('clock')).hits, [], 'gone from recall too');
    assert.equal(await memory.delete(c.id), false);
    await assert.rejects(memory.edit(c.id, { title: 'gone' }), /There is no memory/);
    await assert.rejects(memory.edit(b.id, {}), /at least one field/);
    await memory.close();
    opened.pop();

    const workspaceOnly = await open({ workspace });
    assert.equal(workspaceOnly.size, 0, 'the edited memory moved to the global folder, the fix was deleted');
    const globalOnly = await open({ global });
    assert.deepEqual(globalOnly.list().items.map((record) => record.title).sort(), ['No eval', 'Tabs']);
    await assert.rejects(globalOnly.promote(evidence(), [{ kind: 'fix', title: 'x', text: 'y' }]), /no workspace memory: no folder is open/);
  });

  it('ranks lexically with BM25+, finding identifiers by their parts, within the scopes and kinds asked', async () => {
    const memory = await open({ workspace: await folders.make(), global: await folders.make() });
    await memory.promote(evidence(), [
      { kind: 'convention', title: 'Dates go through parseIsoDate', text: 'Never call new Date(string); use parseIsoDate.' },
      { kind: 'fix', title: 'Retry flaky HTTP calls', text: 'Wrap fetchJson in withRetries for network errors.' },
      { kind: 'rule', title: 'Parse config once', text: 'The config is parsed at start-up.', scope: 'global' },
    ]);
    const result = await memory.recall('how do I parse a date');
    assert.equal(result.mode, 'lexical');
    assert.equal(result.note, undefined, 'lexical is the default without an embedder, not a fallback');
    const asked = await memory.recall('parse a date', { mode: 'hybrid' });
    assert.equal(asked.mode, 'lexical');
    assert.match(asked.note ?? '', /no embedding model is configured/);
    assert.equal(result.hits[0]?.record.title, 'Dates go through parseIsoDate');
    assert.equal(result.hits[0]?.lexicalRank, 1);
    assert.deepEqual((await memory.recall('parse', { scopes: ['global'] })).hits.map((hit) => hit.record.title), ['Parse config once']);
    assert.deepEqual((await memory.recall('parse retries', { kinds: ['fix'] })).hits.map((hit) => hit.record.title), ['Retry flaky HTTP calls']);
    assert.deepEqual((await memory.recall('kubernetes')).hits, []);
    await assert.rejects(memory.recall('   '), MemoryInputError);
  });

  it('writes a new memory into one shard and the manifest, never the whole store', async () => {
    const workspace = await folders.make();
    const memory = await open({ workspace });
    const drafts = Array.from({ length: SHARD_CAPACITY + 10 }, (_, i) => ({ kind: 'fix' as const, title: `lesson ${i}`, text: `text ${i}` }));
    await memory.promote(evidence(), drafts);
    const shardFiles = (await readdir(workspace)).filter((name) => /^memory-shard-\d+\.json$/.test(name)).sort();
    assert.equal(shardFiles.length, 2, 'a full shard, then the next one');
    const before = await Promise.all(shardFiles.map((name) => readFile(join(workspace, name), 'utf8')));

    const [added] = await memory.promote(evidence(), [{ kind: 'fix', title: 'one more', text: 'goes to the newest shard' }]);
    const after = await Promise.all(shardFiles.map((name) => readFile(join(workspace, name), 'utf8')));
    assert.equal(after[0], before[0], 'the full shard was not rewritten');
    assert.notEqual(after[1], before[1]);
    assert.ok(JSON.parse(after[1]).records[added.id]);

    const first = JSON.parse(before[0]).records as Record<string, { id: string }>;
    const oldest = Object.values(first)[0];
    assert.ok(oldest);
    await memory.edit(oldest.id, { text: 'edited in place' });
    const edited = await Promise.all(shardFiles.map((name) => readFile(join(workspace, name), 'utf8')));
    assert.notEqual(edited[0], after[0], 'an edit rewrites the shard that holds the memory');
    assert.equal(edited[1], after[1], 'and only that one');
  });
});
