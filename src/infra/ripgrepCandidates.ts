// Which files may hold a match, found by ripgrep where it is installed: a quick first pass over the
// tree so the search reads only those files. Only ever a superset of the files with a match (no
// ignore files, hidden files included, every file read as bytes), so the search's own walk, path
// checks and line matching decide the results exactly as without it. Only literal queries are
// passed on: ripgrep's regular expressions are not JavaScript's.
import { spawn } from 'node:child_process';
import * as nodePath from 'node:path';
import { BUILT_IN_PROTECTED_GLOBS } from '../core/workspace/pathPolicy';

/** ripgrep's exit codes: 0 found, 1 found nothing; anything else (2: an error) means no answer. */
const FOUND = 0;
const FOUND_NOTHING = 1;

/** What ripgrep reads to decide, and what it leaves out; undefined when it cannot answer exactly. */
export function ripgrepArguments(query: string, options: { readonly regex?: boolean; readonly caseSensitive?: boolean }): string[] | undefined {
  if (options.regex || query.includes('\n') || query.includes('\r')) return undefined;
  const patterns = ['-e', query];
  if (!options.caseSensitive) {
    // JavaScript's toLowerCase is compared; ripgrep's case folding agrees for ASCII queries, except
    // that "İ" lowers to "i" plus a combining dot, which ripgrep does not fold to "i".
    if (/[^\x20-\x7e]/.test(query)) return undefined;
    if (/i/i.test(query)) patterns.push('-e', 'İ');
  }
  return [
    '--files-with-matches',
    '--null',
    '--fixed-strings',
    options.caseSensitive ? '--case-sensitive' : '--ignore-case',
    // Every file as bytes: no binary cut-off, no transcoding, no .gitignore, hidden files too.
    '--text',
    '--encoding',
    'none',
    '--no-ignore',
    '--hidden',
    '--no-config',
    '--no-messages',
    // Only names the path policy protects at any depth (it matches them case-insensitively too, so
    // ripgrep leaves out no more than the walk would).
    ...BUILT_IN_PROTECTED_GLOBS.flatMap((glob) => ['--glob', `!${glob}`]),
    ...patterns,
  ];
}

/**
 * The absolute paths of the files under `folder` that may match, or undefined when ripgrep is not
 * there, failed, or was not asked (the caller then reads every file).
 */
export function ripgrepCandidates(ripgrep: string, folder: string, args: readonly string[]): Promise<Set<string> | undefined> {
  return new Promise((resolve) => {
    const child = spawn(ripgrep, args, { cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code !== FOUND && code !== FOUND_NOTHING) return resolve(undefined);
      const names = Buffer.concat(chunks).toString('utf8').split('\0').filter((name) => name !== '');
      // A name that is not UTF-8 would not compare equal to the walk's: then no answer.
      if (names.some((name) => name.includes('\uFFFD'))) return resolve(undefined);
      resolve(new Set(names.map((name) => nodePath.join(folder, name))));
    });
  });
}

/** Whether `ripgrep --version` runs: after a failed search, tells a missing ripgrep from a failing one. */
export function ripgrepRuns(ripgrep: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(ripgrep, ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}
