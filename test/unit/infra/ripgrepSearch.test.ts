import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import type { SearchOptions } from '../../../src/core/ports';
import { PathPolicy } from '../../../src/core/workspace/pathPolicy';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import { ripgrepArguments } from '../../../src/infra/ripgrepCandidates';
import { InMemoryAppendLog } from '../core/journal/inMemoryAppendLog';

const ripgrepInstalled = spawnSync('rg', ['--version']).status === 0;

/** Files whose every quirk the search must treat the same with ripgrep's first pass and without. */
const TREE: Record<string, string | Buffer> = {
  '.gitignore': 'build/\n*.log\n',
  'build/out.js': 'needle in a build output',
  'notes.log': 'needle in a log',
  'src/a.ts': 'const needle = 1;\nconst NEEDLE = 2;\n',
  'src/deep/b.ts': 'no match here\n',
  'src/deep/.gitignore': 'secret.ts\n',
  'src/deep/secret.ts': 'needle ignored by a nested .gitignore',
  'src/binary.bin': Buffer.from('needle\0needle'),
  'src/late-nul.txt': Buffer.concat([Buffer.from('x'.repeat(9000)), Buffer.from('\0\nneedle after a late NUL\n')]),
  'src/huge.ts': `needle\n${'x'.repeat(25_000)}`,
  'src/turkish.md': 'İNDEX of the needles: aİ\n',
  'src/kelvin.md': 'degrees \u212Aelvin\n',
  'src/bom.ts': '\uFEFFneedle after a byte-order mark\n',
  '.env': 'needle=1',
  'node_modules/pkg/index.js': 'needle',
  'Node_Modules/pkg/index.js': 'needle in a protected folder spelt differently',
  'keys/server.pem': 'needle in a protected file',
  '.hidden/visible.ts': 'needle in a hidden folder',
};

describe('search with ripgrep first', () => {
  let base: string;
  let root: string;

  before(async function () {
    if (!ripgrepInstalled) this.skip(); // Debian's ripgrep package; without it the JavaScript path is the only one
    base = await fs.mkdtemp(path.join(tmpdir(), 'imperium-rg-'));
    root = path.join(base, 'root');
    for (const [relative, content] of Object.entries(TREE)) {
      await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await fs.writeFile(path.join(root, relative), content);
    }
    await fs.writeFile(path.join(base, 'outside.ts'), 'needle outside the root');
    await fs.symlink(path.join(root, 'src', 'a.ts'), path.join(root, 'linked.ts'));
    await fs.symlink(path.join(base, 'outside.ts'), path.join(root, 'escape.ts'));
  });

  after(async () => {
    if (base) await fs.rm(base, { recursive: true, force: true });
  });

  async function both(query: string, options: SearchOptions = {}) {
    const journal = new WriteJournal(new InMemoryAppendLog<JournalEntry>());
    const policy = new PathPolicy({ protectedGlobs: ['*.pem'] });
    const withRipgrep = await NodeWorkspace.open(root, { journal, policy, maxFileBytes: 20_000 });
    const jsOnly = await NodeWorkspace.open(root, { journal, policy, maxFileBytes: 20_000, ripgrep: false });
    return { fast: await withRipgrep.search(query, options), plain: await jsOnly.search(query, options) };
  }

  for (const [query, options] of [
    ['needle', {}],
    ['needle', { caseSensitive: true }],
    ['NEEDLE', { caseSensitive: true }],
    ['i', { limit: 500 }],
    ['index', {}],
    ['kelvin', {}],
    ['needle', { under: 'src' }],
    ['needle', { limit: 2 }],
    ['nothing like this anywhere', {}],
    ['const\\s+\\w+', { regex: true }],
  ] as const) {
    it(`finds the same lines for ${JSON.stringify(query)} ${JSON.stringify(options)}`, async () => {
      const { fast, plain } = await both(query, options);
      assert.deepEqual(fast, plain);
    });
  }

  it('finds what it should: through a link inside the root, nothing ignored, protected, binary or too large', async () => {
    const { fast } = await both('needle');
    assert.deepEqual(
      fast.map((match) => `${match.path}:${match.line}`),
      ['linked.ts:1', 'linked.ts:2', 'src/a.ts:1', 'src/a.ts:2', 'src/bom.ts:1', 'src/late-nul.txt:2', 'src/turkish.md:1', '.hidden/visible.ts:1'].sort(byWalk),
    );
  });

  it('falls back to reading every file when the ripgrep it was given cannot start', async () => {
    const journal = new WriteJournal(new InMemoryAppendLog<JournalEntry>());
    const missing = await NodeWorkspace.open(root, { journal, ripgrep: path.join(base, 'no-such-rg') });
    const jsOnly = await NodeWorkspace.open(root, { journal, ripgrep: false });
    assert.deepEqual(await missing.search('needle'), await jsOnly.search('needle'));
  });
});

describe('ripgrep arguments', () => {
  it('passes on only what ripgrep matches exactly as the search does', () => {
    assert.equal(ripgrepArguments('a.*b', { regex: true }), undefined);
    assert.equal(ripgrepArguments('größe', {}), undefined, 'case folding of non-ASCII text differs');
    assert.ok(ripgrepArguments('größe', { caseSensitive: true })?.includes('--case-sensitive'));
    const args = ripgrepArguments('index', {}) ?? [];
    assert.deepEqual(args.slice(-4), ['-e', 'index', '-e', 'İ']);
    assert.ok(args.includes('--no-ignore') && args.includes('--text') && args.includes('--hidden'));
  });
});

/** The walk's order: breadth first, names sorted by code unit. */
function byWalk(a: string, b: string): number {
  const depth = (p: string) => p.split(':')[0].split('/').length;
  return depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0);
}
