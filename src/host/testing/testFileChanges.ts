// Which changed files can change a folder's list of tests: test files by the frameworks' naming
// rules and folders, and the files that configure which tests there are. A change to any other
// file leaves the list as it is, so editing source code never starts a discovery.

/** The files worth watching at all (a glob for the editor's file watcher). */
export const WATCHED_FILES = '**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx,py,json,jsonc,yml,yaml,ini,toml,cfg}';

const CONFIG_FILE = /^(package\.json|\.mocharc\.[a-z]+|(jest|vitest)\.config\.[a-z]+|vitest\.workspace\.[a-z]+|pytest\.ini|conftest\.py|pyproject\.toml|tox\.ini|setup\.cfg)$/;
const TEST_FOLDER = /^(test|tests|__tests__|spec)$/;
const SCRIPT = /\.(js|cjs|mjs|jsx|ts|cts|mts|tsx)$/;
const NAMED_AS_TEST = /(^test$|^test[-_]|[.\-_](test|spec)$)/;
const PYTHON_TEST = /^(test_.*|.*_test)\.py$/;

/** `path` is workspace-relative, '/'-separated. */
export function changesTestList(path: string): boolean {
  const folders = path.split('/');
  const name = folders.pop() as string;
  if (folders.some((folder) => folder === 'node_modules' || folder.startsWith('.'))) return false;
  if (CONFIG_FILE.test(name) || PYTHON_TEST.test(name)) return true;
  const script = SCRIPT.test(name);
  if (!script && !name.endsWith('.py')) return false;
  return folders.some((folder) => TEST_FOLDER.test(folder)) || (script && NAMED_AS_TEST.test(name.replace(SCRIPT, '')));
}
