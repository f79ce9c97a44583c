// How the in-editor mocha run hands its counts to the runner outside the editor: through a file
// whose path the runner passes in the extension host's environment.
import { writeFileSync } from 'node:fs';

export const RESULTS_FILE_ENV = 'IMPERIUM_RESULTS_FILE';

export interface TestCounts {
  readonly passed: number;
  readonly failed: number;
}

export function writeCounts(counts: TestCounts): void {
  const file = process.env[RESULTS_FILE_ENV];
  if (file) writeFileSync(file, `${JSON.stringify(counts)}\n`);
}
