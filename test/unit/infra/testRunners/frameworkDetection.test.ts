import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFrameworks } from '../../../../src/infra/testRunners/frameworkDetection';
import { readPackageManifest } from '../../../../src/infra/testRunners/packageManifest';

describe('test framework detection', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-detect-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  async function detect(files: Record<string, string>): Promise<string[]> {
    for (const [name, text] of Object.entries(files)) await writeFile(join(root, name), text);
    return detectFrameworks(root, await readPackageManifest(root));
  }

  it('finds nothing in an empty folder', async () => {
    assert.deepEqual(await detect({}), []);
  });

  it('puts the framework the test script runs first, then configured ones, then mere dependencies', async () => {
    const found = await detect({
      'package.json': JSON.stringify({ scripts: { test: 'vitest run' }, devDependencies: { mocha: '1', jest: '1', vitest: '1' } }),
      'jest.config.js': 'module.exports = {};',
    });
    assert.deepEqual(found, ['vitest', 'jest', 'mocha']);
  });

  it('recognises node --test in a script, and configuration kept in package.json', async () => {
    assert.deepEqual(await detect({ 'package.json': JSON.stringify({ scripts: { test: 'node --import tsx --test' }, mocha: { spec: 'x' } }) }), ['node-test', 'mocha']);
  });

  it('recognises pytest by its configuration files and sections, or as a listed dependency', async () => {
    assert.deepEqual(await detect({ 'pyproject.toml': '[project]\nname = "x"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n' }), ['pytest']);
    await rm(join(root, 'pyproject.toml'));
    assert.deepEqual(await detect({ 'requirements-dev.txt': 'black\npytest>=8\n' }), ['pytest']);
    await rm(join(root, 'requirements-dev.txt'));
    assert.deepEqual(await detect({ 'requirements.txt': 'pytest-cov-not-really\n' }), []);
  });

  it('recognises pytest by the test files it collects unconfigured, as an exercise ships them', async () => {
    assert.deepEqual(await detect({ 'word_count.py': 'def count_words(s):\n    pass\n', 'word_count_test.py': 'import unittest\n' }), ['pytest']);
    await rm(join(root, 'word_count_test.py'));
    assert.deepEqual(await detect({ 'test_word_count.py': '' }), ['pytest']);
    await rm(join(root, 'test_word_count.py'));
    assert.deepEqual(await detect({ 'testing_notes.py': '' }), []);
    await mkdir(join(root, 'tests'));
    assert.deepEqual(await detect({ 'tests/test_game.py': '' }), ['pytest']);
  });

  it('says which package.json is malformed', async () => {
    await writeFile(join(root, 'package.json'), '{ "scripts": ');
    await assert.rejects(readPackageManifest(root), new RegExp(`${join(root, 'package.json')} is not valid JSON`));
  });
});
