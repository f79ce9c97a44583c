// Imperium's mocha reporter, written to a file and loaded by `mocha --reporter <file>`. Mocha's own
// JSON reporter prints to stdout, where the tests' console output lands too, and gives no suite
// path; this one appends sealed records (see reporterRecords.ts) to a file as each test ends.
import { reporterPreamble, type RecordDestination } from './reporterRecords';

export const mochaReporterSource = (destination: RecordDestination): string => String.raw`'use strict';
const { appendFileSync, unlinkSync } = require('node:fs');
const { inspect } = require('node:util');
${reporterPreamble(destination, '__filename')}

function failure(error) {
  if (!(error instanceof Object)) return { message: String(error) };
  const result = { message: String(error.message ?? error), stack: typeof error.stack === 'string' ? error.stack : undefined };
  if ('expected' in error && 'actual' in error) {
    result.expected = inspect(error.expected, { depth: 6 });
    result.actual = inspect(error.actual, { depth: 6 });
  }
  return result;
}

// A failing hook is reported like a test (as mocha's own reporters count it), under its own title.
function record(runnable, status, error) {
  const titles = runnable.titlePath();
  write({
    type: 'test',
    file: runnable.file ?? runnable.parent?.file ?? '',
    suite: titles.slice(0, -1),
    name: titles[titles.length - 1],
    status,
    durationMs: runnable.duration,
    error: error === undefined ? undefined : failure(error),
  });
}

module.exports = function ImperiumReporter(runner) {
  runner.on('pass', (test) => record(test, 'passed'));
  runner.on('pending', (test) => record(test, 'skipped'));
  runner.on('fail', (test, error) => record(test, 'failed', error));
  runner.once('end', () => write({ type: 'end' }));
};
`;
