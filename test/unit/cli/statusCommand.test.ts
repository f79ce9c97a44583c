import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { STATE_FOLDER } from '../../../src/runtime/folderStore';
import { EmbeddedEngine } from '../../../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../../../src/core/orchestrator/eventStream';
import { StepHandlers } from '../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import { freeLoopbackPort } from '../../conductor/harness/conductorServer';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

async function status(folder: string, ...flags: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['status', folder, ...flags], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: folder }, COMMANDS);
  return { code, stdout, stderr };
}

describe('imperium status', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-status-'));
  });

  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('says there is nothing yet in a folder without state', async () => {
    const result = await status(folder);
    assert.equal(result.code, 0);
    assert.match(result.stdout, /No workflows: .* has no \.imperium\/ folder yet/);
  });

  it('shows a workflow while another process holds the store and runs it', async () => {
    const store = await JsonStore.open({ folder: join(folder, STATE_FOLDER), logger: silent });
    let release = () => undefined as void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const handlers = new StepHandlers().register('wait', { run: () => blocked });
    const clock = new SystemClock();
    const engine = await EmbeddedEngine.open({ store, handlers, clock, logger: silent, events: await EventStream.open(store.log('events'), clock, silent) });
    try {
      const id = await engine.start({ name: 'demo', version: 1, steps: [{ name: 'only', handler: 'wait' }] });
      await store.flush();
      const human = await status(folder);
      assert.equal(human.code, 0, human.stderr);
      assert.match(human.stdout, new RegExp(`^${id}\\s+RUNNING\\s+only\\s+.*demo v1$`, 'm'));
      const json = JSON.parse((await status(folder, '--json')).stdout) as { id: string; status: string }[];
      assert.deepEqual(json.map((w) => [w.id, w.status]), [[id, 'RUNNING']]);
      release();
      await engine.settled(id);
    } finally {
      release();
      await engine.close();
      await store.close();
    }
  });

  it('with --engine conductor, exits 2 naming the address when the server does not answer', async () => {
    const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const result = await status(folder, '--engine', 'conductor', '--conductor-url', url);
    assert.equal(result.code, 2, result.stdout);
    assert.match(result.stderr, new RegExp(`Conductor unreachable at ${url.replace(/\./g, '\\.')}`));
    const bad = await status(folder, '--engine', 'conductr');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--engine must be "embedded" or "conductor", not "conductr"/);
  });
});
