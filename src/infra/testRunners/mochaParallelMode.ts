// Whether a mocha run may be in parallel mode (or --delay), decided without running workspace code:
// the test script's options, MOCHA_OPTIONS, the .mocharc.* files mocha would look for from the
// workspace up, and package.json's "mocha". A configuration written as code (.mocharc.js/.cjs/.mjs)
// or named on the command line (--config, --package) cannot be read here, so it counts as maybe.
// Such a run includes the canary as a spec file of its own, through mocha's resolved options; any
// other gets it from Imperium's reporter (mochaReporterSource.ts), with no extra process.
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const CONFIG_FILES = ['.mocharc.cjs', '.mocharc.js', '.mocharc.mjs', '.mocharc.yaml', '.mocharc.yml', '.mocharc.jsonc', '.mocharc.json'];
const CODE_CONFIG = /\.(c|m)?js$/;
const MENTIONS = /parallel|delay/;
const OPTIONS = new Set(['--parallel', '-p', '--delay', '--config', '--package', '--no-config']);

export async function mayRunInParallel(root: string, scriptOptions: readonly string[]): Promise<boolean> {
  if (scriptOptions.some((word) => OPTIONS.has(word.split('=')[0] ?? word))) return true;
  if (MENTIONS.test(process.env.MOCHA_OPTIONS ?? '')) return true;
  let packageSeen = false;
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const text = await readText(join(dir, name));
      if (text !== undefined && (CODE_CONFIG.test(name) || MENTIONS.test(text))) return true;
    }
    if (!packageSeen) {
      const text = await readText(join(dir, 'package.json'));
      if (text !== undefined) {
        packageSeen = true;
        if (MENTIONS.test(JSON.stringify(mochaField(text) ?? ''))) return true;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}

function mochaField(text: string): unknown {
  try {
    return (JSON.parse(text) as { mocha?: unknown }).mocha;
  } catch {
    // mocha itself ignores a default package.json it cannot parse.
    return undefined;
  }
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}
