// A request that spans UI and logic, end to end: the feature workflow on a copy of the shop-site
// fixture (cart logic under node:test, a checkout page with planted accessibility and layout
// defects), the real HeadlessEngine (store, journal, node:test runner, Board) and the system's
// headless Chromium, the scripted model server answering every agent. The Product Owner tags each
// task with its agent; TestBot writes the tests first, CodeBot makes them pass, DesignBot mends the
// page until the browser checks pass; one workflow, one report naming each task's agent.
import * as assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HeadlessEngine } from '../../../src/cli/headlessEngine';
import { workflowReportText } from '../../../src/cli/workflowReportText';
import type { Logger } from '../../../src/core/ports';
import { ChromiumPageInspector } from '../../../src/infra/browser/chromiumPageInspector';
import { startScriptedModelServer, type RecordedRequest, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { FEATURE_WORKFLOW } from '../../../src/workflows/feature/featureWorkflow';
import type { AgentOutcome } from '../../../src/superpowers/tdd/agentOutcome';

const FIXTURES = resolve(__dirname, '..', '..', 'fixtures');
const REQUEST = 'Add discount(cents, percent) to src/cart.js, and make site/checkout.html usable with a screen reader and let it fit phones.';
const CODE_TASK = 'discount(cents, percent) in src/cart.js, rounded to whole cents';
const PAGE_TASK = 'site/checkout.html: names for the button and the image, a label for the e-mail field, readable text, a price table that fits 375 px';
const TEST_TASK = 'a test that a 0 percent discount leaves the amount as it is';
const DISCOUNT_TESTS = `'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { discount } = require('../src/cart');

test('discount takes the percentage off', () => {
  assert.equal(discount(1000, 10), 900);
});

test('a 0 percent discount leaves the amount', () => {
  assert.equal(discount(1000, 0), 1000);
});
`;
const approve = (summary: string) => ({ decision: 'approve', summary, findings: [] });
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe('a request spanning UI and logic, dispatched by agent', function () {
  this.timeout(300_000);
  let folder: string;
  let server: ScriptedModelServer | undefined;
  let headless: HeadlessEngine | undefined;
  let inspector: ChromiumPageInspector | undefined;

  before(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-dispatch-'));
    await cp(join(FIXTURES, 'shop-site'), folder, { recursive: true });
  });

  after(async () => {
    await headless?.close();
    await inspector?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  });

  it('splits the plan between TestBot, CodeBot and DesignBot, holds each to its gate, and ends in one report with the page\'s screenshots', async () => {
    const mendedHtml = await readFile(join(FIXTURES, 'ui-pages', 'mended', 'index.html'), 'utf8');
    const mendedCss = await readFile(join(FIXTURES, 'ui-pages', 'mended', 'style.css'), 'utf8');
    server = await startScriptedModelServer({
      roles: {
        'product-owner': [
          {
            when: { lastMessageContains: 'Request:' },
            content: JSON.stringify({
              criteria: ['discount(1000, 10) is 900', 'discount(1000, 0) is 1000'],
              tasks: [
                { task: CODE_TASK, agent: 'codebot' },
                { task: TEST_TASK, agent: 'testbot' },
                { task: PAGE_TASK, agent: 'designbot' },
              ],
            }),
          },
          { when: { lastMessageContains: '# Review of a plan' }, content: JSON.stringify(approve('Each task has the right agent.')) },
          { when: { lastMessageContains: '# Review of a change' }, content: JSON.stringify(approve('The tests pass and the page checks pass.')) },
        ],
        cto: [
          { when: { lastMessageContains: '# Review of a plan' }, content: JSON.stringify(approve('Small.')) },
          { when: { lastMessageContains: '# Review of a change' }, content: JSON.stringify(approve('Clear code and markup.')) },
        ],
        cso: [
          { when: { lastMessageContains: '# Review of a plan' }, content: JSON.stringify(approve('No security surface.')) },
          { when: { lastMessageContains: '# Review of a change' }, content: JSON.stringify(approve('Nothing sensitive.')) },
        ],
        testbot: [
          {
            toolCalls: [
              { name: 'write_file', arguments: { path: 'test/discount.test.js', content: DISCOUNT_TESTS } },
              { name: 'finish', arguments: { summary: 'Two tests pin down discount().', test_files: ['test/discount.test.js'] } },
            ],
          },
        ],
        codebot: [
          {
            toolCalls: [
              { name: 'edit_file', arguments: { path: 'src/cart.js', old_text: 'module.exports = { total };', new_text: "/** The amount less `percent` per cent, to whole cents. */\nfunction discount(cents, percent) {\n  return Math.round(cents * (1 - percent / 100));\n}\n\nmodule.exports = { total, discount };" } },
              { name: 'finish', arguments: { summary: 'Added discount() to src/cart.js.', changed_files: ['src/cart.js'] } },
            ],
          },
          { when: { lastMessageContains: 'Task: Refactor' }, toolCalls: [{ name: 'finish', arguments: { summary: 'Nothing to refactor.', changed_files: [] } }] },
        ],
        designbot: [
          { toolCalls: [{ name: 'check_ui', arguments: { page: 'site/checkout.html' } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'site/checkout.html', content: mendedHtml } }, { name: 'write_file', arguments: { path: 'site/style.css', content: mendedCss } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Names, alt text, a label, darker text, a table that fits.', changed_files: ['site/checkout.html', 'site/style.css'], pages: ['site/checkout.html'] } }] },
        ],
      },
    });
    headless = await HeadlessEngine.open({ folder, model: { baseUrl: server.url, model: 'scripted-model' }, logger: quiet, limits: { testTimeoutMs: 30_000, greenAttempts: 1 }, globalMemory: join(folder, '.imperium', 'global-memory'), skillsHome: false });
    const id = await headless.engine.start(FEATURE_WORKFLOW, { request: REQUEST });
    const workflow = await headless.engine.settled(id);
    assert.equal(workflow.status, 'COMPLETED', workflow.reason);

    const chats = server.requests.filter((request) => request.path === '/v1/chat/completions');
    const firstTask = (role: string) => taskMessage(chats.find((request) => request.role === role));
    assert.match(systemPrompt(chats.find((request) => request.role === 'product-owner')), /"designbot" \(DesignBot\): changes HTML markup and CSS/, 'the Product Owner is offered DesignBot');
    assert.match(firstTask('testbot'), new RegExp(`The plan gives you these tasks too:\\n- ${TEST_TASK}`));
    assert.deepEqual(ownTasks(firstTask('codebot')), [CODE_TASK], 'CodeBot is given its task, not the page');
    const designTask = firstTask('designbot');
    assert.deepEqual(ownTasks(designTask), [PAGE_TASK], 'DesignBot is given the page, not the code');
    assert.match(designTask, /What its checks find now:[\s\S]*site\/checkout\.html: button-name \[critical\]/);
    assert.ok(chats.findIndex((request) => request.role === 'codebot') < chats.findIndex((request) => request.role === 'designbot'), 'the code is made to pass its tests before the page is changed');

    const green = workflow.outputs.green as { dispatched: AgentOutcome[] };
    assert.deepEqual(green.dispatched.map((outcome) => [outcome.agent, outcome.checkedBy, outcome.tasks]), [
      ['codebot', 'tests', [CODE_TASK]],
      ['designbot', 'own checks', [PAGE_TASK]],
    ]);
    const design = green.dispatched[1];
    for (const rule of ['button-name', 'image-alt', 'label', 'color-contrast', 'layout-overflow']) assert.ok(design.failingBefore?.some((line) => line.includes(`: ${rule} [`)), `the page failed ${rule} before DesignBot: ${design.failingBefore?.join('\n')}`);
    assert.equal(design.evidence?.screenshots.length, 3);
    for (const shot of design.evidence?.screenshots ?? []) {
      for (const file of [shot.before, shot.after, shot.diff]) assert.ok((await stat(file)).size > 0, file);
      assert.ok(shot.differentPixels > 0, `the change shows at ${shot.width} px`);
    }
    inspector = new ChromiumPageInspector({ root: folder, baselines: join(folder, '.imperium', 'check-baselines'), artifacts: join(folder, '.imperium', 'check') });
    assert.deepEqual((await inspector.check('site/checkout.html', [375, 768, 1280])).findings.filter((f) => f.impact === 'serious' || f.impact === 'critical'), [], 'the page passes the checks in a browser of its own');

    const changeReview = chats.find((request) => request.role === 'cto' && JSON.stringify(request.body).includes('# Review of a change'));
    assert.match(JSON.stringify(changeReview?.body), /Screenshot site\/checkout\.html at 375 px: \d+ of \d+ pixels changed/, 'the Board is shown the screenshots');

    const report = await headless.report(id, 30_000);
    assert.deepEqual(report.assignments.map((a) => [a.agent, a.status, a.checkedBy]), [
      ['codebot', 'done', 'tests'],
      ['testbot', 'done', 'tests'],
      ['designbot', 'done', 'own checks'],
    ]);
    assert.equal(report.assignments[2].screenshots?.length, 3);
    assert.deepEqual(report.files.map((file) => file.path).sort(), ['site/checkout.html', 'site/style.css', 'src/cart.js', 'test/discount.test.js']);
    assert.equal(report.tests?.outcome, 'completed');
    assert.deepEqual([report.tests?.summary.passed, report.tests?.summary.failed], [3, 0]);
    const text = workflowReportText(report);
    assert.match(text, /Tasks \(3\), by agent:\n {2}codebot {8}done {5}discount\(cents, percent\)/);
    assert.match(text, /designbot {6}done {5}site\/checkout\.html: names[\s\S]*checked by its own checks: DesignBot's checks pass \(try 1\)[\s\S]*site\/checkout\.html at 375 px: \d+ of \d+ pixels changed; before \S+designbot-before-site_checkout\.html@375\.png/);
    assert.ok(report.usage.some((usage) => usage.agent === 'designbot') && report.usage.some((usage) => usage.agent === 'codebot'), 'one report counts every agent\'s tokens');
    assert.equal(server.remaining(), 0, 'every scripted reply was asked for');
  });
});

function messages(request: RecordedRequest | undefined): { role: string; content: string | null }[] {
  assert.ok(request, 'the agent was asked');
  return (request.body as { messages: { role: string; content: string | null }[] }).messages;
}

function systemPrompt(request: RecordedRequest | undefined): string {
  return messages(request)[0].content ?? '';
}

function taskMessage(request: RecordedRequest | undefined): string {
  return messages(request)[1].content ?? '';
}

/** The tasks an agent's first message lists as its own. */
function ownTasks(message: string): string[] {
  const block = /Your tasks in this workflow:\n((?:- .*\n?)+)/.exec(message);
  assert.ok(block, `no tasks block in: ${message}`);
  return block[1].trim().split('\n').map((line) => line.slice(2));
}
