// Test ids and the selections built from them. An id is `<file>::<suite names and title joined by
// ' > '>` (see TestCaseResult.id); every runner builds its ids here so that discovery and runs agree.
import type { TestSelection } from '../../core/ports';
import type { TestCaseResult } from '../../shared/testResults';

const FILE_SEPARATOR = '::';
const TITLE_SEPARATOR = ' > ';

export function testId(file: string, suite: readonly string[], name: string): string {
  return `${file}${FILE_SEPARATOR}${[...suite, name].join(TITLE_SEPARATOR)}`;
}

export interface ParsedTestId {
  readonly file: string;
  /** Suite names then the test's title. */
  readonly titles: readonly string[];
}

/** Splits an id; a title that itself contains ' > ' is split too, which only widens a name filter. */
export function parseTestId(id: string): ParsedTestId {
  const at = id.indexOf(FILE_SEPARATOR);
  if (at <= 0 || at + FILE_SEPARATOR.length === id.length) {
    throw new Error(`"${id}" is not a test id: expected <file>::<suite > title>, as in a test result's id.`);
  }
  return { file: id.slice(0, at), titles: id.slice(at + FILE_SEPARATOR.length).split(TITLE_SEPARATOR) };
}

/** The files a selection needs run: the named files, else the files of the named tests, else all (empty). */
export function filesToRun(selection: TestSelection): string[] {
  if (selection.files?.length) return [...new Set(selection.files.map(normalizeFile))];
  return [...new Set((selection.testIds ?? []).map((id) => parseTestId(id).file))];
}

/** Whether a result belongs to the selection; frameworks' name filters match loosely, so every run is narrowed exactly. */
export function isSelected(test: Pick<TestCaseResult, 'id' | 'file'>, selection: TestSelection): boolean {
  if (selection.files?.length && !selection.files.map(normalizeFile).includes(test.file)) return false;
  if (selection.testIds?.length && !selection.testIds.includes(test.id)) return false;
  return true;
}

/** A regular expression source matching exactly one of the names. */
export function exactNamesPattern(names: Iterable<string>): string {
  return `^(?:${[...new Set(names)].map(escapeRegExp).join('|')})$`;
}

/** A name filter that matches no test, for listing tests by running none of them. */
export const MATCH_NOTHING = '(?!)';

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function normalizeFile(file: string): string {
  return file.replace(/\\/g, '/').replace(/^\.\//, '');
}
