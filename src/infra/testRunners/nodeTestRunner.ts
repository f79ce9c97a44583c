// node:test: `node --test` over the workspace's test files, reported through Imperium's reporter
// (nodeTestReporterSource.ts) alongside Node's own spec reporter for people reading the output.
// Tests are listed by a run in which the listing hook (nodeTestDiscoverySource.ts) declares every
// test skipped, so no test body runs. A run includes the must-fail canary in a file of its own
// (testCanary.ts).
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import type { TestRunResult } from '../../shared/testResults';
import type { FrameworkRun, FrameworkRunner, RunnerContext } from './frameworkRunner';
import { NODE_TEST_DISCOVERY_SOURCE } from './nodeTestDiscoverySource';
import { findNodeTestFiles, nodeTestSetup } from './nodeTestFiles';
import { nodeTestReporterSource } from './nodeTestReporterSource';
import { recordedRun } from './recordedRun';
import { discoveredTests, emptyRunResult } from './runResult';
import { newTestCanary, type TestCanary } from './testCanary';
import { writeTestCanary } from './testCanarySources';
import { exactNamesPattern, filesToRun, parseTestId } from './testIds';

export class NodeTestRunner implements FrameworkRunner {
  readonly framework = 'node-test';

  constructor(private readonly context: RunnerContext) {}

  async discover(run: FrameworkRun): Promise<DiscoveredTest[]> {
    return discoveredTests(await this.execute({}, { listing: true }, run));
  }

  run(selection: TestSelection, run: FrameworkRun): Promise<TestRunResult> {
    const ids = selection.testIds ?? [];
    const canary = newTestCanary();
    // Node 20 matches a pattern against each test's own name, later versions against the names of
    // its suites and itself joined by spaces: the pattern offers both, the result is narrowed exactly.
    const names = ids.flatMap((id) => {
      const { titles } = parseTestId(id);
      return [titles[titles.length - 1], titles.join(' ')];
    });
    return this.execute(selection, { canary, ...(names.length > 0 && { namePattern: exactNamesPattern([...names, canary.mustFail, canary.mustPass]) }) }, run);
  }

  private async execute(
    selection: TestSelection,
    how: { readonly namePattern?: string; readonly listing?: boolean; readonly canary?: TestCanary },
    run: FrameworkRun,
  ): Promise<TestRunResult> {
    const setup = nodeTestSetup(this.context.manifest);
    const selected = filesToRun(selection);
    const files = selected.length > 0 ? selected : await findNodeTestFiles(this.context.paths.root, setup);
    // Given no files Node would search by its own rules, which are not the script's.
    if (files.length === 0) return emptyRunResult(this.framework, `No test files found for ${describePatterns(setup.patterns)}.`);
    return recordedRun(
      this.context,
      {
        framework: this.framework,
        reporterName: 'imperium-node-test-reporter.mjs',
        reporterSource: nodeTestReporterSource,
        ...(how.canary && { canary: { canary: how.canary, scope: 'own-file' } }),
        command: async (reporterPath, scratchDir) => ({
          args: [
            ...(how.listing ? ['--require', await writeListingHook(scratchDir)] : []),
            ...setup.nodeOptions,
            // Locations of tests and failures in transpiled files (TypeScript) point into the source.
            '--enable-source-maps',
            '--test',
            '--test-reporter=spec',
            '--test-reporter-destination=stdout',
            // Imperium's reporter writes its records to a file itself; Node still wants a destination for it.
            `--test-reporter=${reporterPath}`,
            '--test-reporter-destination=stderr',
            ...(how.namePattern !== undefined ? [`--test-name-pattern=${how.namePattern}`] : []),
            ...files,
            ...(how.canary ? [await writeTestCanary('node-test', how.canary, scratchDir, this.context.paths.root)] : []),
          ],
        }),
      },
      selection,
      run,
    );
  }
}

async function writeListingHook(scratchDir: string): Promise<string> {
  const path = join(scratchDir, 'imperium-node-test-listing.cjs');
  await writeFile(path, NODE_TEST_DISCOVERY_SOURCE);
  return path;
}

function describePatterns(patterns: readonly string[]): string {
  return patterns.length > 0 ? `the test script's patterns (${patterns.join(', ')})` : "node:test's naming rule";
}
