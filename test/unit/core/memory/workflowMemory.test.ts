import * as assert from 'node:assert/strict';
import { countTextTokens } from '../../../../src/llm/tokenCount';
import { packWithinBudget } from '../../../../src/core/memory/contextPacker';
import { LexicalIndex } from '../../../../src/core/memory/lexicalIndex';
import { MemoryInputError, type MemoryRecord } from '../../../../src/core/memory/memoryRecord';
import { WorkflowMemory } from '../../../../src/core/memory/workflowMemory';
import { JsonStore } from '../../../../src/infra/store/jsonStore';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { useTempFolders } from './memoryTestKit';

describe('Short-term memory: a workflow\'s context, recalled and packed within a token budget', () => {
  const folders = useTempFolders('stm');
  const stores: JsonStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  async function memoryIn(folder: string): Promise<WorkflowMemory> {
    const store = await JsonStore.open({ folder, logger: new RecordingLogger() });
    stores.push(store);
    let now = 1_000;
    return new WorkflowMemory(store, { now: () => now++ }, countTextTokens);
  }

  async function filled(folder: string): Promise<WorkflowMemory> {
    const memory = await memoryIn(folder);
    await memory.record('wf-1', { kind: 'request', text: 'Add parseIsoDate to src/date.ts', by: 'user' });
    await memory.record('wf-1', { kind: 'criteria', text: '1. Accepts 2024-01-31\n2. Rejects 31/01/2024' });
    await memory.record('wf-1', { kind: 'plan', text: 'Write tests, then a regex-based parser.', by: 'product-owner' });
    await memory.record('wf-1', { kind: 'test-result', text: 'red: 2 failing (parseIsoDate is not a function)', by: 'testbot' });
    await memory.record('wf-1', { kind: 'decision', text: 'Use a regular expression, no date library.', by: 'cto' });
    await memory.record('wf-1', { kind: 'files', text: 'src/date.ts, test/date.test.ts' });
    await memory.record('wf-1', { kind: 'failure', text: 'green attempt 1: Invalid Date for 2024-02-30 was accepted', by: 'testbot' });
    await memory.record('wf-1', { kind: 'test-result', text: 'green: 2 passing', by: 'testbot' });
    return memory;
  }

  it('keeps each workflow\'s entries in its own append-only log, across a reopen', async () => {
    const folder = await folders.make();
    const memory = await filled(folder);
    await memory.record('wf-2', { kind: 'request', text: 'Another workflow' });
    await Promise.all(stores.splice(0).map((store) => store.close()));
    const again = await memoryIn(folder);
    const entries = await again.entries('wf-1');
    assert.equal(entries.length, 8);
    assert.deepEqual(entries[0], { kind: 'request', text: 'Add parseIsoDate to src/date.ts', by: 'user', at: 1_000 });
    assert.deepEqual((await again.entries('wf-2')).map((entry) => entry.text), ['Another workflow']);
  });

  it('refuses an entry that does not check, or a workflow id that is not one', async () => {
    const memory = await memoryIn(await folders.make());
    await assert.rejects(memory.record('wf-1', { kind: 'gossip' as 'note', text: ' ' }), (error: unknown) => error instanceof MemoryInputError && /kind/.test(error.message) && /text/.test(error.message));
    await assert.rejects(memory.record('../etc', { kind: 'note', text: 'x' }), /is not a workflow id/);
    assert.deepEqual(await memory.entries('wf-1'), []);
  });

  it('recalls the entries that match a query best (BM25+)', async () => {
    const memory = await filled(await folders.make());
    const [best] = await memory.recall('wf-1', 'which date library did we decide on?', 2);
    assert.equal(best?.kind, 'decision');
    assert.deepEqual(await memory.recall('wf-1', 'kubernetes'), []);
  });

  it('packs the context within the budget, counted with the tokenizer, most important first', async () => {
    const memory = await filled(await folders.make());
    const whole = await memory.pack('wf-1', { budgetTokens: 10_000 });
    assert.equal(whole.dropped, 0);
    assert.equal(whole.tokens, await countTextTokens(whole.text));
    assert.ok(whole.text.indexOf('## Request') < whole.text.indexOf('## Acceptance criteria'));
    assert.ok(whole.text.indexOf('red: 2 failing') < whole.text.indexOf('green: 2 passing'), 'in the order things happened');
    assert.match(whole.text, /Use a regular expression, no date library\. \(cto\)/);

    const tight = await memory.pack('wf-1', { budgetTokens: 80 });
    assert.ok(tight.tokens <= 80, `${tight.tokens} tokens`);
    assert.equal(tight.tokens, await countTextTokens(tight.text));
    assert.match(tight.text, /Add parseIsoDate/, 'the request always goes first');
    assert.match(tight.text, /Invalid Date for 2024-02-30/, 'then the latest failure');
    assert.doesNotMatch(tight.text, /red: 2 failing/, 'an older test result goes when room is short');
    assert.deepEqual([tight.included, tight.cut, tight.dropped], [3, 0, 5], 'request, criteria, latest failure');
  });

  it('tags an entry with its author only when the text does not name it and the engine did not record it', async () => {
    const memory = await memoryIn(await folders.make());
    await memory.record('wf-1', { kind: 'decision', text: 'CodeBot: kept the parser small.', by: 'codebot' });
    await memory.record('wf-1', { kind: 'decision', text: 'Use a connector, not a driver.', by: 'cto' });
    await memory.record('wf-1', { kind: 'plan', text: 'As the Product Owner asked: tests first.', by: 'product-owner' });
    await memory.record('wf-1', { kind: 'failure', text: 'green attempt 2: timed out', by: 'engine' });
    const { text } = await memory.pack('wf-1', { budgetTokens: 1_000 });
    assert.match(text, /- CodeBot: kept the parser small\.\n/);
    assert.match(text, /- Use a connector, not a driver\. \(cto\)\n/, '"connector" is not the CTO naming itself');
    assert.match(text, /- As the Product Owner asked: tests first\.\n/);
    assert.match(text, /- green attempt 2: timed out\n/);
  });

  it('cuts an item to the room left, marked, when the room is worth it, and adds learned patterns', async () => {
    const memory = await memoryIn(await folders.make());
    await memory.record('wf-1', { kind: 'request', text: `Implement the importer. ${'It must handle every CSV dialect we have seen. '.repeat(40)}` });
    const pattern = { title: 'CSV via papaparse', kind: 'convention', text: 'Parse CSV with papaparse, never by splitting lines.' } as MemoryRecord;
    const packed = await memory.pack('wf-1', { budgetTokens: 120, patterns: [pattern] });
    assert.ok(packed.tokens <= 120);
    assert.equal(packed.cut, 1);
    assert.match(packed.text, /\[… cut to fit\]/);
    assert.doesNotMatch(packed.text, /papaparse/, 'the request took the room');
    const roomy = await memory.pack('wf-1', { budgetTokens: 2_000, patterns: [pattern] });
    assert.match(roomy.text, /## Learned patterns\n- CSV via papaparse \(convention\): Parse CSV with papaparse/);
  });
});

describe('Packing within a token budget', () => {
  it('gives nothing for a zero budget and refuses a negative one', async () => {
    const packed = await packWithinBudget([{ section: 'A', text: 'something', priority: 1, order: 0 }], ['A'], 0, countTextTokens);
    assert.deepEqual([packed.text, packed.tokens, packed.dropped], ['', 0, 1]);
    await assert.rejects(packWithinBudget([], [], -1, countTextTokens), /token budget is a number of tokens >= 0/);
  });
});

describe('Lexical index', () => {
  it('finds code identifiers by their parts and leaves out function words', () => {
    const index = new LexicalIndex();
    index.set({ id: 'a', title: 'parseIsoDate', text: 'in src/date.ts', tags: [] });
    index.set({ id: 'b', title: 'HTTPServer setup', text: 'the the the', tags: ['net'] });
    assert.deepEqual(index.rank('iso', 5).map((hit) => hit.id), ['a']);
    assert.deepEqual(index.rank('server', 5).map((hit) => hit.id), ['b']);
    assert.deepEqual(index.rank('the', 5), []);
    index.delete('a');
    assert.deepEqual(index.rank('iso', 5), []);
    assert.equal(index.size, 1);
  });
});
