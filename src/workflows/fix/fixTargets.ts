// The tests a person names for a fix, from any surface, as one list: a test id (`file::suite > title`,
// a Test Explorer test or a failing test's lens) or a test file (a Test Explorer file, `--test <file>`).
import { ModuleInputError } from '../workflowModule';
import { type FixTargets, normalizeTestPath } from './testSelection';

export function targetsOf(named: readonly string[]): FixTargets {
  const testIds: string[] = [];
  const files: string[] = [];
  for (const entry of named) {
    const text = entry.trim();
    if (text === '') throw new ModuleInputError('A test to fix is empty: name a test id (file::suite > title) or a test file.');
    const at = text.indexOf('::');
    if (at === 0 || at === text.length - 2) throw new ModuleInputError(`"${text}" is neither a test id (file::suite > title) nor a test file.`);
    if (at > 0) testIds.push(`${normalizeTestPath(text.slice(0, at))}${text.slice(at)}`);
    else files.push(normalizeTestPath(text));
  }
  return { testIds: [...new Set(testIds)], files: [...new Set(files)] };
}
