// Imperium's jest reporter, written to a file and loaded by `jest --reporters=<file>`. jest's own
// `--json --outputFile` report is a file any code in the run can overwrite after jest wrote it; this
// reporter appends each test file's results as a sealed record (see reporterRecords.ts) the moment
// the file is done, in the shape of jest's JSON report (see jestReport.ts). jest loads reporters in
// its main process before it runs any test file, and the reporter removes its own file (and so its
// seal) then.
import { reporterPreamble, type RecordDestination } from './reporterRecords';

export const jestReporterSource = (destination: RecordDestination): string => String.raw`'use strict';
const { appendFileSync, unlinkSync } = require('node:fs');
${reporterPreamble(destination, '__filename')}

// What jest's --json report says of one test; failureDetails hold the values expect() compared.
function assertion(result) {
  const entry = {
    ancestorTitles: result.ancestorTitles,
    title: result.title,
    status: result.status,
    duration: result.duration,
    failureMessages: result.failureMessages,
    location: result.location,
  };
  try {
    entry.failureDetails = JSON.parse(JSON.stringify(result.failureDetails ?? []));
  } catch {}
  return entry;
}

module.exports = class ImperiumJestReporter {
  onTestResult(test, result) {
    write({
      type: 'file',
      name: result.testFilePath,
      status: result.numFailingTests > 0 || result.testExecError ? 'failed' : 'passed',
      message: result.failureMessage ?? '',
      assertionResults: result.testResults.map(assertion),
    });
  }

  onRunComplete() {
    write({ type: 'end' });
  }
};
`;
