import * as assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { CODE_BOT } from '../../../src/agents/codeBot';
import { noTestPaths } from '../../../src/agents/testFiles';
import { TEST_BOT } from '../../../src/agents/testBot';
import type { ToolContext, ToolResult } from '../../../src/agents/tools/agentTool';
import type { Workspace } from '../../../src/core/ports';
import { runToolCall } from '../../../src/agents/tools/toolCall';
import type { EngineEventInput } from '../../../src/shared/events';
import { call } from './scriptedModelClient';
import { ScriptedTestRunner, testRun } from './scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

describe('agent tools', () => {
  let temp: TempWorkspace;
  let events: EngineEventInput[];

  beforeEach(async () => {
    temp = await tempWorkspace({
      'src/math.ts': 'export function add(a: number, b: number) {\n  return a - b;\n}\n',
      'src/repeat.ts': 'log("x");\nlog("y");\nlog("x");\n',
      'src/windows.ts': 'const a = 1;\r\nconst b = 2;\r\n',
      'src/long.ts': Array.from({ length: 1000 }, (_, index) => `line ${index + 1}`).join('\n') + '\n',
      'src/empty.ts': '',
      'test/math.test.ts': 'it("adds", () => {});\n',
      '.env': 'KEY=secret',
    });
    events = [];
  });

  afterEach(() => temp.remove());

  function context(overrides: Partial<ToolContext> = {}): ToolContext {
    return { workspace: temp.workspace, origin: { workflowId: 'wf-1', taskId: 't-1', agent: 'codebot' }, ...overrides };
  }

  async function invoke(name: string, args: unknown, overrides: Partial<ToolContext> = {}): Promise<ToolResult> {
    const outcome = await runToolCall(call(name, args), CODE_BOT, context(overrides), (event) => events.push(event));
    return outcome.result;
  }

  describe('arguments', () => {
    it('returns malformed JSON to the model with the parser’s reason', async () => {
      const result = await invoke('read_file', '{"path": "src/math.ts"');
      assert.equal(result.outcome, 'error');
      assert.match(result.content, /^The arguments of read_file are not valid JSON \(.+\)\. Send one JSON object/);
    });

    it('names each wrong, missing or unknown argument', async () => {
      const result = await invoke('write_file', { path: 42, contents: 'x' });
      assert.equal(result.outcome, 'error');
      assert.equal(
        result.content,
        ['Invalid arguments for write_file:', '- path: Invalid input: expected string, received number', '- content: required (string expected)', '- arguments: Unrecognized key: "contents"'].join('\n'),
      );
    });

    it('refuses arguments that are not an object', async () => {
      assert.match((await invoke('list_files', '[1]')).content, /must be a JSON object, not an array/);
      assert.match((await invoke('list_files', '"src"')).content, /must be a JSON object, not "src"/);
    });

    it('accepts empty argument text as no arguments', async () => {
      assert.equal((await invoke('list_files', '')).outcome, 'ok');
    });

    it('answers an unknown tool with the list of real ones', async () => {
      const result = await invoke('delete_everything', {});
      assert.equal(result.outcome, 'error');
      assert.equal(result.content, 'There is no tool named "delete_everything". The tools are: list_files, read_file, search_text, write_file, edit_file, run_tests, finish.');
    });
  });

  describe('read_file', () => {
    it('shows the range and the total', async () => {
      const result = await invoke('read_file', { path: 'src/long.ts', start_line: 10, end_line: 12 });
      assert.equal(result.content, '"src/long.ts", lines 10-12 of 1000:\nline 10\nline 11\nline 12');
    });

    it('truncates a long file with a marker that says how to read on', async () => {
      const result = await invoke('read_file', { path: 'src/long.ts' });
      const lines = result.content.split('\n');
      assert.equal(lines[0], '"src/long.ts", lines 1-400 of 1000:');
      assert.equal(lines[400], 'line 400');
      assert.equal(lines[401], '[… truncated at line 400 of 1000: call read_file with start_line 401 to read on.]');
    });

    it('says when a range is past the end or backwards, and when a file is empty', async () => {
      assert.equal((await invoke('read_file', { path: 'src/math.ts', start_line: 9 })).content, 'start_line 9 is past the end of "src/math.ts", which has 3 lines.');
      assert.match((await invoke('read_file', { path: 'src/math.ts', start_line: 3, end_line: 2 })).content, /- end_line: end_line must not be before start_line/);
      assert.equal((await invoke('read_file', { path: 'src/empty.ts' })).content, '"src/empty.ts" is empty.');
    });

    it('turns workspace errors into results: missing files are errors, protected ones refusals', async () => {
      const missing = await invoke('read_file', { path: 'src/nope.ts' });
      assert.deepEqual(missing, { outcome: 'error', content: '"src/nope.ts" does not exist.' });
      const secret = await invoke('read_file', { path: '.env' });
      assert.equal(secret.outcome, 'refused');
      assert.match(secret.content, /protected/);
      const event = events.at(-1);
      assert.ok(event?.type === 'tool');
      assert.equal(event.outcome, 'refused');
      assert.equal(event.path, '.env');
      assert.equal(event.workflowId, 'wf-1');
      assert.equal(event.taskId, 't-1');
      assert.match(event.message ?? '', /protected/);
    });

    it("reports how long the call took, the tool's own time included", async () => {
      const real = temp.workspace;
      const slowRead: Workspace = {
        root: real.root,
        list: (dir, options) => real.list(dir, options),
        exists: (path) => real.exists(path),
        read: async (path) => (await delay(60), real.read(path)),
        search: (query, options) => real.search(query, options),
        write: (path, content, origin) => real.write(path, content, origin),
        delete: (path, origin) => real.delete(path, origin),
      };
      await invoke('read_file', { path: 'src/math.ts' }, { workspace: slowRead });
      const event = events.at(-1);
      assert.ok(event?.type === 'tool');
      assert.ok(event.durationMs >= 60 && event.durationMs < 5_000, `durationMs ${event.durationMs} for a read held 60 ms`);
      await invoke('read_file', { path: 'src/math.ts' });
      const fast = events.at(-1);
      assert.ok(fast?.type === 'tool');
      assert.ok(fast.durationMs < event.durationMs, `an unheld read (${fast.durationMs} ms) is faster than a held one (${event.durationMs} ms)`);
    });
  });

  describe('list_files and search_text', () => {
    it('lists folders with a trailing slash and marks a cut listing', async () => {
      assert.equal((await invoke('list_files', {})).content, 'src/\ntest/');
      const cut = await invoke('list_files', { recursive: true, limit: 3 });
      assert.equal(cut.content, 'src/\ntest/\nsrc/empty.ts\n[… more entries not shown: list a narrower folder or raise limit (3 now, at most 1000).]');
    });

    it('finds lines as path:line: text and says when nothing matched', async () => {
      assert.equal((await invoke('search_text', { query: 'return a', path: 'src' })).content, 'src/math.ts:2:   return a - b;');
      assert.equal((await invoke('search_text', { query: 'zebra' })).content, 'No matches for "zebra".');
      const cut = await invoke('search_text', { query: 'log', limit: 2 });
      assert.match(cut.content, /src\/repeat.ts:2: log\("y"\);\n\[… more matches not shown/);
      assert.equal((await invoke('search_text', { query: '(', regex: true })).outcome, 'refused');
    });
  });

  describe('write_file', () => {
    it('creates and replaces files, journalled under the agent', async () => {
      assert.equal((await invoke('write_file', { path: './src/new/util.ts', content: 'a\nb\n' })).content, 'Created "src/new/util.ts" (2 lines).');
      assert.equal((await invoke('write_file', { path: 'src/new/util.ts', content: 'c' })).content, 'Replaced "src/new/util.ts" (1 line).');
      assert.equal(await temp.readFile('src/new/util.ts'), 'c');
      const entries = await temp.journal.readAll();
      assert.deepEqual(
        entries.map((entry) => entry.kind === 'write' && [entry.path, entry.agent, entry.taskId]),
        [
          ['src/new/util.ts', 'codebot', 't-1'],
          ['src/new/util.ts', 'codebot', 't-1'],
        ],
      );
    });

    it('refuses what the write guard forbids, judging the canonical path, and writes nothing', async () => {
      const result = await invoke('write_file', { path: 'src/../test/math.test.ts', content: 'it.skip("adds")' }, { canWrite: noTestPaths });
      assert.equal(result.outcome, 'refused');
      assert.match(result.content, /^You may not write "test\/math.test.ts": tests and test configuration are fixed/);
      assert.equal(await temp.readFile('test/math.test.ts'), 'it("adds", () => {});\n');
      assert.deepEqual(temp.journal.lines, []);
    });

    it('refuses escapes and protected paths as refusals', async () => {
      assert.equal((await invoke('write_file', { path: '../x.ts', content: '' })).outcome, 'refused');
      assert.equal((await invoke('write_file', { path: '.github/workflows/x.yml', content: '' })).outcome, 'refused');
    });
  });

  describe('edit_file', () => {
    it('replaces exactly one occurrence and says where', async () => {
      const result = await invoke('edit_file', { path: 'src/math.ts', old_text: 'return a - b;', new_text: 'return a + b;' });
      assert.equal(result.content, 'Edited "src/math.ts": replaced 1 occurrence (at line 2).');
      assert.equal(await temp.readFile('src/math.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
    });

    it('refuses an ambiguous edit with the count and lines, unless replace_all', async () => {
      const ambiguous = await invoke('edit_file', { path: 'src/repeat.ts', old_text: 'log("x");', new_text: 'log("z");' });
      assert.equal(ambiguous.outcome, 'error');
      assert.equal(ambiguous.content, 'old_text occurs 2 times in "src/repeat.ts" (at lines 1, 3). Include more surrounding lines to make it unique, or set replace_all to true.');
      const all = await invoke('edit_file', { path: 'src/repeat.ts', old_text: 'log("x");', new_text: 'log("z");', replace_all: true });
      assert.equal(all.content, 'Edited "src/repeat.ts": replaced 2 occurrences (at lines 1, 3).');
      assert.equal(await temp.readFile('src/repeat.ts'), 'log("z");\nlog("y");\nlog("z");\n');
    });

    it('says when the text is missing, pointing at a near match', async () => {
      const near = await invoke('edit_file', { path: 'src/math.ts', old_text: 'return a - b;\n}\n// end', new_text: 'x' });
      assert.equal(near.content, 'old_text was not found in "src/math.ts". Its first line appears at line 2, but what follows or the whitespace differs. Read those lines again and copy them exactly.');
      const none = await invoke('edit_file', { path: 'src/math.ts', old_text: 'multiply', new_text: 'x' });
      assert.equal(none.content, 'old_text was not found in "src/math.ts". Read the file again and copy the text exactly, including whitespace and indentation.');
      assert.equal((await invoke('edit_file', { path: 'src/math.ts', old_text: 'a', new_text: 'a' })).content, 'old_text and new_text are the same, so nothing would change.');
      assert.deepEqual(temp.journal.lines, []);
    });

    it('keeps a file’s Windows line endings and takes "$&" in new_text literally', async () => {
      await invoke('edit_file', { path: 'src/windows.ts', old_text: 'const a = 1;\nconst b = 2;', new_text: 'const a = "$&";\nconst b = 3;' });
      assert.equal(await temp.readFile('src/windows.ts'), 'const a = "$&";\r\nconst b = 3;\r\n');
    });

    it('applies the write guard before reading', async () => {
      const result = await invoke('edit_file', { path: 'test/math.test.ts', old_text: 'adds', new_text: 'skips' }, { canWrite: noTestPaths });
      assert.equal(result.outcome, 'refused');
    });
  });

  describe('run_tests', () => {
    it('gives a compact summary of each failure: id, file:line, message, expected and actual', async () => {
      const tests = new ScriptedTestRunner([
        testRun([
          { id: 'test/math.test.ts::add > adds', name: 'adds', suite: ['add'], file: 'test/math.test.ts', line: 3, status: 'passed' },
          {
            id: 'test/math.test.ts::add > adds negatives',
            name: 'adds negatives',
            suite: ['add'],
            file: 'test/math.test.ts',
            line: 7,
            status: 'failed',
            message: 'Expected values to be strictly equal:\n\n3 !== -1\n',
            expected: '-1',
            actual: '3',
            failureLocation: { file: 'test/math.test.ts', line: 8, column: 12 },
          },
        ]),
      ]);
      const result = await invoke('run_tests', { files: ['test/math.test.ts'] }, { tests });
      assert.equal(result.outcome, 'ok');
      assert.equal(
        result.content,
        [
          'Tests ran: 1 passed, 1 failed, 0 skipped (2 in all) in 42 ms.',
          'FAILED test/math.test.ts::add > adds negatives',
          '  at test/math.test.ts:8',
          '  message: Expected values to be strictly equal:',
          '    ',
          '    3 !== -1',
          '  expected: -1',
          '  actual:   3',
        ].join('\n'),
      );
      assert.deepEqual(tests.runs[0].selection, { files: ['test/math.test.ts'], testIds: undefined });
      assert.equal(tests.runs[0].options?.label, 'wf-1 t-1 codebot');
    });

    it("leaves Node's own stack frames out of a failure, keeping the test's", async () => {
      const actual = [
        'TypeError: shelf.citation is not a function',
        '    at test/citation.test.js:34:35',
        '    at getActual (node:assert:498:5)',
        '    at TestContext.<anonymous> (test/citation.test.js:34:10)',
        '    at Test.runInAsyncScope (node:async_hooks:206:9)',
        '    at node:internal/main/run_main_module:28:49',
      ].join('\n');
      const failed = { id: 'test/citation.test.js::cites', name: 'cites', suite: [], file: 'test/citation.test.js', line: 33, status: 'failed' as const, message: 'no match', actual };
      const result = await invoke('run_tests', {}, { tests: new ScriptedTestRunner([testRun([failed])]) });
      assert.equal(
        result.content.split('\n').slice(-3).join('\n'),
        ['  actual:   TypeError: shelf.citation is not a function', '        at test/citation.test.js:34:35', '        at TestContext.<anonymous> (test/citation.test.js:34:10)'].join('\n'),
      );
    });

    it('shows file errors and the runner output when nothing ran, as an error', async () => {
      const tests = new ScriptedTestRunner([
        testRun([], { outcome: 'error', errors: [{ file: 'test/math.test.ts', message: 'SyntaxError: Unexpected token' }], output: 'loading…\nSyntaxError: Unexpected token\n' }),
      ]);
      const result = await invoke('run_tests', {}, { tests });
      assert.equal(result.outcome, 'error');
      assert.equal(
        result.content,
        [
          'Tests could not run: 0 passed, 0 failed, 0 skipped (0 in all) in 42 ms.',
          'ERROR in test/math.test.ts:',
          '    SyntaxError: Unexpected token',
          'Runner output (last lines):',
          '    loading…',
          '    SyntaxError: Unexpected token',
        ].join('\n'),
      );
    });

    it('caps the failures it lists', async () => {
      const failures = Array.from({ length: 15 }, (_, index) => ({
        id: `t.test.ts::case ${index}`,
        name: `case ${index}`,
        suite: [],
        file: 't.test.ts',
        status: 'failed' as const,
        message: 'boom',
      }));
      const result = await invoke('run_tests', {}, { tests: new ScriptedTestRunner([testRun(failures)]) });
      assert.equal(result.content.match(/^FAILED /gm)?.length, 10);
      assert.match(result.content, /… and 5 more failing tests; run fewer files to see them\.$/);
    });

    it('says so when the agent has no test runner', async () => {
      assert.deepEqual(await invoke('run_tests', {}), { outcome: 'error', content: 'No test runner is available to this agent.' });
    });
  });

  describe('finish', () => {
    it("checks TestBot's answer against the workspace", async () => {
      const finish = (args: unknown) => runToolCall(call('finish', args), TEST_BOT, context(), () => undefined);
      assert.equal((await finish({ summary: 'x', test_files: ['src/math.ts'] })).result.content, 'Not finished: test_files: "src/math.ts" is not a test file.');
      assert.equal((await finish({ summary: 'x', test_files: ['test/nope.test.ts'] })).result.content, 'Not finished: test_files: "test/nope.test.ts" does not exist; write it first.');
      assert.match((await finish({ summary: 'x', test_files: [] })).result.content, /- test_files: Too small/);
      const done = await finish({ summary: 'covers add', test_files: ['./test/math.test.ts'] });
      assert.deepEqual(done.finished, { answer: { summary: 'covers add', test_files: ['./test/math.test.ts'] } });
    });
  });
});
