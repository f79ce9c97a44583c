import * as assert from 'node:assert/strict';
import { ModelError } from '../../../src/core/ports';
import { closeRigs, retryEvents, rig } from './scriptedModelHarness';

const cosine = (a: readonly number[], b: readonly number[]) => a.reduce((sum, value, index) => sum + value * (b[index] ?? 0), 0);

describe('OpenAI-compatible client: embeddings from the scripted model server', () => {
  afterEach(closeRigs);

  it('embeds texts deterministically: same text, same unit vector of the scenario\'s size', async () => {
    const { server, client } = await rig('embeddings.json', { embeddingModel: 'scripted-embedding' });
    assert.ok(client.embed);
    const texts = ['add two numbers', 'add two numbers', 'parse the config file'];
    const [first, again, other] = await client.embed(texts);
    assert.ok(first && again && other);
    assert.equal(first.length, 64);
    assert.deepEqual(first, again);
    assert.ok(Math.abs(Math.hypot(...first) - 1) < 1e-9);
    assert.deepEqual(await client.embed(['parse the config file']), [other], 'the same across requests too');

    const body = server.requests[0]?.body as { model: string; input: string[]; encoding_format: string };
    assert.equal(server.requests[0]?.path, '/v1/embeddings');
    assert.equal(body.model, 'scripted-embedding');
    assert.deepEqual(body.input, texts);
    assert.equal(body.encoding_format, 'float');
    assert.ok((server.requests[0]?.promptTokens ?? 0) >= 9);
  });

  it('gives texts that share words closer vectors than unrelated texts', async () => {
    const { client } = await rig('embeddings.json', { embeddingModel: 'scripted-embedding' });
    const [query, near, far] = (await client.embed?.(['failing test for the add function', 'the add function fails its tests', 'deploy the docker image to staging'])) ?? [];
    assert.ok(query && near && far);
    assert.ok(cosine(query, near) > 0.4, `near: ${cosine(query, near)}`);
    assert.ok(cosine(query, near) > cosine(query, far) + 0.3, `near ${cosine(query, near)} vs far ${cosine(query, far)}`);
  });

  it('sends nothing for no texts', async () => {
    const { server, client } = await rig('embeddings.json', { embeddingModel: 'scripted-embedding' });
    assert.deepEqual(await client.embed?.([]), []);
    assert.equal(server.requests.length, 0);
  });

  it('has no embed at all when no embedding model is configured', async () => {
    const { client } = await rig('embeddings.json');
    assert.equal(client.embed, undefined);
  });

  it('needs the key for embeddings as for chats, and sends nothing without it', async () => {
    const { server, client, events } = await rig('embeddings.json', { embeddingModel: 'scripted-embedding', requireApiKey: true });
    await assert.rejects(client.embed?.(['x']) ?? Promise.resolve(), (error: unknown) => error instanceof ModelError && error.code === 'missing-key');
    assert.equal(server.requests.length, 0);
    assert.deepEqual(retryEvents(events), []);
  });
});
