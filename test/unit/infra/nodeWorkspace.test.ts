import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import { WorkspaceError, type WorkspaceErrorCode, type WriteOrigin } from '../../../src/core/ports';
import { PathPolicy } from '../../../src/core/workspace/pathPolicy';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import { InMemoryAppendLog } from '../core/journal/inMemoryAppendLog';

const origin: WriteOrigin = { workflowId: 'wf-1', taskId: 't-1', agent: 'codebot' };

async function rejectsWith(promise: Promise<unknown>, code: WorkspaceErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof WorkspaceError, `expected a WorkspaceError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

/** Every file (bytes) and folder under `dir`, to compare a tree before and after. */
async function snapshot(dir: string): Promise<Map<string, Buffer | 'dir'>> {
  const result = new Map<string, Buffer | 'dir'>();
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const full = path.join(entry.parentPath, entry.name);
    const relative = path.relative(dir, full);
    if (entry.isSymbolicLink()) result.set(relative, Buffer.from(`-> ${await fs.readlink(full)}`));
    else result.set(relative, entry.isDirectory() ? 'dir' : await fs.readFile(full));
  }
  return result;
}

describe('NodeWorkspace', () => {
  let base: string;
  let root: string;
  let outside: string;
  let log: InMemoryAppendLog<JournalEntry>;
  let workspace: NodeWorkspace;

  beforeEach(async () => {
    base = await fs.mkdtemp(path.join(tmpdir(), 'imperium-ws-'));
    root = path.join(base, 'root');
    outside = path.join(base, 'outside');
    await fs.mkdir(path.join(root, 'src'), { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(outside, 'target.txt'), 'outside original');
    await fs.writeFile(path.join(root, 'src', 'index.ts'), 'export const x = 1;\n');
    log = new InMemoryAppendLog();
    workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(log), maxFileBytes: 4096 });
  });

  afterEach(async () => {
    await fs.rm(base, { recursive: true, force: true });
  });

  describe('reading', () => {
    it('reads text, and says precisely why it cannot', async () => {
      assert.equal(await workspace.read('./src//index.ts'), 'export const x = 1;\n');
      await rejectsWith(workspace.read('src/missing.ts'), 'not-found', /"src\/missing.ts" does not exist/);
      await rejectsWith(workspace.read('src'), 'not-a-file', /folder, not a file/);
      await rejectsWith(workspace.read('src/index.ts/x'), 'not-found');
      await rejectsWith(workspace.read('../outside/target.txt'), 'outside-root');
      await rejectsWith(workspace.read(path.join(outside, 'target.txt')), 'outside-root', /absolute path/);
    });

    it('refuses files over the size cap and binary files', async () => {
      await fs.writeFile(path.join(root, 'big.txt'), 'x'.repeat(5000));
      await fs.writeFile(path.join(root, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
      await rejectsWith(workspace.read('big.txt'), 'too-large', /5000 bytes, over the 4096-byte limit/);
      await rejectsWith(workspace.read('logo.png'), 'refused', /binary/);
    });

    it('keeps a byte-order mark through a read and a write, and refuses text that is not UTF-8', async () => {
      const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('const a = 1;\n')]);
      await fs.writeFile(path.join(root, 'bom.ts'), withBom);
      await workspace.write('bom.ts', await workspace.read('bom.ts'), origin);
      assert.deepEqual(await fs.readFile(path.join(root, 'bom.ts')), withBom);
      await fs.writeFile(path.join(root, 'latin1.txt'), Buffer.from('caf\xe9', 'latin1'));
      await rejectsWith(workspace.read('latin1.txt'), 'refused', /not UTF-8 text/);
    });

    it('refuses protected paths even when they exist', async () => {
      await fs.mkdir(path.join(root, '.git'));
      await fs.writeFile(path.join(root, '.git', 'config'), '[core]');
      await fs.writeFile(path.join(root, '.env'), 'API_KEY=secret');
      await rejectsWith(workspace.read('.git/config'), 'protected', /matches "\.git"/);
      await rejectsWith(workspace.read('.env'), 'protected');
      await rejectsWith(workspace.exists('.env'), 'protected');
    });
  });

  describe('symbolic links', () => {
    it('refuses reading through a link that points outside the root', async () => {
      await fs.symlink(outside, path.join(root, 'linked-dir'));
      await fs.symlink(path.join(outside, 'target.txt'), path.join(root, 'linked-file.txt'));
      await rejectsWith(workspace.read('linked-dir/target.txt'), 'outside-root', /symbolic link to outside the workspace/);
      await rejectsWith(workspace.read('linked-file.txt'), 'outside-root');
      await rejectsWith(workspace.exists('linked-dir/new.txt'), 'outside-root');
    });

    it('refuses writing through a link that points outside, and leaves the outside untouched', async () => {
      await fs.symlink(outside, path.join(root, 'linked-dir'));
      await fs.symlink(path.join(outside, 'target.txt'), path.join(root, 'linked-file.txt'));
      await fs.symlink(path.join(outside, 'missing.txt'), path.join(root, 'dangling.txt'));
      const before = await snapshot(outside);

      await rejectsWith(workspace.write('linked-file.txt', 'pwned', origin), 'outside-root');
      await rejectsWith(workspace.write('linked-dir/target.txt', 'pwned', origin), 'outside-root');
      await rejectsWith(workspace.write('linked-dir/new/deep.txt', 'pwned', origin), 'outside-root');
      await rejectsWith(workspace.write('dangling.txt', 'pwned', origin), 'refused', /symbolic link to something that does not exist/);
      await rejectsWith(workspace.delete('linked-file.txt', origin), 'outside-root');

      assert.deepEqual(await snapshot(outside), before);
      assert.deepEqual(log.lines, [], 'nothing journalled for a refused write');
    });

    it('refuses a link inside the root that leads into a protected folder', async () => {
      await fs.mkdir(path.join(root, '.git'));
      await fs.writeFile(path.join(root, '.git', 'config'), '[core]');
      await fs.symlink(path.join(root, '.git'), path.join(root, 'innocent'));
      await rejectsWith(workspace.read('innocent/config'), 'protected', /leads through a symbolic link to "\.git\/config"/);
      await rejectsWith(workspace.write('innocent/hooks/pre-commit', 'rm -rf ~', origin), 'protected');
      assert.deepEqual(await fs.readdir(path.join(root, '.git')), ['config']);
    });

    it("applies the writer's guard to the file a link leads to, so a link to a test does not get around it", async () => {
      await fs.mkdir(path.join(root, 'test'));
      await fs.writeFile(path.join(root, 'test', 'a.test.ts'), 'it("works", () => {});\n');
      await fs.symlink(path.join('..', 'test', 'a.test.ts'), path.join(root, 'src', 'helper.ts'));
      const guarded: WriteOrigin = { ...origin, guard: (file) => (file.startsWith('test/') ? 'tests are fixed while green is pending' : undefined) };
      await rejectsWith(workspace.write('src/helper.ts', 'it.skip("works", () => {});\n', guarded), 'refused', /"test\/a\.test\.ts" \("src\/helper\.ts" leads there through a symbolic link\): tests are fixed/);
      await rejectsWith(workspace.delete('src/helper.ts', guarded), 'refused');
      assert.equal(await fs.readFile(path.join(root, 'test', 'a.test.ts'), 'utf8'), 'it("works", () => {});\n');
      assert.deepEqual(log.lines, [], 'nothing journalled for a refused write');
      await workspace.write('src/index.ts', 'export const y = 1;\n', guarded);
    });

    it('writes through a link inside the root to its target, and journals the target', async () => {
      await fs.symlink('index.ts', path.join(root, 'src', 'alias.ts'));
      await workspace.write('src/alias.ts', 'export const x = 2;\n', origin);
      assert.equal(await fs.readFile(path.join(root, 'src', 'index.ts'), 'utf8'), 'export const x = 2;\n');
      assert.ok((await fs.lstat(path.join(root, 'src', 'alias.ts'))).isSymbolicLink(), 'the link stays a link');
      const [entry] = await log.readAll();
      assert.equal(entry.kind === 'write' && entry.path, 'src/index.ts');
    });
  });

  describe('writing', () => {
    it('journals the previous bytes before the file changes', async () => {
      const target = path.join(root, 'src', 'index.ts');
      let seenOnDisk: string | undefined;
      log.onAppend = async () => {
        seenOnDisk = await fs.readFile(target, 'utf8');
      };
      await workspace.write('src/index.ts', 'export const x = 2;\n', origin);
      assert.equal(seenOnDisk, 'export const x = 1;\n');
      assert.equal(await fs.readFile(target, 'utf8'), 'export const x = 2;\n');
    });

    it('does not touch the file when the journal cannot record the write', async () => {
      log.onAppend = () => {
        throw new Error('disk full');
      };
      await assert.rejects(workspace.write('src/index.ts', 'changed', origin), /disk full/);
      await assert.rejects(workspace.write('src/new.ts', 'created', origin), /disk full/);
      assert.equal(await fs.readFile(path.join(root, 'src', 'index.ts'), 'utf8'), 'export const x = 1;\n');
      assert.deepEqual(await fs.readdir(path.join(root, 'src')), ['index.ts']);
    });

    it('replaces the file atomically by rename, keeps its permissions and leaves no temp file', async () => {
      const target = path.join(root, 'run.sh');
      await fs.writeFile(target, '#!/bin/sh\necho old\n', { mode: 0o755 });
      await fs.chmod(target, 0o755);
      const inodeBefore = (await fs.stat(target)).ino;
      await workspace.write('run.sh', '#!/bin/sh\necho new\n', origin);
      const after = await fs.stat(target);
      assert.notEqual(after.ino, inodeBefore, 'a new inode: the content was renamed into place, not rewritten in place');
      assert.equal(after.mode & 0o777, 0o755);
      assert.deepEqual((await fs.readdir(root)).sort(), ['run.sh', 'src']);
    });

    it('creates missing folders and records them', async () => {
      await workspace.write('src/a/b/c.ts', 'deep', origin);
      assert.equal(await fs.readFile(path.join(root, 'src', 'a', 'b', 'c.ts'), 'utf8'), 'deep');
      const [entry] = await log.readAll();
      assert.deepEqual(entry.kind === 'write' && entry.createdFolders, ['src/a', 'src/a/b']);
    });

    it('refuses protected paths, folders and paths under a file, writing nothing', async () => {
      const before = await snapshot(root);
      await rejectsWith(workspace.write('.vscode/settings.json', '{}', origin), 'protected');
      await rejectsWith(workspace.write('node_modules/x/index.js', '', origin), 'protected');
      await rejectsWith(workspace.write('config/.env.production', 'KEY=1', origin), 'protected');
      await rejectsWith(workspace.write('src', 'x', origin), 'not-a-file', /folder/);
      await rejectsWith(workspace.write('.', 'x', origin), 'not-a-file');
      await rejectsWith(workspace.write('src/index.ts/inner.ts', 'x', origin), 'not-a-file', /"src\/index.ts" is a file/);
      await rejectsWith(workspace.write('../escape.txt', 'x', origin), 'outside-root');
      assert.deepEqual(await snapshot(root), before);
      assert.deepEqual(log.lines, []);
      await assert.rejects(fs.access(path.join(base, 'escape.txt')));
    });

    it('honours custom protected globs', async () => {
      const guarded = await NodeWorkspace.open(root, { journal: new WriteJournal(log), policy: new PathPolicy({ protectedGlobs: ['*.pem', 'infra/'] }) });
      await rejectsWith(guarded.write('certs/server.pem', 'x', origin), 'protected', /"\*\.pem"/);
      await rejectsWith(guarded.write('infra/main.tf', 'x', origin), 'protected', /"infra"/);
    });

    it('deletes a file, journalled, and refuses deleting a folder', async () => {
      await workspace.delete('src/index.ts', origin);
      await assert.rejects(fs.access(path.join(root, 'src', 'index.ts')));
      const [entry] = await log.readAll();
      assert.equal(entry.kind === 'write' && entry.op, 'delete');
      await rejectsWith(workspace.delete('src', origin), 'not-a-file');
      await rejectsWith(workspace.delete('src/index.ts', origin), 'not-found');
    });
  });

  describe('undo', () => {
    it('puts the tree back byte for byte: edits, creations in new folders, deletions, binary files', async () => {
      await fs.writeFile(path.join(root, 'src', 'data.bin'), Uint8Array.from({ length: 256 }, (_, index) => index));
      await fs.writeFile(path.join(root, 'README.md'), 'hello\r\nworld');
      const before = await snapshot(root);

      await workspace.write('src/index.ts', 'export const x = 2;\n', origin);
      await workspace.write('src/index.ts', 'export const x = 3;\n', origin);
      await workspace.write('src/data.bin', 'now text', origin);
      await workspace.write('test/unit/new.test.ts', 'it("works")', { ...origin, agent: 'testbot' });
      await workspace.delete('README.md', origin);

      const report = await workspace.undo('wf-1');
      assert.deepEqual(report.skipped, []);
      assert.deepEqual([...report.deleted], ['test/unit/new.test.ts']);
      assert.deepEqual([...report.restored].sort(), ['README.md', 'src/data.bin', 'src/index.ts']);
      assert.deepEqual(await snapshot(root), before);
    });

    it('rolls back to a mark, keeping what came before it', async () => {
      await workspace.write('src/index.ts', 'green', origin);
      const mark = await workspace.mark();
      await workspace.write('src/index.ts', 'refactored', origin);
      await workspace.write('src/extracted.ts', 'helper', origin);

      const report = await workspace.rollback('wf-1', mark);
      assert.deepEqual(report.deleted, ['src/extracted.ts']);
      assert.equal(await workspace.read('src/index.ts'), 'green');
      assert.deepEqual((await workspace.touched('wf-1')).map((file) => file.path), ['src/index.ts']);
    });
  });

  describe('listing', () => {
    beforeEach(async () => {
      await fs.mkdir(path.join(root, '.git'));
      await fs.mkdir(path.join(root, 'node_modules', 'pkg'), { recursive: true });
      await fs.mkdir(path.join(root, 'dist'));
      await fs.mkdir(path.join(root, 'src', 'lib'));
      await fs.writeFile(path.join(root, '.gitignore'), 'dist/\n*.log\n');
      await fs.writeFile(path.join(root, 'dist', 'bundle.js'), '');
      await fs.writeFile(path.join(root, 'debug.log'), '');
      await fs.writeFile(path.join(root, '.env'), 'SECRET=1');
      await fs.writeFile(path.join(root, 'src', 'lib', 'util.ts'), 'export {};\n');
      await fs.writeFile(path.join(root, 'src', 'lib', '.gitignore'), 'generated.ts\n');
      await fs.writeFile(path.join(root, 'src', 'lib', 'generated.ts'), '');
      await fs.symlink(outside, path.join(root, 'out-link'));
    });

    it('skips protected, git-ignored and outward-linking entries, breadth first', async () => {
      const entries = await workspace.list('', { recursive: true });
      assert.deepEqual(
        entries.map((entry) => `${entry.kind === 'directory' ? 'd' : 'f'} ${entry.path}`),
        ['f .gitignore', 'd src', 'f src/index.ts', 'd src/lib', 'f src/lib/.gitignore', 'f src/lib/util.ts'],
      );
      assert.equal(entries.find((entry) => entry.path === 'src/index.ts')?.size, 20);
    });

    it('lists one folder, applying the .gitignore files above it, and stops at the limit', async () => {
      assert.deepEqual(
        (await workspace.list('src/lib')).map((entry) => entry.path),
        ['src/lib/.gitignore', 'src/lib/util.ts'],
      );
      assert.equal((await workspace.list('', { recursive: true, limit: 2 })).length, 2);
      await rejectsWith(workspace.list('node_modules'), 'protected');
      await rejectsWith(workspace.list('src/index.ts'), 'not-a-file', /is a file, not a folder/);
      await rejectsWith(workspace.list('nope'), 'not-found');
    });
  });

  describe('searching', () => {
    it('finds lines across files, honours under and limit, skips binary, large, ignored and protected files', async () => {
      await fs.mkdir(path.join(root, 'docs'));
      await fs.writeFile(path.join(root, 'docs', 'guide.md'), 'use add() to add\nnothing\nADD more\n');
      await fs.writeFile(path.join(root, 'src', 'math.ts'), 'export function add() {}\n');
      await fs.writeFile(path.join(root, 'src', 'blob.bin'), Buffer.from('add\0add'));
      await fs.writeFile(path.join(root, 'src', 'huge.ts'), `add\n${'x'.repeat(5000)}`);
      await fs.writeFile(path.join(root, '.env'), 'add=1');
      await fs.writeFile(path.join(root, '.gitignore'), 'ignored.ts\n');
      await fs.writeFile(path.join(root, 'src', 'ignored.ts'), 'add');

      const all = await workspace.search('add');
      assert.deepEqual(
        all.map((match) => `${match.path}:${match.line}`),
        ['docs/guide.md:1', 'docs/guide.md:3', 'src/math.ts:1'],
      );
      assert.deepEqual(
        (await workspace.search('add', { under: 'src' })).map((match) => match.path),
        ['src/math.ts'],
      );
      assert.equal((await workspace.search('add', { limit: 2 })).length, 2);
      assert.equal((await workspace.search('ADD', { caseSensitive: true })).length, 1);
      assert.deepEqual(
        (await workspace.search('^export\\s+function', { regex: true })).map((match) => match.text),
        ['export function add() {}'],
      );
      await rejectsWith(workspace.search('[', { regex: true }), 'refused', /not a valid regular expression/);
      await rejectsWith(workspace.search('x', { under: '.git' }), 'protected');
    });
  });

  it('refuses to open a root that does not exist or is a file', async () => {
    await assert.rejects(NodeWorkspace.open(path.join(base, 'nope'), { journal: new WriteJournal(log) }), /does not exist/);
    await assert.rejects(NodeWorkspace.open(path.join(outside, 'target.txt'), { journal: new WriteJournal(log) }), /is not a folder/);
  });
});
