// Imperium's vitest reporter, written to a file and loaded by `vitest run --reporter=<file>`. It uses
// vitest's reporter API (vitest 3 and later) and appends records (see reporterRecords.ts) as each
// test ends; vitest's own JSON reporter writes only at the end and drops expected and actual values.
// vitest loads reporters in its main process before it starts the workers that run test code, so
// the reporter's file (and its seal) is gone before any test code runs. Given the must-fail canary's
// setup file (testCanary.ts), it adds it to every project's setup files before the workers start.
import { reporterPreamble, type RecordDestination } from './reporterRecords';

export const vitestReporterSource = (destination: RecordDestination, canarySetup?: string): string => String.raw`
import { appendFileSync, unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
${reporterPreamble(destination, 'fileURLToPath(import.meta.url)')}
// vitest has already rendered the values of an assertion error as text.
const text = (value) => (typeof value === 'string' ? value : inspect(value, { depth: 6 }));

function failure(errors) {
  const [first] = errors;
  const result = { message: errors.map((error) => error.message).join('\n\n'), stack: first.stack };
  if (first.expected !== undefined || first.actual !== undefined) {
    result.expected = text(first.expected);
    result.actual = text(first.actual);
  }
  const frame = first.stacks?.[0];
  if (frame) result.location = { file: frame.file, line: frame.line, column: frame.column };
  return result;
}

const canarySetup = ${JSON.stringify(canarySetup ?? null)};

export default class ImperiumReporter {
  onInit(vitest) {
    if (!canarySetup) return;
    const projects = vitest.projects && vitest.projects.length > 0 ? vitest.projects : [vitest];
    for (const project of projects) project.config.setupFiles = [...(project.config.setupFiles ?? []), canarySetup];
  }

  onTestCaseResult(testCase) {
    const result = testCase.result();
    const suite = [];
    for (let parent = testCase.parent; parent && parent.type === 'suite'; parent = parent.parent) suite.unshift(parent.name);
    const status = result.state === 'passed' ? 'passed' : result.state === 'failed' ? 'failed' : 'skipped';
    write({
      type: 'test',
      file: testCase.module.moduleId,
      suite,
      name: testCase.name,
      line: testCase.location?.line,
      status,
      durationMs: testCase.diagnostic()?.duration,
      error: status === 'failed' && result.errors?.length ? failure(result.errors) : undefined,
    });
  }

  // Errors of a module are those that kept it from being collected: a syntax error, a failed import.
  onTestModuleEnd(testModule) {
    for (const error of testModule.errors()) write({ type: 'file-error', file: testModule.moduleId, message: error.stack || error.message });
  }

  onTestRunEnd(testModules, unhandledErrors) {
    for (const error of unhandledErrors) write({ type: 'file-error', message: error.stack || error.message || String(error) });
    write({ type: 'end' });
  }
}
`;
