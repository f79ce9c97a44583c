// Imperium's package root (where package.json and the built-in skills/ are), found from the bundle
// (dist/cli.js) or from the sources (src/cli/), whichever is running.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigurationError } from './cliCommand';

export function packageRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'imperium-flow') return dir;
  }
  throw new ConfigurationError("Imperium's package folder (with its package.json and skills/) was not found next to the imperium CLI.");
}
