// What a Test Explorer request asks of one folder, as the runners' TestSelection, and which tests
// a selection is expected to report (the ones shown as queued while it runs).
import type { DiscoveredTest, TestSelection } from '../../core/ports';
import { isSelected } from '../../infra/testRunners/testIds';
import { contains, testFromId, type TestNodeRef } from './testTree';

export interface FolderRequest {
  /** The nodes to run; absent: the whole folder. */
  readonly include?: readonly TestNodeRef[];
  readonly exclude: readonly TestNodeRef[];
}

/**
 * The selection, or undefined when the exclusions leave nothing to run. Whole files and single tests
 * are passed as such, so tests not discovered yet still run; a mix, suites and exclusions become
 * the ids of the known tests they cover, since a selection's files and ids narrow each other.
 */
export function selectionFor(request: FolderRequest, known: readonly DiscoveredTest[]): TestSelection | undefined {
  const { include, exclude } = request;
  if (exclude.length === 0) {
    if (include === undefined) return {};
    if (include.every((node) => node.kind === 'file')) return { files: unique(include.map((node) => node.file)) };
    if (include.every((node) => node.kind === 'test')) return { testIds: unique(include.flatMap(testIdOf)) };
  }
  const included =
    include === undefined
      ? known.map((test) => test.id)
      : [...known.filter((test) => include.some((node) => contains(node, test))).map((test) => test.id), ...include.flatMap(testIdOf)];
  const excluded = new Set(known.filter((test) => exclude.some((node) => contains(node, test))).map((test) => test.id));
  for (const id of exclude.flatMap(testIdOf)) excluded.add(id);
  const testIds = unique(included).filter((id) => !excluded.has(id));
  return testIds.length > 0 ? { testIds } : undefined;
}

/** The known tests a selection covers, and those it names that are not known yet (the runner refuses ids that are not ids). */
export function expectedTests(selection: TestSelection, known: readonly DiscoveredTest[]): DiscoveredTest[] {
  const listed = known.filter((test) => isSelected(test, selection));
  const listedIds = new Set(listed.map((test) => test.id));
  const named = (selection.testIds ?? []).filter((id) => !listedIds.has(id)).flatMap((id) => testFromId(id) ?? []);
  return [...listed, ...named.filter((test) => isSelected(test, selection))];
}

/** A test node's id; none for a file or suite. */
function testIdOf(node: TestNodeRef): string[] {
  return node.kind === 'test' ? [node.testId] : [];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
