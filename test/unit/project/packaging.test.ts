import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as yauzl from 'yauzl';

// What a user installs: the bundles, media and the documents they read. No source, no tests,
// no source maps, no secrets. Builds the real .vsix with vsce and reads its entries.
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/readme\.md$/,
  /^extension\/changelog\.md$/,
  /^extension\/LICENSE\.txt$/,
  /^extension\/dist\/(extension|host|engine|webviewMessages|tokenizer|secretlint|openApiTypescript|webview|cli|testsCli|fullCli)\.js$/,
  /^extension\/media\/[\w.-]+\.(png|svg|css)$/,
  // The walkthrough's pages.
  /^extension\/media\/walkthrough\/[\w.-]+\.md$/,
  // What "Try Without a Model" runs: the bundled example and the scenario the scripted model answers it from.
  /^extension\/examples\/bookshelf\/(README\.md|package\.json|src\/shelf\.js|test\/shelf\.test\.js)$/,
  /^extension\/examples\/scenarios\/bookshelf-citation\.json$/,
  // The built-in superpowers, which agents load and Copilot gets through contributes.chatSkills.
  /^extension\/skills\/[a-z-]+\/(SKILL\.md|references\/[\w.-]+\.md)$/,
  // The one package the bundles load from disk (it reads its own files), without its type declarations.
  /^extension\/dist\/node_modules\/playwright-core\/(?!types\/|index\.d\.ts$)[\w./-]+$/,
];

describe('the .vsix package', function () {
  this.timeout(120_000);
  let folder: string;
  let vsix: string;
  let entries: string[];

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-vsix-'));
    vsix = join(folder, 'imperium-flow.vsix');
    await promisify(execFile)(
      'npx',
      ['vsce', 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--no-rewrite-relative-links', '--out', vsix],
      { cwd: join(__dirname, '..', '..', '..') },
    );
    entries = await listZip(vsix);
  });

  after(() => rm(folder, { recursive: true, force: true }));

  it('holds only the bundles, media, built-in skills, manifest, README, CHANGELOG and LICENSE', () => {
    const unexpected = entries.filter((entry) => !ALLOWED.some((pattern) => pattern.test(entry)));
    assert.deepEqual(unexpected, []);
  });

  it('holds what the extension needs to run and what the Marketplace shows', () => {
    for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/host.js', 'extension/dist/engine.js', 'extension/dist/webviewMessages.js', 'extension/dist/tokenizer.js', 'extension/dist/secretlint.js', 'extension/dist/openApiTypescript.js', 'extension/dist/webview.js', 'extension/dist/cli.js', 'extension/dist/fullCli.js', 'extension/dist/testsCli.js', 'extension/media/icon.png', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/skills/tdd/SKILL.md', 'extension/skills/planning/SKILL.md', 'extension/examples/bookshelf/package.json', 'extension/examples/scenarios/bookshelf-citation.json', 'extension/media/walkthrough/try-example.md']) {
      assert.ok(entries.includes(required), `${required} is missing from the package`);
    }
  });

  it('checks pages from the installed package alone: playwright-core travels beside the bundles', async () => {
    const installed = join(folder, 'installed');
    await promisify(execFile)('unzip', ['-q', vsix, '-d', installed]);
    const page = join(__dirname, '..', '..', 'fixtures', 'ui-pages', 'defects', 'index.html');
    // Outside the repository, so nothing resolves from its node_modules; exit 1: the page's planted defects.
    const run = await promisify(execFile)(process.execPath, [join(installed, 'extension', 'dist', 'cli.js'), 'ui-check', page], { cwd: installed, env: { ...process.env, NODE_PATH: '' } }).then(
      () => ({ code: 0, stdout: '' }),
      (error: { code?: number; stdout?: string; stderr?: string }) => ({ code: error.code, stdout: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
    );
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /serious or critical problem/);
  });

  it('generates a typed client from the installed package alone: openapi-typescript and TypeScript travel in their own bundle', async () => {
    const installed = join(folder, 'installed-generator');
    await promisify(execFile)('unzip', ['-q', vsix, '-d', installed]);
    const spec = join(__dirname, '..', '..', 'fixtures', 'contract-service', 'openapi.yaml');
    const script = `require(${JSON.stringify(join(installed, 'extension', 'dist', 'openApiTypescript.js'))}).default(require('node:url').pathToFileURL(${JSON.stringify(spec)}), { silent: true }).then((ast) => process.stdout.write(require(${JSON.stringify(join(installed, 'extension', 'dist', 'openApiTypescript.js'))}).astToString(ast)))`;
    // Run from the unpacked package, outside the repository, so nothing resolves from its node_modules.
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: installed, env: { ...process.env, NODE_PATH: '' } });
    assert.match(stdout, /^export interface paths \{/m);
    assert.match(stdout, /"\/pets": \{/);
  });
});

function listZip(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error(`cannot open ${file}`));
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}
