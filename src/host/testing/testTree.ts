// The Test Explorer's tree for one workspace folder as plain data: file > suites > tests, built from
// what the runners discover and what runs report. Node ids are unique among siblings (what the
// Testing API asks) and stable across discoveries, so items and their results survive a refresh.
import type { DiscoveredTest } from '../../core/ports';
import { parseTestId, type ParsedTestId } from '../../infra/testRunners/testIds';

/** Where a node sits: enough to find it again and to say which tests it holds. */
export type TestNodeRef = GroupRef | TestRef;

interface GroupRef {
  readonly kind: 'file' | 'suite';
  /** Workspace-relative, '/'-separated. */
  readonly file: string;
  /** Suite titles down to this node, outermost first (none for a file). */
  readonly titles: readonly string[];
}

interface TestRef {
  readonly kind: 'test';
  readonly file: string;
  /** Its suites' titles, then its own. */
  readonly titles: readonly string[];
  /** As in TestCaseResult.id. */
  readonly testId: string;
}

export type TestNode = TestNodeRef & {
  /** Unique among its siblings. */
  readonly id: string;
  readonly label: string;
  /** 1-based line of a test's declaration, where known. */
  readonly line?: number;
  readonly children: readonly TestNode[];
};

/** The nodes from a file down to the test, each without children. */
export function nodePath(test: DiscoveredTest): TestNode[] {
  const suites = test.suite.map((title, depth): TestNode => {
    const titles = test.suite.slice(0, depth + 1);
    // The prefix keeps a suite apart from a test of the same title beside it.
    return { kind: 'suite', id: `suite:${test.file}::${titles.join(' > ')}`, label: title, file: test.file, titles, children: [] };
  });
  const leaf: TestNode = {
    kind: 'test',
    id: test.id,
    label: test.name,
    file: test.file,
    titles: [...test.suite, test.name],
    testId: test.id,
    ...(test.line !== undefined && { line: test.line }),
    children: [],
  };
  return [fileNode(test.file), ...suites, leaf];
}

export function fileNode(file: string): TestNode {
  return { kind: 'file', id: file, label: file, file, titles: [], children: [] };
}

/** A test known only by its id (one an agent just wrote): its file, suites and title from the id; undefined for what is not an id. */
export function testFromId(id: string): DiscoveredTest | undefined {
  let parsed: ParsedTestId;
  try {
    parsed = parseTestId(id);
  } catch {
    return undefined;
  }
  const { file, titles } = parsed;
  return { id, file, name: titles[titles.length - 1], suite: titles.slice(0, -1) };
}

interface NodeBuilder {
  readonly node: TestNode;
  readonly children: Map<string, NodeBuilder>;
}

/**
 * The files of a discovery, each with its suites and tests in the order found. Frameworks allow
 * two tests of one title in one suite; they share an id, so they are one node, at the first's line.
 */
export function buildTestTree(tests: readonly DiscoveredTest[]): TestNode[] {
  const files = new Map<string, NodeBuilder>();
  for (const test of tests) {
    let siblings = files;
    for (const node of nodePath(test)) {
      let builder = siblings.get(node.id);
      if (!builder) siblings.set(node.id, (builder = { node, children: new Map() }));
      siblings = builder.children;
    }
  }
  return [...files.values()].map(build);
}

function build({ node, children }: NodeBuilder): TestNode {
  return { ...node, children: [...children.values()].map(build) };
}

/** Whether a test lies under a node: in its file and, for a suite, inside it. */
export function contains(node: TestNodeRef, test: Pick<DiscoveredTest, 'id' | 'file' | 'suite' | 'name'>): boolean {
  if (node.kind === 'test') return node.testId === test.id;
  if (node.file !== test.file) return false;
  const titles = [...test.suite, test.name];
  return node.titles.length < titles.length && node.titles.every((title, index) => titles[index] === title);
}
