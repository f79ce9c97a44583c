// What `node --test` runs in a workspace: the Node options and file patterns of its `test` script,
// and the files they name. Node 20 expands no globs itself (the shell or Node 21+ does), and
// discovery and single-file runs need the list anyway, so the files are listed here and passed
// to Node by name.
import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Minimatch } from 'minimatch';
import { invokes } from './frameworkDetection';
import type { PackageManifest } from './packageManifest';
import { findTestInvocation, optionWords, splitArgs } from './scriptInvocation';

export interface NodeTestSetup {
  /** Node options from the script that tests need (loaders, conditions), less the test runner's own. */
  readonly nodeOptions: readonly string[];
  /** Files, folders and globs the script names; empty means Node's default search. */
  readonly patterns: readonly string[];
  /** A TypeScript loader is in the options, so .ts files are test files too. */
  readonly typescript: boolean;
}

const VALUE_OPTIONS = new Set([
  '--import', '--require', '-r', '--loader', '--experimental-loader', '--conditions', '-C', '--env-file', '--input-type',
  '--test-reporter', '--test-reporter-destination', '--test-name-pattern', '--test-skip-pattern', '--test-concurrency',
  '--test-timeout', '--test-shard', '--test-coverage-include', '--test-coverage-exclude',
]);
/** Options Imperium sets itself for each run. */
const CONTROLLED_OPTIONS = new Set(['--test', '--test-reporter', '--test-reporter-destination', '--test-name-pattern', '--test-skip-pattern', '--watch', '--watch-path']);
const TYPESCRIPT_LOADER = /(^|[\s=])(tsx|ts-node|@swc-node|@esbuild-kit|--experimental-strip-types|--experimental-transform-types)/;

export function nodeTestSetup(manifest: PackageManifest | undefined): NodeTestSetup {
  const invocation = findTestInvocation(manifest, (candidate) => invokes('node-test', candidate));
  const { options, positionals } = splitArgs(invocation?.args ?? [], VALUE_OPTIONS);
  const nodeOptions = optionWords(options, CONTROLLED_OPTIONS);
  return { nodeOptions, patterns: positionals, typescript: TYPESCRIPT_LOADER.test(nodeOptions.join(' ')) };
}

/** Workspace-relative test files, sorted. */
export async function findNodeTestFiles(root: string, setup: NodeTestSetup): Promise<string[]> {
  const extensions = new Set(setup.typescript ? ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts'] : ['.js', '.cjs', '.mjs']);
  const files = new Set<string>();
  let workspaceFiles: Promise<string[]> | undefined;
  for (const written of setup.patterns.length > 0 ? setup.patterns : ['.']) {
    const pattern = written.replace(/^\.\//, '').replace(/\/+$/, '') || '.';
    const stats = await stat(join(root, pattern)).catch(() => undefined);
    if (stats?.isFile()) files.add(pattern);
    else if (stats?.isDirectory()) {
      // In a folder Node runs only files named or placed as tests.
      const prefix = pattern === '.' ? '' : `${pattern}/`;
      for (const file of await listFiles(root, prefix)) if (extensions.has(extname(file)) && isNamedAsTest(file)) files.add(file);
    } else {
      const glob = new Minimatch(pattern);
      workspaceFiles ??= listFiles(root, '');
      for (const file of await workspaceFiles) if (glob.match(file)) files.add(file);
    }
  }
  return [...files].sort();
}

/** Files under a workspace folder ('' for the root, else ending in '/'), skipping node_modules and hidden folders. */
async function listFiles(root: string, folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { withFileTypes: true }).catch(() => []);
  const files: string[] = [];
  for (const entry of entries) {
    const path = `${folder}${entry.name}`;
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) files.push(...(await listFiles(root, `${path}/`)));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}

/** Node's naming rule: under a `test` folder, or named test, test-*, *.test, *-test or *_test. */
function isNamedAsTest(file: string): boolean {
  const parts = file.split('/');
  const base = (parts.pop() as string).replace(/\.[^.]+$/, '');
  return parts.includes('test') || /^test$|^test-.+|.+[.\-_]test$/.test(base);
}
