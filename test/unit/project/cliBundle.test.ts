import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

// The demo and `imperium` run the esbuild bundle, not the sources the other tests load through tsx:
// a package that only breaks once bundled (an ESM build reading import.meta.url, say) shows here.
describe('the CLI bundle (dist/cli.js)', function () {
  this.timeout(120_000);
  const root = join(__dirname, '..', '..', '..');
  const run = promisify(execFile);

  before(async () => {
    await run(process.execPath, ['esbuild.config.mjs', '--quiet'], { cwd: root });
  });

  it('starts and lists its commands', async () => {
    const { stdout } = await run(process.execPath, ['dist/cli.js', '--help'], { cwd: root });
    for (const command of ['run', 'resume', 'status', 'tests', 'ui-check', 'demo']) assert.match(stdout, new RegExp(`\\b${command}\\b`));
  });

  it('runs a fixture project’s tests and reports them as JSON', async () => {
    const result: { code?: number; stdout: string } = await run(process.execPath, ['dist/cli.js', 'tests', 'test/fixtures/mocha-project', '--json'], { cwd: root }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(result.code, 1, 'the fixture has failing tests, so the exit code is 1');
    const report = JSON.parse(result.stdout) as { summary: { passed: number; failed: number; skipped: number } };
    assert.deepEqual(report.summary, { passed: 3, failed: 2, skipped: 1, total: 6 });
  });

  it('checks a page in headless Chromium with playwright-core loaded from node_modules (it cannot be bundled)', async () => {
    const result: { code?: number; stdout: string } = await run(process.execPath, ['dist/cli.js', 'ui-check', 'test/fixtures/ui-pages/defects', '--width', '375', '--json'], { cwd: root }).catch(
      (error: { code: number; stdout: string }) => error,
    );
    assert.equal(result.code, 1, 'the fixture has planted defects, so the exit code is 1');
    const report = JSON.parse(result.stdout) as { failures: { rule: string }[] };
    assert.deepEqual(report.failures.map((finding) => finding.rule).sort(), ['button-name', 'color-contrast', 'image-alt', 'label', 'layout-overflow']);
  });

  it('loads its lazy bundles with require(), not through the ES module loader that lexes a whole file first', () => {
    for (const bundle of ['cli.js', 'testsCli.js', 'fullCli.js', 'host.js']) {
      const code = readFileSync(join(root, 'dist', bundle), 'utf8');
      assert.doesNotMatch(code, /\bimport\("\.\/(tokenizer|secretlint)\.js"\)/, `${bundle} imports a lazy bundle through the ES module loader`);
    }
  });

  it('keeps out of what the editor loads at activation (dist/host.js) what it needs only on first use, in dist/engine.js', () => {
    const host = readFileSync(join(root, 'dist', 'host.js'), 'utf8');
    for (const heavy of ['node_modules/openai/', 'node_modules/yaml/', 'node_modules/axe-core/', 'node_modules/ws/', 'node_modules/rate-limiter-flexible/', 'node_modules/@pydantic/genai-prices/', 'node_modules/typescript/', 'src/runtime/runtime.ts', 'src/infra/testRunners/workspaceTestRunner.ts', 'src/infra/browser/pageChecker.ts',
      // zod (the webview message check is dist/webviewMessages.js), the glob matcher, the workflow modules and their agents, the views' source.
      'node_modules/zod/', 'src/shared/webviewMessageSchema.ts', 'node_modules/minimatch/', 'node_modules/diff/', 'src/workflows/builtInModules.ts', 'src/agents/', 'src/core/approvals/reviewGate.ts', 'src/host/dashboard/engineDashboardSource.ts', 'src/shared/dashboardReducer.ts']) {
      assert.ok(!host.includes(`// ${heavy}`), `dist/host.js bundles ${heavy}; load it through src/host/lazyEngine.ts`);
    }
    const engine = readFileSync(join(root, 'dist', 'engine.js'), 'utf8');
    for (const part of ['src/runtime/runtime.ts', 'src/workflows/builtInModules.ts', 'src/host/workflows/openWorkflowDashboard.ts']) assert.ok(engine.includes(`// ${part}`), `dist/engine.js holds ${part}`);
    assert.ok(readFileSync(join(root, 'dist', 'webviewMessages.js'), 'utf8').includes('// src/shared/webviewMessageSchema.ts'), 'dist/webviewMessages.js holds the webview message check');
  });
});
