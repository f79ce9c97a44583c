// Which test frameworks a workspace uses, from its own scripts and configuration. The framework its
// `test` script runs comes first, then those with a configuration file, then those only listed as
// dependencies: the first one is the one a run uses unless told otherwise.
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { TEST_FRAMEWORKS, type TestFramework } from '../../shared/testResults';
import type { PackageManifest } from './packageManifest';
import { findTestInvocation, type Invocation } from './scriptInvocation';

const CONFIG_FILES: Record<Exclude<TestFramework, 'node-test' | 'pytest'>, RegExp> = {
  mocha: /^\.mocharc\.(js|cjs|mjs|json|jsonc|yaml|yml)$/,
  jest: /^jest\.config\.(js|cjs|mjs|ts|cts|mts|json)$/,
  vitest: /^vitest\.(config|workspace)\.(js|cjs|mjs|ts|cts|mts)$/,
};
const PACKAGE_KEYS: Partial<Record<TestFramework, string>> = { mocha: 'mocha', jest: 'jest' };

/** Whether a command of a package script runs the framework. */
export function invokes(framework: TestFramework, { command, args }: Invocation): boolean {
  switch (framework) {
    case 'node-test':
      return command === 'node' && args.some((arg) => arg === '--test' || arg.startsWith('--test='));
    case 'pytest':
      return command === 'pytest' || ((command === 'python' || command === 'python3') && args[0] === '-m' && args[1] === 'pytest');
    default:
      return command === framework;
  }
}

export async function detectFrameworks(root: string, manifest: PackageManifest | undefined): Promise<TestFramework[]> {
  const entries = await readdir(root).catch(() => [] as string[]);
  const fromScript = TEST_FRAMEWORKS.filter((framework) => findTestInvocation(manifest, (invocation) => invokes(framework, invocation)));
  const fromConfig: TestFramework[] = [];
  const fromDependency: TestFramework[] = [];
  for (const framework of TEST_FRAMEWORKS) {
    if (framework === 'pytest') {
      const pytest = await pytestEvidence(root, entries);
      if (pytest === 'config') fromConfig.push(framework);
      else if (pytest === 'dependency') fromDependency.push(framework);
    } else if (framework !== 'node-test') {
      const key = PACKAGE_KEYS[framework];
      if (entries.some((entry) => CONFIG_FILES[framework].test(entry)) || (key !== undefined && manifest?.keys.has(key))) fromConfig.push(framework);
      else if (manifest?.dependencies.has(framework)) fromDependency.push(framework);
    }
  }
  return [...new Set([...fromScript, ...fromConfig, ...fromDependency])];
}

/** pytest needs no configuration; a section in a shared file, a listed dependency or test files it collects by default are evidence too. */
async function pytestEvidence(root: string, entries: readonly string[]): Promise<'config' | 'dependency' | undefined> {
  if (entries.includes('pytest.ini') || entries.includes('conftest.py')) return 'config';
  const sections: [string, RegExp][] = [
    ['pyproject.toml', /^\[tool\.pytest(\.ini_options)?\]/m],
    ['tox.ini', /^\[pytest\]/m],
    ['setup.cfg', /^\[tool:pytest\]/m],
  ];
  for (const [file, section] of sections) {
    if (entries.includes(file) && section.test(await readText(join(root, file)))) return 'config';
  }
  const dependencyFiles = ['pyproject.toml', 'setup.cfg', 'Pipfile', ...entries.filter((entry) => /^requirements.*\.txt$/.test(entry))];
  for (const file of dependencyFiles) {
    if (entries.includes(file) && /(^|[\s"'[,])pytest(?![\w.-])/m.test(await readText(join(root, file)))) return 'dependency';
  }
  // An exercise (exercism's Python track) ships only the module and its test file, which pytest collects as they are.
  if (entries.some((entry) => PYTHON_TEST_FILE.test(entry)) || (entries.includes('tests') && (await readdir(join(root, 'tests')).catch(() => [] as string[])).some((entry) => PYTHON_TEST_FILE.test(entry)))) return 'dependency';
  return undefined;
}

/** The files pytest collects without being told: test_*.py and *_test.py. */
const PYTHON_TEST_FILE = /^(test_\w+|\w+_test)\.py$/;

async function readText(path: string): Promise<string> {
  return readFile(path, 'utf8').catch(() => '');
}
