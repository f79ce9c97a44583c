// Reads how a package script runs a test framework: `"test": "mocha --require tsx 'test/**/*.ts'"`
// gives mocha's arguments. It follows `npm run other` into the other script and looks past
// `npx`, `cross-env`, environment assignments and `node_modules/.bin/` prefixes.
import type { PackageManifest } from './packageManifest';

export interface Invocation {
  /** The command's base name: 'jest', 'mocha', 'vitest', 'node', 'pytest'. */
  readonly command: string;
  readonly args: readonly string[];
}

const MAX_SCRIPT_DEPTH = 5;
const LAUNCHERS = new Set(['npx', 'cross-env', 'dotenv', 'env']);
const PACKAGE_MANAGERS = new Set(['npm', 'pnpm', 'yarn']);

/** The first command in the `test` script (and the scripts it runs) for which `accepts` holds. */
export function findTestInvocation(manifest: PackageManifest | undefined, accepts: (invocation: Invocation) => boolean): Invocation | undefined {
  return manifest ? findInScript(manifest, 'test', accepts, 0) : undefined;
}

function findInScript(manifest: PackageManifest, scriptName: string, accepts: (invocation: Invocation) => boolean, depth: number): Invocation | undefined {
  const script = manifest.scripts[scriptName];
  if (script === undefined || depth > MAX_SCRIPT_DEPTH) return undefined;
  for (const words of commands(script)) {
    const invocation = toInvocation(words);
    if (!invocation) continue;
    if (PACKAGE_MANAGERS.has(invocation.command)) {
      const target = scriptRunBy(invocation);
      const found = target === undefined ? undefined : findInScript(manifest, target, accepts, depth + 1);
      if (found) return found;
    } else if (accepts(invocation)) {
      return invocation;
    }
  }
  return undefined;
}

/** `npm test`, `npm run x`, `pnpm x`, `yarn x`: the script they run. */
function scriptRunBy({ command, args }: Invocation): string | undefined {
  const [first, second] = args;
  if (first === 'test' || first === 't') return 'test';
  if (first === 'run' || first === 'run-script') return second;
  return command === 'npm' ? undefined : first;
}

function toInvocation(words: readonly string[]): Invocation | undefined {
  let at = 0;
  while (at < words.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(words[at]) || LAUNCHERS.has(baseName(words[at])) || words[at].startsWith('-'))) at++;
  if (at >= words.length) return undefined;
  return { command: baseName(words[at]), args: words.slice(at + 1) };
}

function baseName(word: string): string {
  return word.replace(/\\/g, '/').split('/').pop() as string;
}

/** Splits a shell command line into commands (at && || ; | &) of words, honouring quotes and escapes. */
export function commands(line: string): string[][] {
  const result: string[][] = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  const endWord = (): void => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endCommand = (): void => {
    endWord();
    if (words.length > 0) result.push(words);
    words = [];
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote) {
      if (char === quote) quote = undefined;
      else if (char === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (char === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(char)) {
      endWord();
    } else if (char === ';' || char === '&' || char === '|') {
      endCommand();
      if (line[i + 1] === char) i++;
    } else {
      word += char;
      inWord = true;
    }
  }
  endCommand();
  return result;
}

export interface SplitArgs {
  /** Each option with its value, as written: ['--require', 'tsx'] or ['--timeout=5000']. */
  readonly options: readonly (readonly string[])[];
  readonly positionals: readonly string[];
}

/** Separates options from positional arguments; `valueOptions` names the options that take the next word as their value. */
export function splitArgs(args: readonly string[], valueOptions: ReadonlySet<string>): SplitArgs {
  const options: string[][] = [];
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') positionals.push(arg);
    else if (!arg.includes('=') && valueOptions.has(arg) && i + 1 < args.length) options.push([arg, args[++i]]);
    else options.push([arg]);
  }
  return { options, positionals };
}

/** The options' words, less those named in `drop` (written `--name` or `--name=value`). */
export function optionWords(options: SplitArgs['options'], drop: ReadonlySet<string>): string[] {
  return options.filter(([first]) => !drop.has(first.split('=')[0])).flat();
}
