// Imperium's mocha reporter, written to a file and loaded by `mocha --reporter <file>`. Mocha's own
// JSON reporter prints to stdout, where the tests' console output lands too, and gives no suite
// path; this one appends records (see reporterRecords.ts) to a file as each test ends.
export const MOCHA_REPORTER_SOURCE = String.raw`'use strict';
const { appendFileSync } = require('node:fs');
const { inspect } = require('node:util');

const destination = process.env.IMPERIUM_TEST_RECORDS;
const write = (record) => appendFileSync(destination, JSON.stringify(record) + '\n');

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
