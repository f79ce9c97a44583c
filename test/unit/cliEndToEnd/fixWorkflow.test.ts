// `imperium run --workflow fix` on exercises whose tests fail as written (the exercism style: a stub
// that throws or returns nothing), one with jest and one with pytest, answered by the scripted
// model: the run ends green without a test changed, and the framework's own command agrees. Then
// the stops: nothing failing, and tests that cannot load, both before any model call; and an
// unknown workflow id.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readReport, readWorkflow, stepOutput } from './engineRecords';
import { printed, REPOSITORY, runImperium } from './imperiumProcess';
import { changedPaths, copyFixture, snapshot, type ProjectCopy } from './projectCopy';

const execFileAsync = promisify(execFile);
const SCENARIOS = join(REPOSITORY, 'test/fixtures/fix-scenarios');
const RUN_DEADLINE_MS = 120_000;

interface Exercise {
  readonly framework: 'jest' | 'pytest';
  readonly fixture: string;
  readonly scenario: string;
  readonly request?: string;
  /** `--test` values, when the run names its tests. */
  readonly tests: readonly string[];
  readonly testFile: string;
  readonly sourceFile: string;
  readonly failing: number;
  /** Tests skipped as written (exercism's xtest): they stay skipped. */
  readonly skipped?: number;
  /** The framework's own command, run in the project afterwards: [command, ...args]. */
  readonly command: readonly string[];
  readonly allPass: RegExp;
}

const EXERCISES: readonly Exercise[] = [
  {
    framework: 'jest',
    fixture: 'fix-exercises/bowling-jest',
    scenario: 'jest-bowling.json',
    request: 'Make the failing tests in bowling.spec.js pass',
    tests: ['bowling.spec.js'],
    testFile: 'bowling.spec.js',
    sourceFile: 'bowling.js',
    failing: 10,
    command: ['npx', 'jest'],
    allPass: /^Tests:\s+10 passed, 10 total$/m,
  },
  {
    framework: 'pytest',
    fixture: 'fix-exercises/word-count-pytest',
    scenario: 'pytest-word-count.json',
    tests: [],
    testFile: 'word_count_test.py',
    sourceFile: 'word_count.py',
    failing: 8,
    command: ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
    allPass: /^8 passed in /m,
  },
  {
    framework: 'pytest',
    fixture: 'fix-exercises/bowling-pytest',
    scenario: 'pytest-bowling.json',
    request: 'Make the bowling tests pass',
    tests: ['bowling_test.py::BowlingTest > test_all_strikes_is_a_perfect_game', 'bowling_test.py'],
    testFile: 'bowling_test.py',
    sourceFile: 'bowling.py',
    failing: 7,
    command: ['python3', '-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
    allPass: /^7 passed in /m,
  },
  {
    framework: 'jest',
    fixture: 'fix-exercises/reverse-string-jest',
    scenario: 'jest-reverse-string.json',
    tests: [],
    testFile: 'reverse-string.spec.js',
    sourceFile: 'reverse-string.js',
    failing: 2,
    skipped: 3,
    command: ['npx', 'jest'],
    allPass: /^Tests:\s+3 skipped, 2 passed, 5 total$/m,
  },
];

interface FixRed {
  readonly redTests: readonly { readonly id: string }[];
  readonly passedBefore: readonly string[];
}

/** The framework's own run in the project, as a person would type it. */
async function frameworkRun(folder: string, [command, ...args]: readonly string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await execFileAsync(command ?? '', args, { cwd: folder, env: { ...process.env, CI: '1', NO_COLOR: '1' } });
    return { code: 0, output: `${stdout}${stderr}` };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('imperium run --workflow fix (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  this.slow(20_000);
  const copies: ProjectCopy[] = [];
  afterEach(() => Promise.all(copies.splice(0).map((copy) => copy.remove())));

  async function copy(fixture: string): Promise<ProjectCopy> {
    const made = await copyFixture(fixture);
    copies.push(made);
    return made;
  }

  for (const exercise of EXERCISES) {
    it(`${exercise.framework}, ${exercise.fixture.split('/').at(-1)}: makes the exercise's failing tests pass without touching a test, and ${exercise.command.join(' ')} agrees`, async () => {
      const project = await copy(exercise.fixture);
      const before = snapshot(project.folder);
      const reportFile = join(project.root, 'report.json');
      const args = ['run', project.folder, ...(exercise.request !== undefined ? [exercise.request] : []), '--workflow', 'fix', ...exercise.tests.flatMap((test) => ['--test', test])];

      const run = await runImperium([...args, '--scenario', join(SCENARIOS, exercise.scenario), '--report', reportFile], RUN_DEADLINE_MS);

      assert.equal(run.code, 0, printed(run));
      assert.match(run.stdout, /^Model: SCRIPTED\./m);
      assert.match(run.stdout, /^workflow wf-1 COMPLETED$/m);
      const report = readReport(reportFile);
      assert.equal(report.workflow, 'fix');
      assert.deepEqual(
        report.phases.map((phase) => `${phase.phase} ${phase.status}`),
        ['red done', 'green done', 'refactor done', 'review done'],
      );
      // Only the code changed: no test was written, none edited.
      assert.deepEqual(changedPaths(before, snapshot(project.folder)), [exercise.sourceFile]);
      assert.deepEqual(report.files.map((file) => `${file.change} ${file.path}`), [`modified ${exercise.sourceFile}`]);
      assert.equal(report.usage.find((usage) => usage.agent === 'testbot'), undefined, 'TestBot was not asked for tests');

      const red = stepOutput(readWorkflow(project.folder, report.workflowId), 'red') as unknown as FixRed;
      assert.equal(red.redTests.length, exercise.failing);
      assert.ok(red.redTests.every((test) => test.id.startsWith(`${exercise.testFile}::`)));
      assert.equal(report.criteria.at(-1), 'the 0 tests that passed before the fix still pass, and no test is changed');
      const skipped = exercise.skipped ?? 0;
      assert.deepEqual(report.tests?.summary, { passed: exercise.failing, failed: 0, skipped, total: exercise.failing + skipped });

      const own = await frameworkRun(project.folder, exercise.command);
      assert.equal(own.code, 0, own.output);
      assert.match(own.output, exercise.allPass);
    });
  }

  it('has TestBot add the tests a request asks for, held to the red gate, and makes them pass with the rest', async () => {
    const project = await copy('fix-exercises/reverse-string-jest');
    const before = snapshot(project.folder);
    const reportFile = join(project.root, 'report.json');
    const request = 'Make the failing tests pass and add a test for spaces at the ends';

    const run = await runImperium(['run', project.folder, request, '--workflow', 'fix', '--scenario', join(SCENARIOS, 'jest-reverse-string-more-tests.json'), '--report', reportFile], RUN_DEADLINE_MS);

    assert.equal(run.code, 0, printed(run));
    const report = readReport(reportFile);
    assert.deepEqual(changedPaths(before, snapshot(project.folder)), ['reverse-string.js', 'reverse-string.more.spec.js']);
    const red = stepOutput(readWorkflow(project.folder, report.workflowId), 'red') as unknown as FixRed & { summary: string };
    assert.deepEqual(
      red.redTests.map((test) => test.id),
      ['reverse-string.spec.js::ReverseString > empty string', 'reverse-string.spec.js::ReverseString > a word', 'reverse-string.more.spec.js::ReverseString, more > a word with a space at each end'],
    );
    assert.match(red.summary, /; TestBot added 1 test that fails for the right reason$/);
    assert.deepEqual(report.tests?.summary, { passed: 3, failed: 0, skipped: 3, total: 6 });
    const own = await frameworkRun(project.folder, ['npx', 'jest']);
    assert.equal(own.code, 0, own.output);
    assert.match(own.output, /^Tests:\s+3 skipped, 3 passed, 6 total$/m);
  });

  it('stops before any model call when nothing fails, and exits 1 saying so', async () => {
    const project = await copy('fix-exercises/word-count-pytest');
    const solution = JSON.parse(readFileSync(join(SCENARIOS, 'pytest-word-count.json'), 'utf8')) as { roles: { codebot: { toolCalls?: { arguments: { content?: string } }[] }[] } };
    writeFileSync(join(project.folder, 'word_count.py'), solution.roles.codebot[0]?.toolCalls?.[0]?.arguments.content ?? '');
    const reportFile = join(project.root, 'report.json');

    const run = await runImperium(['run', project.folder, '--workflow', 'fix', '--scenario', join(SCENARIOS, 'pytest-word-count.json'), '--report', reportFile], RUN_DEADLINE_MS);

    assert.equal(run.code, 1, printed(run));
    assert.match(run.stdout, /^workflow wf-1 FAILED/m);
    const report = readReport(reportFile);
    assert.equal(report.reason, 'Nothing to fix: the suite did not fail (8 tests ran, none failing).');
    assert.deepEqual(report.usage, [], 'no model was called');
    assert.deepEqual(
      report.phases.map((phase) => `${phase.phase} ${phase.status}`),
      ['red failed', 'green not reached', 'refactor not reached', 'review not reached'],
    );
  });

  const CANNOT_LOAD: readonly { readonly what: string; readonly fixture: string; readonly file: string; readonly edit: (text: string) => string; readonly says: RegExp }[] = [
    {
      what: 'a jest test with a syntax error',
      fixture: 'fix-exercises/bowling-jest',
      file: 'bowling.spec.js',
      edit: (text) => text.replace("describe('Bowling', () => {", "describe('Bowling', () => {{"),
      says: /^- bowling\.spec\.js: SyntaxError: bowling\.spec\.js: Unexpected token \(58:1\)/m,
    },
    {
      what: 'a pytest test that imports a package that is not installed',
      fixture: 'fix-exercises/word-count-pytest',
      file: 'word_count_test.py',
      edit: (text) => `import hypothesis_is_not_installed\n${text}`,
      says: /^- word_count_test\.py: ModuleNotFoundError: No module named 'hypothesis_is_not_installed'/m,
    },
  ];
  for (const broken of CANNOT_LOAD) {
    it(`stops at red on ${broken.what}: the gate says the test cannot load, and CodeBot is not started`, async () => {
      const project = await copy(broken.fixture);
      const path = join(project.folder, broken.file);
      writeFileSync(path, broken.edit(readFileSync(path, 'utf8')));
      const before = snapshot(project.folder);
      const reportFile = join(project.root, 'report.json');

      const run = await runImperium(['run', project.folder, '--workflow', 'fix', '--scenario', join(SCENARIOS, 'jest-bowling.json'), '--report', reportFile], RUN_DEADLINE_MS);

      assert.equal(run.code, 1, printed(run));
      const report = readReport(reportFile);
      assert.match(report.reason ?? '', /^These tests fail because they cannot load, not because of the code under test:\n/);
      assert.match(report.reason ?? '', broken.says);
      assert.match(run.stdout, /cannot load/);
      assert.doesNotMatch(run.stdout, /codebot starts/);
      assert.deepEqual(report.usage, [], 'no model was called');
      assert.deepEqual(changedPaths(before, snapshot(project.folder)), []);
    });
  }

  it('imperium demo --workflow fix: the bundled example with failing tests ends green, and npm test agrees', async () => {
    const run = await runImperium(['demo', '--workflow', 'fix'], RUN_DEADLINE_MS);
    const folder = /^The project, as the agents left it: (.+)$/m.exec(run.stdout)?.[1];
    try {
      assert.equal(run.code, 0, printed(run));
      assert.match(run.stdout, /^Imperium Flow demo of the fix workflow: roman-numerals copied to /);
      assert.match(run.stdout, /^ {3}tests \(red: the suite before the fix\) completed: 5 passed, 5 failed, 0 skipped$/m);
      assert.match(run.stdout, /^ {2}red {7}done .* 5 tests fail for a reason the implementation can fix$/m);
      assert.match(run.stdout, /^workflow wf-1 COMPLETED$/m);
      assert.ok(folder);
      const own = await frameworkRun(folder, ['npm', 'test']);
      assert.equal(own.code, 0, own.output);
      assert.match(own.output, /^# pass 10$/m);
    } finally {
      if (folder !== undefined) await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses an unknown workflow id with exit 2, naming the workflows there are', async () => {
    const project = await copy('fix-exercises/bowling-jest');
    const run = await runImperium(['run', project.folder, 'Fix it', '--workflow', 'mend', '--scenario', join(SCENARIOS, 'jest-bowling.json')], RUN_DEADLINE_MS);
    assert.equal(run.code, 2, printed(run));
    assert.match(run.stderr, /^imperium run: There is no workflow "mend"; the workflows are: feature, fix, design, integration, deploy\.$/m);
  });
});
