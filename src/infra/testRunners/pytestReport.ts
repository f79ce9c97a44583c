// Reads the JUnit XML pytest writes with `--junitxml=<file> -o junit_family=xunit1` (the family
// whose test cases carry their file and line), and the node ids `--collect-only -q` prints.
import { readFile } from 'node:fs/promises';
import type { XMLParser } from 'fast-xml-parser';
import type { DiscoveredTest } from '../../core/ports';
import type { TestCaseResult, TestFileError, TestStatus } from '../../shared/testResults';
import { clean } from './messageText';
import type { ParsedReport } from './runResult';
import { workspaceLocation, type FailureLocation } from './stackLocation';
import { testId } from './testIds';
import type { WorkspacePaths } from './workspacePaths';

interface Outcome {
  readonly message?: string;
  readonly text?: string;
}

interface TestCase {
  readonly classname?: string;
  readonly name?: string;
  readonly file?: string;
  readonly line?: string;
  readonly time?: string;
  readonly failure?: readonly Outcome[];
  readonly error?: readonly Outcome[];
  readonly skipped?: readonly Outcome[];
}

/** Made on first use: the parser's library loads only for pytest's runs, while they run (WorkspaceTestRunner). */
let parser: XMLParser | undefined;
const options: ConstructorParameters<typeof XMLParser>[0] = {
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: 'text',
  parseAttributeValue: false,
  parseTagValue: false,
  // pytest writes line breaks in attributes as character references (&#10;).
  htmlEntities: true,
  trimValues: false,
  // An element with text but no attributes would otherwise come back as a bare string.
  alwaysCreateTextNode: true,
  isArray: (name) => ['testsuite', 'testcase', 'failure', 'error', 'skipped'].includes(name),
};

export async function readPytestReport(file: string, paths: WorkspacePaths): Promise<ParsedReport> {
  let xml: string;
  try {
    xml = await readFile(file, 'utf8');
  } catch {
    return { tests: [], errors: [], finished: false };
  }
  return pytestReportToResults(xml, paths);
}

export async function pytestReportToResults(xml: string, paths: WorkspacePaths): Promise<ParsedReport> {
  parser ??= new (await import('fast-xml-parser')).XMLParser(options);
  let document: { testsuites?: { testsuite?: { testcase?: TestCase[] }[] }; testsuite?: { testcase?: TestCase[] }[] };
  try {
    document = parser.parse(xml, true);
  } catch (error) {
    return { tests: [], errors: [{ message: `pytest wrote a JUnit report that is not valid XML: ${(error as Error).message}` }], finished: false };
  }
  const suites = document.testsuites?.testsuite ?? document.testsuite ?? [];
  // One result per id: pytest reports an error in a passed test's teardown as a second entry.
  const tests = new Map<string, TestCaseResult>();
  const errors: TestFileError[] = [];
  for (const testCase of suites.flatMap((suite) => suite.testcase ?? [])) {
    // An interrupted run (a timeout) ends with an empty entry for the test it stopped.
    if (testCase.name === undefined) continue;
    const file = testCase.file ?? moduleFile(testCase.name);
    // A module that could not be collected is reported as a nameless-class case named after the module.
    if (!testCase.classname && testCase.error?.length) {
      errors.push({ file, message: clean(testCase.error[0].text ?? testCase.error[0].message ?? 'The test file could not be collected.') });
      continue;
    }
    const result = toTestResult({ ...testCase, name: testCase.name, classname: testCase.classname ?? '' }, file, paths);
    const earlier = tests.get(result.id);
    if (!earlier || (earlier.status !== 'failed' && result.status === 'failed')) tests.set(result.id, result);
  }
  return { tests: [...tests.values()], errors, finished: true };
}

function toTestResult(testCase: TestCase & { readonly name: string; readonly classname: string }, file: string, paths: WorkspacePaths): TestCaseResult {
  const failure = testCase.failure?.[0] ?? testCase.error?.[0];
  const status: TestStatus = failure ? 'failed' : testCase.skipped?.length ? 'skipped' : 'passed';
  const suite = suiteOf(testCase.classname, file);
  const message = failure ? clean(failure.message ?? failure.text ?? 'The test failed.') : undefined;
  const compared = message === undefined ? undefined : comparedValues(message);
  const location = failure ? failureLocation(failure.text ?? '', paths) : undefined;
  const line = testCase.line === undefined ? NaN : Number(testCase.line);
  const seconds = testCase.time === undefined ? NaN : Number(testCase.time);
  return {
    id: testId(file, suite, testCase.name),
    name: testCase.name,
    suite,
    file,
    // pytest counts lines from 0.
    ...(Number.isInteger(line) ? { line: line + 1 } : {}),
    status,
    ...(Number.isFinite(seconds) ? { durationMs: Math.round(seconds * 1000) } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(compared ?? {}),
    ...(location ? { failureLocation: location } : {}),
  };
}

/** `tests.test_calc.TestGroup` in tests/test_calc.py: the classes, outermost first. */
function suiteOf(classname: string, file: string): string[] {
  const module = file.replace(/\.py$/, '').split('/').join('.');
  if (classname === module || classname === '') return [];
  if (classname.startsWith(`${module}.`)) return classname.slice(module.length + 1).split('.');
  // A rootdir other than the workspace shortens the module path; the classes still follow the file's own name.
  const base = module.split('.').pop() as string;
  const parts = classname.split('.');
  const at = parts.lastIndexOf(base);
  return at >= 0 ? parts.slice(at + 1) : [];
}

function moduleFile(dotted: string): string {
  return `${dotted.split('.').join('/')}.py`;
}

/**
 * pytest's report of a failed `assert actual == expected` starts "assert <actual> == <expected>",
 * each side as Python writes it. Other assertions carry no values to compare.
 */
function comparedValues(message: string): { expected: string; actual: string } | undefined {
  const first = message.split('\n')[0].replace(/^AssertionError: /, '');
  const match = /^assert (.+?) == (.+)$/.exec(first);
  if (!match || match[2].includes(' == ')) return undefined;
  return { actual: match[1], expected: match[2] };
}

/** The innermost frame in the workspace's own code: Python prints frames outermost first, each ending `path:line: ...`. */
function failureLocation(longrepr: string, paths: WorkspacePaths): FailureLocation | undefined {
  let found: FailureLocation | undefined;
  for (const match of longrepr.matchAll(/^(\S[^:\n]*?\.py):(\d+): /gm)) {
    const location = workspaceLocation(paths.resolve(match[1]), Number(match[2]), undefined, paths);
    if (location && !location.file.split('/').includes('site-packages')) found = location;
  }
  return found;
}

/** The tests `pytest --collect-only -q` lists, one node id a line: `file::Class::test[param]`. */
export function parseCollectedIds(output: string): DiscoveredTest[] {
  const tests: DiscoveredTest[] = [];
  for (const line of output.split('\n')) {
    const nodeId = line.trimEnd();
    if (!/^\S[^:\s]*\.py::/.test(nodeId)) continue;
    // '::' inside a parameter id is part of the name, not a separator.
    const bracket = nodeId.indexOf('[');
    const head = bracket < 0 ? nodeId : nodeId.slice(0, bracket);
    const parts = head.split('::');
    const file = parts[0];
    const name = parts[parts.length - 1] + (bracket < 0 ? '' : nodeId.slice(bracket));
    const suite = parts.slice(1, -1);
    tests.push({ id: testId(file, suite, name), name, suite, file });
  }
  return tests;
}
