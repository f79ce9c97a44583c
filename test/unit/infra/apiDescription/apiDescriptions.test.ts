import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InvalidApiDescriptionError } from '../../../../src/core/integration/apiDescriptions';
import { checkApiDescription } from '../../../../src/infra/apiDescription/apiDescriptionValidator';
import { serveApiMock } from '../../../../src/infra/apiDescription/apiMockServer';
import { generateClient } from '../../../../src/infra/apiDescription/clientGenerator';

// The API description adapters on public OpenAPI documents (the @readme/oas-examples package, which
// these adapters were not written against) and on copies of them broken here. The mock serves the
// description's paths at its root (http://127.0.0.1:PORT/pets), whatever its servers say.
const examples = dirname(require.resolve('@readme/oas-examples/package.json'));
const PUBLIC_VALID = ['3.0/json/petstore.json', '3.0/json/petstore-expanded.json', '3.0/json/uspto.json', '3.0/json/star-trek.json', '3.0/yaml/parameters-style.yaml', '3.1/json/petstore.json', '3.1/json/webhooks.json', '3.1/yaml/security.yaml'];

describe('API descriptions (@redocly/openapi-core, openapi-typescript, openapi-backend)', function () {
  this.timeout(30_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-api-'));
  });
  after(async () => rm(folder, { recursive: true, force: true }));

  /** A copy of a public document with the value at `path` (keys from the root) replaced. */
  async function brokenCopy(source: string, name: string, path: readonly string[], value: unknown): Promise<string> {
    const document = JSON.parse(await readFile(join(examples, source), 'utf8')) as Record<string, unknown>;
    let node = document;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[path[path.length - 1] as string] = value;
    const file = join(folder, name);
    await writeFile(file, JSON.stringify(document, null, 2));
    return file;
  }

  for (const file of PUBLIC_VALID) {
    it(`accepts the public ${file}`, async () => {
      const check = await checkApiDescription(join(examples, file));
      assert.equal(check.valid, true, JSON.stringify(check.problems.filter((problem) => problem.severity === 'error')));
      assert.ok(check.operations.length > 0 || file.includes('webhooks'));
    });
  }

  it('rejects a copy with a wrong type, naming the JSON pointer and line of each', async () => {
    const file = await brokenCopy('3.0/json/petstore.json', 'wrong-type.json', ['components', 'schemas', 'Pet', 'properties', 'name', 'type'], 'strin');
    const check = await checkApiDescription(file);
    assert.equal(check.valid, false);
    const problem = check.problems.find((entry) => entry.pointer === '#/components/schemas/Pet/properties/name/type');
    assert.ok(problem, JSON.stringify(check.problems));
    assert.equal(problem.severity, 'error');
    const lines = (await readFile(file, 'utf8')).split('\n');
    assert.match(lines[(problem.line ?? 0) - 1] ?? '', /"type": "strin"/);
  });

  it('rejects a copy whose example its schema rejects (a mock would serve it)', async () => {
    const file = await brokenCopy('3.1/json/petstore.json', 'bad-example.json', ['paths', '/pet/{petId}', 'get', 'responses', '200', 'content', 'application/json', 'example'], { id: 'not a number', name: 7, photoUrls: [] });
    const check = await checkApiDescription(file);
    assert.equal(check.valid, false);
    assert.ok(check.problems.some((problem) => problem.rule === 'no-invalid-media-type-examples' && problem.pointer.startsWith('#/paths/~1pet~1{petId}/get/responses/200')), JSON.stringify(check.problems));
  });

  it('rejects a $ref that resolves nowhere, a Swagger 2.0 document and text that is not JSON or YAML', async () => {
    const unresolved = await brokenCopy('3.0/json/petstore.json', 'unresolved.json', ['paths', '/pet', 'post', 'requestBody'], { $ref: '#/components/requestBodies/Nowhere' });
    const refCheck = await checkApiDescription(unresolved);
    assert.ok(refCheck.problems.some((problem) => problem.rule === 'no-unresolved-refs' && problem.pointer === '#/paths/~1pet/post/requestBody' && problem.line !== undefined));
    const swagger = await checkApiDescription(join(examples, '2.0/json/petstore.json'));
    assert.deepEqual([swagger.valid, swagger.problems[0]?.rule], [false, 'openapi-version']);
    const garbage = join(folder, 'garbage.yaml');
    await writeFile(garbage, 'openapi: 3.0.0\ninfo: [unclosed\n');
    const parsed = await checkApiDescription(garbage);
    assert.deepEqual([parsed.valid, parsed.problems[0]?.rule], [false, 'parse']);
    assert.ok((parsed.problems[0]?.line ?? 0) >= 2, 'the line of the unclosed sequence or after it');
    await assert.rejects(checkApiDescription(join(folder, 'missing.json')), /does not exist/);
  });

  it('serves a mock on loopback that answers from the description, refuses invalid requests and names them', async () => {
    const mock = await serveApiMock(join(examples, '3.0/json/petstore-expanded.json'));
    try {
      assert.match(mock.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      const list = await fetch(`${mock.url}/pets?limit=2`);
      assert.equal(list.status, 200);
      assert.ok(Array.isArray(await list.json()));
      const invalid = await fetch(`${mock.url}/pets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tag: 'no name' }) });
      assert.equal(invalid.status, 400);
      assert.match(JSON.stringify(await invalid.json()), /name/);
      assert.equal((await fetch(`${mock.url}/nowhere`)).status, 404);
      assert.deepEqual(mock.exchanges().map((exchange) => exchange.status), [200, 400, 404]);
    } finally {
      await mock.close();
    }
  });

  it('will not serve a description whose example is wrong: no silent 200', async () => {
    const file = await brokenCopy('3.0/json/petstore-expanded.json', 'bad-mock.json', ['paths', '/pets', 'get', 'responses', '200', 'content', 'application/json', 'example'], [{ id: 'one' }]);
    await assert.rejects(serveApiMock(file), (error: unknown) => error instanceof InvalidApiDescriptionError && /no-invalid-media-type-examples/.test(error.message));
  });

  it('answers 500, naming the schema, when an answer generated from the description does not match it', async () => {
    // A response whose schema no generated value can satisfy (minLength above maxLength): the mock
    // validates what it would send and says so instead of sending it.
    const file = join(folder, 'impossible.json');
    await writeFile(file, JSON.stringify({ openapi: '3.0.3', info: { title: 'Impossible', version: '1' }, paths: { '/code': { get: { operationId: 'getCode', responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'object', required: ['code'], properties: { code: { type: 'integer', minimum: 10, maximum: 5 } } } } } } } } } } }));
    const mock = await serveApiMock(file);
    try {
      const response = await fetch(`${mock.url}/code`);
      assert.equal(response.status, 500);
      assert.match(JSON.stringify(await response.json()), /does not match its own response schema/);
    } finally {
      await mock.close();
    }
  });

  it('generates the types with openapi-typescript and an openapi-fetch client typed by them', async () => {
    const generated = await generateClient(join(examples, '3.0/json/petstore-expanded.json'), './petstoreApi');
    assert.match(generated.types, /export interface paths \{/);
    assert.match(generated.types, /"\/pets": \{/);
    assert.match(generated.client, /import type \{ paths \} from '\.\/petstoreApi';/);
    assert.match(generated.client, /createClient<paths>/);
    const broken = await brokenCopy('3.0/json/petstore.json', 'no-client.json', ['components', 'schemas', 'Pet', 'properties', 'name', 'type'], 'strin');
    await assert.rejects(generateClient(broken, './x'), InvalidApiDescriptionError);
    await assert.rejects(generateClient(join(examples, '3.0/json/petstore.json'), 'lodash'), /relative path/);
  });
});

describe('which files are OpenAPI descriptions (the code lens)', () => {
  it('knows OpenAPI 3.0 and 3.1 by their first lines, in YAML and JSON, and nothing else', async () => {
    const { looksLikeOpenApi } = await import('../../../../src/core/integration/apiDescriptions');
    assert.equal(looksLikeOpenApi('openapi: 3.1.0\ninfo:\n  title: x\n'), true);
    assert.equal(looksLikeOpenApi("# the API\nopenapi: '3.0.3'\n"), true);
    assert.equal(looksLikeOpenApi('{\n  "openapi": "3.0.0",\n  "info": {}\n}'), true);
    assert.equal(looksLikeOpenApi('swagger: "2.0"\n'), false);
    assert.equal(looksLikeOpenApi('services:\n  api:\n    image: node:22\n'), false);
    assert.equal(looksLikeOpenApi('description: openapi: 3.1.0 is nice\n'), false);
  });
});
