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
  /^extension\/dist\/(extension|host|engine|tokenizer|secretlint|webview|cli|testsCli|fullCli)\.js$/,
  /^extension\/media\/[\w.-]+\.(png|svg|css)$/,
  // The built-in superpowers, which agents load and Copilot gets through contributes.chatSkills.
  /^extension\/skills\/[a-z-]+\/(SKILL\.md|references\/[\w.-]+\.md)$/,
];

describe('the .vsix package', function () {
  this.timeout(120_000);
  let folder: string;
  let entries: string[];

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-vsix-'));
    const vsix = join(folder, 'imperium-flow.vsix');
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
    for (const required of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/host.js', 'extension/dist/engine.js', 'extension/dist/tokenizer.js', 'extension/dist/secretlint.js', 'extension/dist/webview.js', 'extension/dist/cli.js', 'extension/dist/fullCli.js', 'extension/dist/testsCli.js', 'extension/media/icon.png', 'extension/readme.md', 'extension/changelog.md', 'extension/LICENSE.txt', 'extension/skills/tdd/SKILL.md', 'extension/skills/planning/SKILL.md']) {
      assert.ok(entries.includes(required), `${required} is missing from the package`);
    }
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
