// The design workflow end to end: the real embedded engine and store, the module's steps healed as
// in production, the real Board and DesignBot through the OpenAI-compatible client against the
// scripted model server, and the real checks in the system's headless Chromium, on a fixture site
// with planted defects. Red must fail, green must pass, review keeps before/after screenshots.
import * as assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { builtinSuperpowers } from '../../../src/superpowers/builtinSuperpowers';
import { Board, type VerdictRecord } from '../../../src/core/board/boardReview';
import { changedFiles } from '../../../src/core/journal/changedFiles';
import { WorkflowMemory } from '../../../src/core/memory/workflowMemory';
import { EmbeddedEngine } from '../../../src/core/orchestrator/embeddedEngine';
import { EventStream } from '../../../src/core/orchestrator/eventStream';
import { StepHandlers } from '../../../src/core/orchestrator/stepHandler';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import type { Logger } from '../../../src/core/ports';
import { ChromiumPageInspector } from '../../../src/infra/browser/chromiumPageInspector';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import type { EngineEvent } from '../../../src/shared/events';
import { designModule } from '../../../src/workflows/design/designModule';
import { LOOKS_RIGHT } from '../../../src/workflows/design/designReviewStep';
import { DEFAULT_WORKFLOW_LIMITS } from '../../../src/shared/workflowLimits';
import { ScriptedTestRunner } from '../agents/scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from '../agents/tempWorkspace';
import { ScriptedApprovals } from '../workflow/scriptedApprovals';
import { countTextTokens } from '../../../src/llm/tokenCount';
import { designChecksOf, pngFilesIn } from '../../../src/host/dashboard/designChecksOf';
import type { WorkflowDescription } from '../../../src/shared/dashboardState';
import { PNG_DATA_URI } from '../../../src/shared/designChecksView';
import { DESCRIPTION, snapshotOf } from '../webview/dashboardFixture';
import { openPage } from '../webview/jsdomPage';
import { TaskAgents } from '../../../src/agents/dispatch/taskAgents';

const fixtures = resolve(__dirname, '..', '..', 'fixtures', 'ui-pages');
// A banner over a gradient: axe cannot decide its contrast ("incomplete"), so a person is asked.
const HERO = '<main>\n    <p class="hero">Fresh tea every week</p>';
const HERO_CSS = '\n.hero { background-image: linear-gradient(90deg, #1b5e20, #33691e); color: #fff; padding: 8px; }\n';
const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const approve = (summary: string) => ({ when: { lastMessageContains: '# Review of a change' }, content: JSON.stringify({ decision: 'approve', summary, findings: [] }) });

describe('the design workflow, end to end', function () {
  this.timeout(300_000);
  let temp: TempWorkspace;
  let state: string;
  let server: ScriptedModelServer | undefined;
  let inspector: ChromiumPageInspector | undefined;
  let store: JsonStore | undefined;
  let engine: EmbeddedEngine | undefined;

  before(async () => {
    const read = (name: string) => readFile(join(fixtures, name), 'utf8');
    temp = await tempWorkspace({
      'site/index.html': (await read('defects/index.html')).replace('<main>', HERO),
      'site/style.css': (await read('defects/style.css')) + HERO_CSS,
      'site/tea.svg': await read('defects/tea.svg'),
    });
    state = await mkdtemp(join(tmpdir(), 'imperium-design-state-'));
  });

  after(async () => {
    await engine?.close();
    await store?.close();
    await inspector?.close();
    await server?.close();
    await temp.remove();
    await rm(state, { recursive: true, force: true });
  });

  it('goes red on the planted defects, green once DesignBot mends the page, asks a person about what axe could not decide, and keeps before/after screenshots for the Board and the report', async () => {
    const mendedHtml = (await readFile(join(fixtures, 'mended/index.html'), 'utf8')).replace('<main>', HERO);
    const mendedCss = (await readFile(join(fixtures, 'mended/style.css'), 'utf8')) + HERO_CSS;
    server = await startScriptedModelServer({
      roles: {
        designbot: [
          { toolCalls: [{ name: 'check_ui', arguments: { page: 'site/index.html' } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'site/index.html', content: mendedHtml } }, { name: 'write_file', arguments: { path: 'site/style.css', content: mendedCss } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Names, alt text, a label, darker text, a table that fits.', changed_files: ['site/index.html', 'site/style.css'], pages: ['site/index.html'] } }] },
        ],
        'product-owner': [
          // The model sees images here: the failing checks' screenshots come with this question.
          { when: { lastMessageContains: 'Screenshots of the failing checks' }, content: '- Give the round button a visible name\n- Let the price table wrap on phones' },
          approve('The page now does what was asked.'),
        ],
        cto: [approve('Small markup and style changes.')],
        cso: [approve('Nothing sensitive.')],
      },
    });
    const clock = new SystemClock();
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 }, timeoutMs: 60_000 });
    store = await JsonStore.open({ folder: state, logger: quiet, debounceMs: 10 });
    const events = await EventStream.open(store.log<EngineEvent>('events'), clock, quiet);
    const board = new Board({ model, audit: store.log<VerdictRecord>('board-verdicts'), clock, events: events.emit });
    inspector = new ChromiumPageInspector({ root: temp.root, baselines: join(temp.root, '.imperium', 'baselines'), artifacts: join(temp.root, '.imperium', 'design') });
    const approvals = new ScriptedApprovals([{ approved: true, choice: LOOKS_RIGHT }]);
    const pages = inspector;
    const module = designModule;
    const handlers = new StepHandlers();
    module.registerSteps(
      handlers,
      { model, workspace: temp.workspace, undo: temp.workspace, tests: new ScriptedTestRunner([]), board, workflowMemory: new WorkflowMemory(store, clock, countTextTokens), agents: new TaskAgents(), pages, approvals, modelSeesImages: true, limits: { ...DEFAULT_WORKFLOW_LIMITS, greenAttempts: 1 }, superpowers: builtinSuperpowers, logger: quiet, clock },
      { clock },
    );
    engine = await EmbeddedEngine.open({ store, handlers, clock, logger: quiet, events });

    const input = module.input({ workflow: 'design', request: 'Make site/index.html usable with a screen reader and let it fit phones.' });
    assert.deepEqual(input.pages, ['site/index.html']);
    const id = await engine.start(module.definition, input);
    const workflow = await engine.settled(id);
    assert.equal(workflow.status, 'COMPLETED', workflow.reason);

    const output = (step: string) => workflow.tasks.filter((task) => task.step === step && task.status === 'COMPLETED').at(-1)?.output as Record<string, unknown>;
    const red = output('red') as { failing: string[]; criteria: string[]; widths: number[]; before: { path: string }[] };
    assert.deepEqual(red.widths, [375, 768, 1280]);
    for (const rule of ['button-name', 'image-alt', 'label', 'color-contrast', 'layout-overflow']) assert.ok(red.failing.some((line) => line.includes(`: ${rule} [`)), `red shows ${rule} failing: ${red.failing.join('\n')}`);
    assert.equal(red.before.length, 3);

    // Vision is advice: the Product Owner saw at most three screenshots of the failing checks, once, in red; DesignBot got its advice.
    const chats = server.requests.filter((request) => request.path === '/v1/chat/completions' && request.role === 'product-owner');
    const images = (request: (typeof chats)[number]) =>
      (request.body as { messages: { content: unknown }[] }).messages.flatMap((message) => (Array.isArray(message.content) ? message.content.filter((part: { type?: string }) => part.type === 'image_url') : [])) as { image_url: { url: string } }[];
    assert.equal(chats.length, 2, 'one question with screenshots, one review');
    assert.ok(images(chats[0]).length >= 1 && images(chats[0]).length <= 3, `screenshots sent: ${images(chats[0]).length}`);
    assert.ok(images(chats[0]).every((part) => part.image_url.url.startsWith('data:image/png;base64,')));
    assert.equal(images(chats[1]).length, 0, 'the review is not sent screenshots');
    assert.deepEqual((output('red') as { visionAdvice?: string[] }).visionAdvice, ['Give the round button a visible name', 'Let the price table wrap on phones']);
    const designTask = (server.requests.find((request) => request.role === 'designbot')?.body as { messages: { content: string }[] }).messages[1].content;
    assert.match(designTask, /advises \(advice, not a gate\):\n- Give the round button a visible name/);

    const green = output('green') as { summary: string; fixed: string[]; review: string[] };
    assert.match(green.summary, /^The checks pass on site\/index\.html at 375, 768, 1280 px \(DesignBot's try 1\)/);
    assert.ok(green.review.some((line) => line.includes('color-contrast on .hero')), `axe could not decide the banner: ${green.review.join('\n')}`);

    assert.equal(approvals.asked.length, 1, 'the undecided items became one approval card');
    assert.match(approvals.asked[0].kind === 'escalation' ? approvals.asked[0].reason : '', /could not decide[\s\S]*color-contrast on \.hero/);

    const review = output('review') as { outcome: string; screenshots: { width: number; before: string; after: string; diff: string; differentPixels: number }[]; person: string };
    assert.equal(review.outcome, 'approved');
    assert.equal(review.person, LOOKS_RIGHT);
    assert.equal(review.screenshots.length, 3);
    for (const shot of review.screenshots) {
      for (const file of [shot.before, shot.after, shot.diff]) assert.ok((await stat(file)).size > 0, file);
      assert.ok(shot.differentPixels > 0, `the change shows at ${shot.width} px`);
    }
    assert.equal((await inspector.check('site/index.html', [375, 768, 1280])).findings.filter((f) => f.impact === 'serious' || f.impact === 'critical').length, 0);

    const report = module.report({ workflow, events: await store.log<EngineEvent>('events').readAll(), verdicts: await store.log<VerdictRecord>('board-verdicts').readAll(), changes: await changedFiles(id, temp.workspace, temp.workspace) });
    assert.equal(report.workflow, 'design');
    assert.deepEqual(report.phases.map((phase) => `${phase.phase} ${phase.status}`), ['red done', 'green done', 'review done']);
    assert.match(report.phases[2].summary ?? '', /site\/index\.html at 375 px: \d+ of \d+ pixels changed \(before .*before-site_index\.html@375\.png, after .*after-site_index\.html@375\.png, diff .*diff-site_index\.html@375\.png\)/);
    assert.deepEqual(report.files.map((file) => file.path).sort(), ['site/index.html', 'site/style.css']);
    assert.equal(report.criteria.length, 3);
    assert.deepEqual(report.verdicts.map((verdict) => verdict.decision), ['approve', 'approve', 'approve']);

    // The command center: the host reads this workflow's checks and screenshots and the card shows them.
    const checks = await designChecksOf(workflow, pngFilesIn(join(temp.root, '.imperium', 'design'), 2 * 1024 * 1024));
    assert.ok(checks);
    assert.equal(checks.findings.length, red.failing.length);
    assert.ok(checks.findings.every((finding) => finding.status === 'fixed'));
    assert.ok(checks.undecided.some((line) => line.includes('color-contrast on .hero')));
    assert.deepEqual(checks.screenshots.map((shot) => shot.width), [375, 768, 1280]);
    for (const shot of checks.screenshots) for (const image of [shot.before, shot.after, shot.diff]) assert.match(image ?? '', PNG_DATA_URI);
    const page = openPage('command-center');
    try {
      page.post(snapshotOf([{ ...(DESCRIPTION as WorkflowDescription), name: 'design', workflowId: id, steps: ['red', 'green', 'review'], phases: module.phases }, { type: 'design-checks', workflowId: id, checks }]));
      page.runFrames();
      assert.equal(page.document.querySelectorAll('.design-shot img').length, 9, 'before, after and diff at three widths');
      assert.match(page.document.querySelector('.design-head')?.textContent ?? '', /^design workflow: \d+ serious or critical findings, \d+ fixed$/);
    } finally {
      page.close();
    }
  });
});
