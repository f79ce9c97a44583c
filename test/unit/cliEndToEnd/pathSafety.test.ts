// `imperium run` where TestBot and CodeBot first try to write outside the workspace (`..`, an
// absolute path, a symlink leading out) and into protected paths (.git, .env, node_modules, the
// engine's own state). The scenario serves each next reply only when the last tool result is the
// expected refusal, so the run completes only if every one was refused, and refused for its reason.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readJournalWrites, readEvents, readReport, toolEvents } from './engineRecords';
import { printed, runImperium } from './imperiumProcess';
import { changedPaths, copyFixture, SCENARIOS, snapshot, type ProjectCopy } from './projectCopy';

const GIT_CONFIG = '[core]\n\trepositoryformatversion = 0\n';

describe('imperium run: writes outside the workspace or into protected paths (end to end)', function () {
  this.timeout(150_000);
  this.slow(20_000);
  let copy: ProjectCopy;
  after(() => copy?.remove());

  it('refuses every one, tells the agent why, writes nothing there, and the workflow still completes', async () => {
    copy = await copyFixture('mocha-project');
    const { root, folder } = copy;
    await mkdir(join(folder, '.git'));
    await writeFile(join(folder, '.git/config'), GIT_CONFIG);
    await mkdir(join(root, 'linked-target'));
    await symlink(join(root, 'linked-target'), join(folder, 'src/linked'), 'dir');
    // The scenario names the absolute path to try: one inside this run's own temp folder.
    const scenario = join(root, 'scenario.json');
    await writeFile(scenario, (await readFile(join(SCENARIOS, 'path-escapes-refused.json'), 'utf8')).replaceAll('{{OUTSIDE}}', root));
    const before = snapshot(folder);
    const reportFile = join(root, 'report.json');

    const run = await runImperium(['run', folder, 'Add Stack#isEmpty().', '--scenario', scenario, '--report', reportFile], 120_000);

    assert.equal(run.code, 0, printed(run));
    assert.equal(readReport(reportFile).status, 'COMPLETED');

    const refusals = toolEvents(readEvents(folder))
      .filter((event) => event.outcome === 'refused')
      .map((event) => [event.agent, event.tool, event.path, event.message]);
    assert.deepEqual(refusals, [
      ['testbot', 'write_file', '../outside.test.js', '"../outside.test.js" leads outside the workspace root.'],
      ['testbot', 'write_file', 'node_modules/evil.test.js', '"node_modules/evil.test.js" is protected (matches "node_modules"): agents may not read, list or change it.'],
      ['codebot', 'write_file', '../outside.txt', '"../outside.txt" leads outside the workspace root.'],
      [
        'codebot',
        'write_file',
        `${root}/absolute/x.js`,
        `"${root}/absolute/x.js" is an absolute path; give a path relative to the workspace root, such as "src/index.ts".`,
      ],
      ['codebot', 'write_file', '.git/config', '".git/config" is protected (matches ".git"): agents may not read, list or change it.'],
      ['codebot', 'write_file', '.env', '".env" is protected (matches ".env"): agents may not read, list or change it.'],
      ['codebot', 'write_file', 'node_modules/x.js', '"node_modules/x.js" is protected (matches "node_modules"): agents may not read, list or change it.'],
      ['codebot', 'write_file', '.imperium/state.json', '".imperium/state.json" is protected (matches ".imperium"): agents may not read, list or change it.'],
      ['codebot', 'write_file', 'src/linked/x.js', '"src/linked/x.js" leads through a symbolic link to outside the workspace.'],
    ]);

    // On disk: the project changed only where the feature needed it, and nothing appeared beside it.
    assert.deepEqual(changedPaths(before, snapshot(folder)), ['src/stack.js', 'test/stack-empty.test.js']);
    assert.equal(await readFile(join(folder, '.git/config'), 'utf8'), GIT_CONFIG);
    assert.equal(existsSync(join(folder, '.imperium/state.json')), false);
    assert.deepEqual(readdirSync(root).sort(), ['linked-target', 'node_modules', 'project', 'report.json', 'scenario.json']);
    assert.deepEqual(readdirSync(join(root, 'linked-target')), []);
    assert.deepEqual(
      readJournalWrites(folder).map((entry) => `${entry.agent} ${entry.path}`),
      ['testbot test/stack-empty.test.js', 'codebot src/stack.js'],
    );
  });
});
