import * as assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseScenario, readScenarioFile, ScenarioError } from '../../../src/llm/scriptedServer/scenario';
import { startScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { SCENARIO_DIR, scenarioFile } from './scriptedModelHarness';

const DOC = join(__dirname, '..', '..', '..', 'docs', 'scripted-model-server.md');

function rejects(value: unknown, ...expected: RegExp[]) {
  assert.throws(
    () => parseScenario(value),
    (error: unknown) => {
      assert.ok(error instanceof ScenarioError);
      for (const pattern of expected) assert.match(error.message, pattern);
      return true;
    },
  );
}

describe('scenarios', () => {
  it('every fixture scenario is valid', async () => {
    const files = (await readdir(SCENARIO_DIR)).filter((name) => name.endsWith('.json'));
    assert.ok(files.length >= 12);
    for (const file of files) await readScenarioFile(scenarioFile(file));
  });

  it('each example in docs/scripted-model-server.md is the fixture file it names, and every fixture is documented', async () => {
    const doc = await readFile(DOC, 'utf8');
    const examples = [...doc.matchAll(/<!-- example: (\S+) -->\n```json\n([\s\S]*?)```/g)];
    const documented = new Set<string>();
    for (const [, path, block] of examples) {
      assert.ok(path && block !== undefined);
      const file = await readFile(join(__dirname, '..', '..', '..', path), 'utf8');
      assert.equal(block, file, `the example for ${path} differs from the file`);
      documented.add(path.split('/').at(-1) ?? '');
    }
    const fixtures = (await readdir(SCENARIO_DIR)).filter((name) => name.endsWith('.json'));
    assert.deepEqual([...documented].sort(), fixtures.sort());
  });

  it('fills in the defaults', () => {
    const scenario = parseScenario({ roles: { codebot: [{ content: 'hi' }] } });
    assert.equal(scenario.model, 'scripted-model');
    assert.equal(scenario.fallback, 'error');
    assert.deepEqual(scenario.embeddings, { dimensions: 256 });
    assert.equal(scenario.roles.codebot?.[0]?.times, 1);
  });

  describe('refuses a bad scenario, naming the field', () => {
    it('an unknown role, listing the roles', () => {
      rejects({ roles: { codeBot: [] } }, /roles: Unrecognized key: "codeBot"; the roles are "codebot", "testbot",.*"\*"/);
    });

    it('a tool call with both or neither kind of arguments', () => {
      rejects(
        { roles: { codebot: [{ toolCalls: [{ name: 'a', arguments: {}, rawArguments: '{' }, { name: 'b' }] }] } },
        /roles\.codebot\[0\]\.toolCalls\[0\]\.arguments: needs exactly one of arguments/,
        /roles\.codebot\[0\]\.toolCalls\[1\]\.arguments: needs exactly one/,
      );
    });

    it('a regular expression that does not compile', () => {
      rejects({ roles: { testbot: [{ when: { lastMessageMatches: '(' }, content: 'x' }] } }, /roles\.testbot\[0\]\.when\.lastMessageMatches: is not a valid JavaScript regular expression/);
    });

    it('an empty when, an empty reply, a bad times', () => {
      rejects(
        { roles: { codebot: [{ when: {}, content: 'x' }, {}, { content: 'y', times: 0 }] } },
        /roles\.codebot\[0\]\.when: needs at least one condition/,
        /roles\.codebot\[1\]\.content: needs content, toolCalls, or both/,
        /roles\.codebot\[2\]\.times: Too small/,
      );
    });

    it('error fields without a status, and content with one', () => {
      rejects(
        { roles: { codebot: [{ content: 'x', fault: { retryAfter: 1 } }, { content: 'y', fault: { status: 429, cutAfterChunks: 1 } }] } },
        /roles\.codebot\[0\]\.fault\.retryAfter: applies only with fault\.status/,
        /roles\.codebot\[1\]\.fault\.status: a reply with fault\.status answers with that error/,
        /roles\.codebot\[1\]\.fault\.cutAfterChunks: does not apply to an error reply/,
      );
    });

    it('a status that is not an error, a misspelt field, a bad fallback, a bad size', () => {
      rejects(
        { roles: { '*': [{ fault: { status: 200 } }, { content: 'x', fualt: {} }] }, fallback: 'repeat', embeddings: { dimensions: 3 } },
        /roles\["\*"\]\[0\]\.fault\.status: Too small/,
        /roles\["\*"\]\[1\]: Unrecognized key: "fualt"/,
        /fallback: /,
        /embeddings\.dimensions: Too small/,
      );
    });

    it('something that is not a scenario at all', () => {
      rejects([], /\(the scenario itself\): /);
      rejects({}, /roles: /);
    });
  });

  describe('files', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'imperium-scenario-'));
    });
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it('names the file when it is not JSON', async () => {
      const file = join(dir, 'broken.json');
      await writeFile(file, '{ "roles": ');
      await assert.rejects(readScenarioFile(file), (error: Error) => error instanceof ScenarioError && error.message.startsWith(`The scenario file ${file} is not valid JSON`));
    });

    it('names the file and the field when it is not a valid scenario', async () => {
      const file = join(dir, 'invalid.json');
      await writeFile(file, JSON.stringify({ roles: { codebot: [{ content: 5 }] } }));
      await assert.rejects(readScenarioFile(file), new RegExp(`^ScenarioError: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is not a valid scenario:\\n  roles\\.codebot\\[0\\]\\.content: `));
    });

    it('says when the file cannot be read, and the server does not start', async () => {
      await assert.rejects(startScriptedModelServer(join(dir, 'missing.json')), /Could not read the scenario file .*missing\.json: ENOENT/);
    });
  });
});
