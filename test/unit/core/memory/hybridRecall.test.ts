import * as assert from 'node:assert/strict';
import { type Embedder, LongTermMemory } from '../../../../src/core/memory/longTermMemory';
import { fuseRanks } from '../../../../src/core/memory/rankFusion';
import { SemanticIndex } from '../../../../src/core/memory/semanticIndex';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { closeRigs, rig } from '../../llm/scriptedModelHarness';
import { clock, evidence, memoryFolder, useTempFolders } from './memoryTestKit';

/** The real client's embed, pointed at the scripted model server. */
async function scriptedEmbedder(): Promise<{ embedder: Embedder; requests: () => number; close: () => Promise<void> }> {
  const { client, server } = await rig({ roles: {}, embeddings: { dimensions: 128 } }, { embeddingModel: 'scripted-embedding', retry: { maxRetries: 0 } });
  const embed = client.embed;
  assert.ok(embed);
  return { embedder: { space: 'scripted-embedding', embed }, requests: () => server.requests.length, close: () => server.close() };
}

const LESSONS = [
  { kind: 'convention' as const, title: 'Date parser', text: 'The parser in src/date.ts reads ISO strings.' },
  { kind: 'fix' as const, title: 'Retry network calls', text: 'fetchJson retries on ECONNRESET.' },
  { kind: 'rule' as const, title: 'No secrets in logs', text: 'Redact tokens before logging.' },
];

describe('Long-term memory: semantic and hybrid recall with the scripted server\'s embeddings', () => {
  const folders = useTempFolders('ltm-hybrid');
  const opened: LongTermMemory[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((memory) => memory.close()));
    await closeRigs();
  });

  async function open(path: string, embedder?: Embedder, logger = new RecordingLogger()): Promise<LongTermMemory> {
    const memory = await LongTermMemory.open({ folders: { workspace: memoryFolder(path) }, clock, logger, debounceMs: 5, ...(embedder && { embedder }) });
    opened.push(memory);
    return memory;
  }

  it('finds by meaning what words alone miss, and fuses both rankings', async () => {
    const { embedder } = await scriptedEmbedder();
    const memory = await open(await folders.make(), embedder);
    const kept = await memory.promote(evidence(), LESSONS);
    assert.ok(kept.every((record) => record.embedding?.space === 'scripted-embedding'), 'embedded when promoted');

    // "parsing" shares no whole word with "parser", only its trigrams: lexical ranking misses it.
    const lexical = await memory.recall('parsing', { mode: 'lexical' });
    assert.deepEqual(lexical.hits, []);
    const semantic = await memory.recall('parsing', { mode: 'semantic' });
    assert.equal(semantic.mode, 'semantic');
    assert.equal(semantic.hits[0]?.record.title, 'Date parser');
    const hybrid = await memory.recall('parsing');
    assert.equal(hybrid.mode, 'hybrid');
    assert.equal(hybrid.hits[0]?.record.title, 'Date parser');
    assert.equal(hybrid.hits[0]?.semanticRank, 1);
    assert.equal(hybrid.hits[0]?.lexicalRank, undefined);

    const both = await memory.recall('retries for network calls');
    assert.equal(both.hits[0]?.record.title, 'Retry network calls');
    assert.equal(both.hits[0]?.lexicalRank, 1);
    assert.equal(both.hits[0]?.semanticRank, 1);
  });

  it('falls back to lexical ranking, and says why, when the endpoint cannot embed the query', async () => {
    const scripted = await scriptedEmbedder();
    const logger = new RecordingLogger();
    const memory = await open(await folders.make(), scripted.embedder, logger);
    await memory.promote(evidence(), LESSONS);
    await scripted.close();
    const result = await memory.recall('network retries');
    assert.equal(result.mode, 'lexical');
    assert.match(result.note ?? '', /embedding the query failed/);
    assert.equal(result.hits[0]?.record.title, 'Retry network calls');
    assert.ok(logger.lines.some((line) => /embedding the recall query failed/.test(line)));
  });

  it('keeps memories promoted while embedding fails, and embeds them later', async () => {
    const path = await folders.make();
    const unreachable: Embedder = { space: 'scripted-embedding', embed: () => Promise.reject(new Error('connection refused')) };
    const logger = new RecordingLogger();
    const first = await open(path, unreachable, logger);
    const kept = await first.promote(evidence(), LESSONS);
    assert.ok(kept.every((record) => record.embedding === undefined));
    assert.ok(logger.lines.some((line) => /kept without, to be embedded later/.test(line)));
    await first.close();
    opened.pop();

    const { embedder, requests } = await scriptedEmbedder();
    const memory = await open(path, embedder);
    assert.equal(await memory.embedMissing(), 3);
    assert.equal(requests(), 1, 'one batch');
    assert.equal(await memory.embedMissing(), 0);
    assert.equal((await memory.recall('parsing', { mode: 'semantic' })).hits[0]?.record.title, 'Date parser');
  });

  it('re-embeds a memory whose text the user edits, and ignores vectors of another model', async () => {
    const { embedder } = await scriptedEmbedder();
    const path = await folders.make();
    const memory = await open(path, embedder);
    const [parser] = await memory.promote(evidence(), LESSONS);
    const edited = await memory.edit(parser.id, { text: 'Deployments go through the staging cluster first.' });
    assert.notEqual(edited.embedding?.vector, parser.embedding?.vector);
    assert.equal((await memory.recall('deployment staging', { mode: 'semantic' })).hits[0]?.record.id, parser.id);
    await memory.close();
    opened.pop();

    const otherModel: Embedder = { space: 'another-model', embed: embedder.embed };
    const reopened = await open(path, otherModel);
    assert.deepEqual((await reopened.recall('deployment', { mode: 'semantic' })).hits, [], 'no vector in that space yet');
    assert.equal(await reopened.embedMissing(), 3);
  });
});

describe('Reciprocal rank fusion', () => {
  it('adds 1 / (k + rank) over the lists and keeps each list\'s rank', () => {
    const fused = fuseRanks({ lexical: ['a', 'b', 'c'], semantic: ['c', 'a'] }, 60);
    assert.deepEqual(
      fused.map((hit) => hit.id),
      ['a', 'c', 'b'],
    );
    assert.equal(fused[0]?.score, 1 / 61 + 1 / 62);
    assert.deepEqual(fused[1]?.ranks, { lexical: 3, semantic: 1 });
  });

  it('breaks ties by first appearance', () => {
    assert.deepEqual(
      fuseRanks({ one: ['x'], two: ['y'] }).map((hit) => hit.id),
      ['x', 'y'],
    );
  });
});

describe('Semantic index', () => {
  it('ranks by cosine, replaces and deletes in place, and never compares vectors of another length', () => {
    const index = new SemanticIndex();
    index.set('east', Float32Array.from([1, 0]));
    index.set('north', Float32Array.from([0, 1]));
    index.set('north-east', Float32Array.from([1, 1]));
    index.set('long', Float32Array.from([1, 0, 0]));
    assert.deepEqual(index.rank([2, 0.1], 2).map((hit) => hit.id), ['east', 'north-east']);
    index.delete('east');
    index.set('north', Float32Array.from([1, 0.05]));
    assert.deepEqual(index.rank([1, 0], 5).map((hit) => hit.id), ['north', 'north-east']);
    assert.ok(Math.abs((index.rank([1, 1], 1)[0]?.similarity ?? 0) - 1) < 1e-6);
    assert.deepEqual(index.rank([1, 0], 5, (id) => id !== 'north').map((hit) => hit.id), ['north-east']);
    assert.deepEqual(index.rank([0, 0], 5), [], 'a zero query vector matches nothing');
    assert.equal(index.size, 3);
  });
});
