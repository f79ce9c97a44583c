// The code cache of the CLI's bundles: written after a bundle's first run, used by the next (the file
// is read, not written again), replaced when the bundle changes, and harmless when it is damaged.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MAIN, TSX } from '../cliEndToEnd/imperiumProcess';

const COMPILE_CACHE = join(MAIN, '..', 'compileCache.ts');

describe('the compile cache of the CLI’s bundles', function () {
  this.timeout(30_000);
  let root: string;
  let bundles: string;
  let cache: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'imperium-compile-cache-'));
    bundles = join(root, 'dist');
    cache = join(root, 'cache');
    mkdirSync(bundles);
    mkdirSync(cache);
    writeFileSync(join(bundles, 'entry.js'), '#!/usr/bin/env node\nconst { twice } = require("./lazy.js");\nconsole.log(twice(21), require("./other.json").name, typeof require.resolve);\n');
    writeFileSync(join(bundles, 'lazy.js'), 'exports.twice = (n) => n * 2;\n');
    writeFileSync(join(bundles, 'other.json'), '{ "name": "json" }');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const run = () =>
    execFileSync(process.execPath, ['--import', TSX, '-e', `require(${JSON.stringify(COMPILE_CACHE)}).installCompileCache(${JSON.stringify(bundles)}, ${JSON.stringify(cache)}); require(${JSON.stringify(join(bundles, 'entry.js'))})`], { encoding: 'utf8' }).trim();
  const cached = () => readdirSync(cache).sort();

  it('writes a cache for each bundle it loads and reads it, unchanged, the next time', () => {
    assert.equal(run(), '42 json function');
    assert.deepEqual(cached().map((name) => name.split('.').slice(0, 2).join('.')), ['entry.js', 'lazy.js']);
    const written = cached().map((name) => statSync(join(cache, name)).mtimeMs);
    assert.equal(run(), '42 json function');
    assert.deepEqual(cached().map((name) => statSync(join(cache, name)).mtimeMs), written, 'accepted, so not written again');
  });

  it('replaces the cache of a bundle that changed, and runs a damaged cache’s bundle as if there were none', () => {
    run();
    writeFileSync(join(bundles, 'lazy.js'), 'exports.twice = (n) => n * 3;\n');
    assert.equal(run(), '63 json function');
    assert.equal(cached().filter((name) => name.startsWith('lazy.js.')).length, 1, 'the old build’s cache is gone');
    for (const name of cached()) writeFileSync(join(cache, name), 'not a code cache');
    assert.equal(run(), '63 json function');
  });
});
