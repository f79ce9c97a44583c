// Imperium's mocha reporter, given the canary, in a run it finds in parallel mode (which Imperium did
// not foresee): the files load in workers it cannot reach, so it records that the run has no canary
// and the run's passes are not trusted. The runner here is a stand-in (named as such): mocha's
// ParallelBufferedRunner needs worker processes and real spec files to be constructed.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { EventEmitter } from 'node:events';
import { mochaReporterSource } from '../../../../src/infra/testRunners/mochaReporterSource';
import { readReporterRecords, recordDestination } from '../../../../src/infra/testRunners/reporterRecords';
import { newTestCanary } from '../../../../src/infra/testRunners/testCanary';
import { WorkspacePaths } from '../../../../src/infra/testRunners/workspacePaths';

describe("Imperium's mocha reporter in parallel mode", () => {
  it('records that the canary could not be added, which makes the run untrusted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'imperium-mocha-reporter-'));
    try {
      const destination = recordDestination(join(dir, 'records.jsonl'));
      const mochaDir = dirname(createRequire(__filename).resolve('mocha/package.json'));
      const reporter = join(dir, 'reporter.cjs');
      await writeFile(reporter, mochaReporterSource(destination, { canary: newTestCanary(), mochaDir, root: process.cwd(), file: join(dir, 'canary.mjs') }));
      const parallelRunner = Object.assign(new EventEmitter(), { isParallelMode: () => true, suite: { suites: [] } });
      (createRequire(__filename)(reporter) as (runner: unknown) => void)(parallelRunner);
      parallelRunner.emit('end');
      const report = await readReporterRecords(destination, await WorkspacePaths.of(dir));
      assert.equal(report.finished, true);
      assert.match((report.untrusted ?? []).join('\n'), /parallel mode, where Imperium's reporter cannot add the must-fail canary/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
