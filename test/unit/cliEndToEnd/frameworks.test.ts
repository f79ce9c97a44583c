// `imperium run` on a copy of each of the five fixture projects, with a scenario of its own: a small
// feature in the fixture's language and test style, built through plan, red, green, refactor and
// review by the real engine, the real test framework and the scripted model server. Each fixture
// has tests that fail on purpose: they are recorded before the workflow starts, reported at its
// end, and do not block it.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { TestFramework } from '../../../src/shared/testResults';
import { finishedTestRuns, readEvents, readReport, readTestRun, readWorkflow, stepOutput } from './engineRecords';
import { printed, runImperium } from './imperiumProcess';
import { copyFixture, SCENARIOS, type ProjectCopy } from './projectCopy';

interface FrameworkCase {
  readonly framework: TestFramework;
  readonly fixture: string;
  readonly scenario: string;
  readonly request: string;
  /** The file TestBot writes, and how many tests it holds. */
  readonly testFile: string;
  readonly newTests: number;
  /** The file CodeBot changes. */
  readonly sourceFile: string;
}

const CASES: readonly FrameworkCase[] = [
  {
    framework: 'node-test',
    fixture: 'node-test-project',
    scenario: 'node-test-calc-multiply.json',
    request: 'Add multiply(a, b) to the calculator.',
    testFile: 'test/multiply.test.js',
    newTests: 3,
    sourceFile: 'src/calc.js',
  },
  {
    framework: 'mocha',
    fixture: 'mocha-project',
    scenario: 'mocha-stack-is-empty.json',
    request: 'Add Stack#isEmpty().',
    testFile: 'test/stack-empty.test.js',
    newTests: 3,
    sourceFile: 'src/stack.js',
  },
  {
    framework: 'jest',
    fixture: 'jest-project',
    scenario: 'jest-cart-item-count.json',
    request: 'Add itemCount(items): how many items the cart holds.',
    testFile: 'test/count.test.js',
    newTests: 2,
    sourceFile: 'src/cart.js',
  },
  {
    framework: 'vitest',
    fixture: 'vitest-project',
    scenario: 'vitest-fahrenheit-to-celsius.json',
    request: 'Add fahrenheitToCelsius, the inverse of celsiusToFahrenheit.',
    testFile: 'test/fahrenheit.test.ts',
    newTests: 3,
    sourceFile: 'src/temperature.ts',
  },
  {
    framework: 'pytest',
    fixture: 'pytest-project',
    scenario: 'pytest-inventory-remove.json',
    request: 'Add Inventory.remove(item, count).',
    testFile: 'tests/test_remove.py',
    newTests: 3,
    sourceFile: 'inventory.py',
  },
];

// A workflow runs the suite about seven times; jest, vitest and pytest take seconds to start each.
const RUN_DEADLINE_MS = 150_000;

interface RedOutput {
  readonly redTests: readonly { readonly id: string; readonly file: string }[];
  readonly failingBefore: readonly string[];
}

describe('imperium run on each framework (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  this.slow(30_000);
  const copies: ProjectCopy[] = [];
  afterEach(() => Promise.all(copies.splice(0).map((copy) => copy.remove())));

  for (const feature of CASES) {
    it(`${feature.framework}: builds the feature test-first, and the fixture's deliberate failures do not block it`, async () => {
      const copy = await copyFixture(feature.fixture);
      copies.push(copy);
      const reportFile = join(copy.root, 'report.json');

      const run = await runImperium(['run', copy.folder, feature.request, '--scenario', join(SCENARIOS, feature.scenario), '--report', reportFile], RUN_DEADLINE_MS);

      assert.equal(run.code, 0, printed(run));
      assert.match(run.stdout, /^Model: SCRIPTED\./m);
      assert.match(run.stdout, /^workflow wf-1 COMPLETED$/m);
      const report = readReport(reportFile);
      assert.equal(report.status, 'COMPLETED');
      assert.deepEqual(
        report.phases.map((phase) => `${phase.phase} ${phase.status}`),
        ['plan done', 'red done', 'green done', 'refactor done', 'review done'],
      );
      assert.deepEqual(
        report.files.map((file) => `${file.change} ${file.path}`).sort(),
        [`created ${feature.testFile}`, `modified ${feature.sourceFile}`].sort(),
      );

      // Red saw exactly the new tests fail, and recorded the suite's own failures before writing any.
      const red = stepOutput(readWorkflow(copy.folder, report.workflowId), 'red') as unknown as RedOutput;
      assert.equal(red.redTests.length, feature.newTests, JSON.stringify(red.redTests));
      assert.ok(red.redTests.every((test) => test.file === feature.testFile));
      assert.ok(red.failingBefore.length > 0, 'the fixture fails some tests on purpose');

      // At the end those same tests, and only they, still fail; the new ones joined the passing.
      assert.ok(report.tests);
      assert.equal(report.tests.outcome, 'completed');
      assert.deepEqual(report.tests.failures.map((failure) => failure.id).sort(), [...red.failingBefore].sort());
      const baseline = finishedTestRuns(readEvents(copy.folder)).get('red: baseline')?.summary;
      assert.ok(baseline, 'the red step ran the suite before TestBot wrote anything');
      assert.deepEqual(report.tests.summary, {
        passed: baseline.passed + feature.newTests,
        failed: baseline.failed,
        skipped: baseline.skipped,
        total: baseline.total + feature.newTests,
      });

      // The framework, through `imperium tests`, agrees with the report.
      const tests = await runImperium(['tests', copy.folder, '--json'], RUN_DEADLINE_MS);
      assert.equal(tests.code, 1, `the deliberate failures fail \`imperium tests\`\n${printed(tests)}`);
      const result = readTestRun(tests.stdout);
      assert.equal(result.framework, feature.framework);
      assert.deepEqual(result.summary, report.tests.summary);
      for (const { id } of red.redTests) {
        assert.equal(result.tests.find((test) => test.id === id)?.status, 'passed', `${id} passes`);
      }
    });
  }
});
