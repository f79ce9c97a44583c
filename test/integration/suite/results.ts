// How the in-editor mocha run hands its counts to the runner outside the editor: through a file
// whose path the runner passes in the extension host's environment.
import { writeFileSync } from 'node:fs';

export const RESULTS_FILE_ENV = 'IMPERIUM_RESULTS_FILE';
/** Which run (test/integration/runs.ts) the extension host is in. */
export const RUN_ENV = 'IMPERIUM_INTEGRATION_RUN';

export interface TestCounts {
  readonly passed: number;
  readonly failed: number;
}

export function writeCounts(counts: TestCounts): void {
  const file = process.env[RESULTS_FILE_ENV];
  if (file) writeFileSync(file, `${JSON.stringify(counts)}\n`);
}
