import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import type { CliIo } from '../../../src/cli/cliCommand';
import { COMMANDS } from '../../../src/cli/commands';
import { BUILT_IN_MODULES } from '../../../src/workflows/builtInModules';

function capture(cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd };
  return { io, stdout: () => stdout, stderr: () => stderr };
}

describe('imperium workflows, and run --workflow', () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-workflows-'));
  });
  after(() => rm(folder, { recursive: true, force: true }));

  it('lists every module with its phases and their steps', async () => {
    const out = capture();
    assert.equal(await runCli(['workflows'], out.io, COMMANDS), 0);
    for (const module of BUILT_IN_MODULES) assert.match(out.stdout(), new RegExp(`^${module.id}  ${module.title.replace(/[()]/g, '\\$&')}$`, 'm'));
    assert.match(out.stdout(), /^ {2}Phases: plan \(plan, planReview\) → red \(red\) → green \(green\) → refactor \(refactor\) → review \(review\)$/m);
  });

  it('prints the same as JSON with --json', async () => {
    const out = capture();
    assert.equal(await runCli(['workflows', '--json'], out.io, COMMANDS), 0);
    const listed = JSON.parse(out.stdout()) as { id: string; title: string; description: string; phases: { id: string; title: string; steps: string[] }[] }[];
    assert.deepEqual(
      listed.map((module) => module.id),
      BUILT_IN_MODULES.map((module) => module.id),
    );
    const feature = listed.find((module) => module.id === 'feature');
    assert.deepEqual(feature?.phases[0], { id: 'plan', title: 'Plan', steps: ['plan', 'planReview'] });
    assert.ok((feature?.description.length ?? 0) > 20);
  });

  it('refuses arguments', async () => {
    const out = capture();
    assert.equal(await runCli(['workflows', 'feature'], out.io, COMMANDS), 2);
    assert.match(out.stderr(), /takes no arguments/);
  });

  it('exits 2 on an unknown --workflow, naming the ids there are, before opening the folder', async () => {
    const out = capture();
    assert.equal(await runCli(['run', folder, 'Add a thing.', '--workflow', 'release', '--scenario', 'missing.json'], out.io, COMMANDS), 2);
    assert.equal(out.stderr().split('\n')[0], `imperium run: There is no workflow "release"; the workflows are: ${BUILT_IN_MODULES.map((module) => module.id).join(', ')}.`);
    assert.equal(out.stdout(), '');
  });

  it('names --workflow and its default in the usage of run', async () => {
    const out = capture();
    assert.equal(await runCli(['run', '--help'], out.io, COMMANDS), 0);
    assert.match(out.stdout(), /^ {2}--workflow <id> +The workflow to run \(default feature\), one of:\n {27}feature: /m);
  });
});
