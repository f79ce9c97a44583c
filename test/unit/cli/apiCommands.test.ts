import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import type { CliIo } from '../../../src/cli/cliCommand';
import { COMMANDS } from '../../../src/cli/commands';
import type { ApiDescriptionCheck } from '../../../src/core/integration/apiDescriptions';

// `imperium api-check` and `imperium api-mock` in-process, on public OpenAPI documents from the
// @readme/oas-examples package and on a copy of one broken here.
const examples = dirname(require.resolve('@readme/oas-examples/package.json'));

function capture(cwd: string, signal?: AbortSignal): { io: CliIo; stdout: () => string; stderr: () => string } {
  let stdout = '';
  let stderr = '';
  return { io: { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, ...(signal && { signal }) }, stdout: () => stdout, stderr: () => stderr };
}

describe('imperium api-check and api-mock', function () {
  this.timeout(30_000);
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-api-cli-'));
    const pets = (await readFile(join(examples, '3.1/yaml/petstore.yaml'), 'utf8')).replace(/(\n\s+name:\n\s+type: )string/, '$1strng');
    await writeFile(join(folder, 'broken-petstore.yaml'), pets);
  });
  after(async () => rm(folder, { recursive: true, force: true }));

  it('exits 0 on valid public descriptions, 3.0 and 3.1, JSON and YAML', async () => {
    for (const file of ['3.0/json/uspto.json', '3.1/yaml/petstore.yaml', '3.0/yaml/petstore-expanded.yaml']) {
      const out = capture(examples);
      assert.equal(await runCli(['api-check', file], out.io, COMMANDS), 0, out.stdout() + out.stderr());
      assert.match(out.stdout(), /valid OpenAPI 3\.[01]\.\d+ description, \d+ operations/);
    }
  });

  it('exits 1 on a broken copy, naming the file, line and JSON pointer of the problem, in text and JSON', async () => {
    const out = capture(folder);
    assert.equal(await runCli(['api-check', 'broken-petstore.yaml'], out.io, COMMANDS), 1);
    assert.match(out.stdout(), /^error: .*broken-petstore\.yaml:\d+:\d+ #\/components\/schemas\/\w+\/properties\/name\/type \(struct\)/m);
    assert.match(out.stdout(), /invalid, \d+ errors/);
    const json = capture(folder);
    assert.equal(await runCli(['api-check', 'broken-petstore.yaml', '--json'], json.io, COMMANDS), 1);
    const check = JSON.parse(json.stdout()) as ApiDescriptionCheck;
    assert.equal(check.valid, false);
    const problem = check.problems.find((entry) => entry.severity === 'error');
    assert.ok(problem?.line !== undefined);
    const lines = (await readFile(join(folder, 'broken-petstore.yaml'), 'utf8')).split('\n');
    assert.match(lines[problem.line - 1] ?? '', /type: strng/);
  });

  it('exits 2 on bad usage: no file, two files, a file that does not exist', async () => {
    for (const args of [['api-check'], ['api-check', 'a.yaml', 'b.yaml'], ['api-check', 'missing.yaml'], ['api-mock', 'x.yaml', '--port', '70000']]) {
      const out = capture(folder);
      assert.equal(await runCli(args, out.io, COMMANDS), 2, args.join(' '));
      assert.ok(out.stderr().length > 0);
    }
  });

  it('api-mock serves the description on loopback until interrupted, and refuses an invalid one', async () => {
    const stop = new AbortController();
    const out = capture(examples, stop.signal);
    const running = runCli(['api-mock', '3.0/json/petstore-expanded.json', '--port', '0'], out.io, COMMANDS);
    let url: string | undefined;
    for (let tries = 0; tries < 100 && url === undefined; tries++) {
      url = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(out.stdout())?.[1];
      if (url === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(url, out.stdout() + out.stderr());
    assert.equal((await fetch(`${url}/pets`)).status, 200);
    assert.equal((await fetch(`${url}/pets`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 400);
    stop.abort();
    assert.equal(await running, 0);
    const broken = capture(folder);
    assert.equal(await runCli(['api-mock', 'broken-petstore.yaml', '--port', '0'], broken.io, COMMANDS), 1);
    assert.match(broken.stderr(), /nothing is served/);
  });
});
