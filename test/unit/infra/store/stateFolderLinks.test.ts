// Adversarial (issue 16, point 6): symbolic links deeper inside a workspace's .imperium. Before the
// change only .imperium and its top-level entries were checked: a link at
// .imperium/baselines/home@375.png let a recorded baseline overwrite the file it pointed to, a linked
// .imperium/design took kept screenshots elsewhere, and the memory stores (opened without a
// container) read and wrote through links in .imperium/memory.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCliMemory } from '../../../../src/cli/cliMemory';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import { ChromiumPageInspector } from '../../../../src/infra/browser/chromiumPageInspector';
import { ScreenshotBaselines, type Screenshot } from '../../../../src/infra/browser/screenshotBaselines';
import { writeStateFile } from '../../../../src/infra/store/stateFileWrite';
import { StoreLocationError } from '../../../../src/infra/store/storeLocation';
import { openExtensionMemories } from '../../../../src/host/memory/extensionMemories';
import { RecordingLogger } from './storeTestKit';

// A 1x1 PNG: enough for a baseline record and for a pixel diff.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const SHOT: Screenshot = { page: 'home', png: PNG, environment: { browserVersion: 'Chrome/1', fonts: ['DejaVu Sans'], width: 375, deviceScaleFactor: 1 } };
const PRECIOUS = 'the home folder file, not to be overwritten\n';

describe('symbolic links inside the state folder', () => {
  let root: string;
  let workspace: string;
  let outside: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'imperium-state-links-'));
    workspace = join(root, 'workspace');
    outside = join(root, 'outside');
    await mkdir(join(workspace, '.imperium'), { recursive: true });
    await mkdir(outside);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('refuses to record a baseline through a linked file in .imperium/baselines, and leaves its target alone', async () => {
    const target = join(outside, 'precious.txt');
    await writeFile(target, PRECIOUS);
    await mkdir(join(workspace, '.imperium', 'baselines'));
    const link = join(workspace, '.imperium', 'baselines', 'home@375.png');
    await symlink(target, link);
    const baselines = new ScreenshotBaselines(join(workspace, '.imperium', 'baselines'), workspace);
    await assert.rejects(baselines.record(SHOT), (error: Error) => error instanceof StoreLocationError && error.message.includes(`${link}: it is a symbolic link`));
    assert.equal(await readFile(target, 'utf8'), PRECIOUS);
  });

  it('refuses a linked .imperium/baselines folder (and a compare that would record into it), writing nothing where it points', async () => {
    await symlink(outside, join(workspace, '.imperium', 'baselines'), 'dir');
    const baselines = new ScreenshotBaselines(join(workspace, '.imperium', 'baselines'), workspace);
    await assert.rejects(baselines.compare(SHOT), /\.imperium\/baselines is a symbolic link; the state folder must hold real folders only/);
    assert.deepEqual(await readdir(outside), []);
  });

  it('refuses to keep a screenshot diff in a linked .imperium/design folder', async () => {
    await writeFile(join(workspace, 'a.png'), PNG);
    await symlink(outside, join(workspace, '.imperium', 'design'), 'dir');
    const inspector = new ChromiumPageInspector({ root: workspace, baselines: join(workspace, '.imperium', 'baselines'), artifacts: join(workspace, '.imperium', 'design') });
    await assert.rejects(inspector.keepDiff(join(workspace, 'a.png'), join(workspace, 'a.png'), 'before-after'), StoreLocationError);
    assert.deepEqual(await readdir(outside), []);
  });

  it('refuses a write whose folder on the way is a file, and one outside the container', async () => {
    await writeFile(join(workspace, '.imperium', 'design'), 'a file, not a folder');
    await assert.rejects(writeStateFile(join(workspace, '.imperium', 'design', 'x.png'), PNG, workspace), /\.imperium\/design is not a folder/);
    await assert.rejects(writeStateFile(join(outside, 'x.png'), PNG, workspace), /is not inside/);
    assert.deepEqual(await readdir(outside), []);
  });

  it('writes a real file through real folders, creating them, and replaces it whole', async () => {
    const path = join(workspace, '.imperium', 'baselines', 'deep', 'home@375.json');
    await writeStateFile(path, 'first', workspace);
    await writeStateFile(path, 'second', workspace);
    assert.equal(await readFile(path, 'utf8'), 'second');
    assert.deepEqual(await readdir(join(workspace, '.imperium', 'baselines', 'deep')), ['home@375.json'], 'no temporary file is left');
  });

  const memoryFolder = () => join(workspace, '.imperium', 'memory');
  const openCli = () => openCliMemory({ workspaceRoot: workspace, workspaceFolder: memoryFolder(), globalFolder: join(root, 'global-memory'), clock: new SystemClock(), logger: new RecordingLogger() });
  const openHost = () => openExtensionMemories({ workspaceFolder: workspace, workspaceStorage: join(workspace, '.imperium'), globalStorage: join(root, 'global-storage'), clock: new SystemClock(), logger: new RecordingLogger(), onDamage: () => undefined });

  for (const [host, open] of [['CLI', openCli], ['editor', openHost]] as const) {
    it(`refuses a linked .imperium/memory folder in the ${host}, writing nothing where it points`, async () => {
      await symlink(outside, memoryFolder(), 'dir');
      await assert.rejects(open(), /\.imperium\/memory is a symbolic link/);
      assert.deepEqual(await readdir(outside), []);
    });

    it(`refuses a linked memory file in .imperium/memory in the ${host}, and leaves its target alone`, async () => {
      const target = join(outside, 'precious.json');
      await writeFile(target, PRECIOUS);
      await mkdir(memoryFolder());
      await symlink(target, join(memoryFolder(), 'memory-shard-000000.json'));
      await assert.rejects(open(), /memory-shard-000000\.json is a symbolic link/);
      assert.equal(await readFile(target, 'utf8'), PRECIOUS);
      assert.deepEqual(await readdir(outside), ['precious.json']);
    });
  }
});
