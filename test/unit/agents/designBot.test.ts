// DesignBot end to end below the host: the real OpenAI-compatible client over HTTP against the
// scripted model server, a real temp workspace holding the defect fixture, and the real checks in
// the system's headless Chromium. The model's claims are checked: finish is refused while a page fails.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runDesignBot } from '../../../src/agents/designBot';
import { ChromiumPageInspector } from '../../../src/infra/browser/chromiumPageInspector';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import { startScriptedModelServer, type ScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import type { EngineEventInput } from '../../../src/shared/events';
import { ScriptedTestRunner } from './scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from './tempWorkspace';

const fixtures = resolve(__dirname, '..', '..', 'fixtures', 'ui-pages');

describe('DesignBot over the scripted model server, in headless Chromium', function () {
  this.timeout(180_000);
  let temp: TempWorkspace;
  let server: ScriptedModelServer | undefined;
  let inspector: ChromiumPageInspector;

  before(async () => {
    const read = (name: string) => readFile(join(fixtures, name));
    temp = await tempWorkspace({
      'site/index.html': await read('defects/index.html'),
      'site/style.css': await read('defects/style.css'),
      'site/tea.svg': await read('defects/tea.svg'),
      'test/site.test.ts': 'it("is fixed", () => {});\n',
    });
    inspector = new ChromiumPageInspector({ root: temp.root, baselines: join(temp.root, '.imperium', 'baselines'), artifacts: join(temp.root, '.imperium', 'design') });
  });

  after(async () => {
    await server?.close();
    await inspector.close();
    await temp.remove();
  });

  it('checks the page, is refused where it may not go, mends the markup and styles, and may finish only once the checks pass', async () => {
    const mendedHtml = await readFile(join(fixtures, 'mended/index.html'), 'utf8');
    const mendedCss = await readFile(join(fixtures, 'mended/style.css'), 'utf8');
    server = await startScriptedModelServer({
      roles: {
        designbot: [
          { toolCalls: [{ name: 'check_ui', arguments: { page: 'site/index.html' } }, { name: 'render_page', arguments: { page: 'site/index.html', width: 375 } }] },
          { toolCalls: [{ name: 'check_ui', arguments: { page: '../elsewhere.html' } }, { name: 'check_ui', arguments: { page: 'site/style.css' } }, { name: 'compare_screenshot', arguments: { page: 'site/index.html', width: 375 } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'site/index.html', content: mendedHtml } }, { name: 'write_file', arguments: { path: 'test/site.test.ts', content: '' } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Labels and names added.', changed_files: ['site/index.html'], pages: ['site/index.html'] } }] },
          { toolCalls: [{ name: 'write_file', arguments: { path: 'site/style.css', content: mendedCss } }, { name: 'read_accessibility_tree', arguments: { page: 'site/index.html', width: 375 } }] },
          { toolCalls: [{ name: 'compare_screenshot', arguments: { page: 'site/index.html', width: 375 } }] },
          { toolCalls: [{ name: 'finish', arguments: { summary: 'Names, alt text, a label, darker text, a table that fits.', changed_files: ['site/index.html', 'site/style.css'], pages: ['site/index.html'] } }] },
        ],
      },
    });
    const events: EngineEventInput[] = [];
    const model = new OpenAiCompatibleClient({ baseUrl: server.url, models: { default: 'scripted-model' }, retry: { maxRetries: 0 }, timeoutMs: 60_000 });
    const result = await runDesignBot(
      { description: 'Make the order page accessible and fit phones.', acceptanceCriteria: ['site/index.html passes the UI checks at 375, 768 and 1280 px'] },
      { model, workspace: temp.workspace, tests: new ScriptedTestRunner([]), events: (event) => events.push(event), pages: inspector },
      { workflowId: 'wf-design', taskId: 'green' },
    );
    assert.ok(result.outcome === 'finished', result.outcome === 'finished' ? '' : result.reason);
    assert.deepEqual(result.answer.changed_files, ['site/index.html', 'site/style.css']);

    const sent = (turn: number) => {
      const request = server?.requests.filter((recorded) => recorded.role === 'designbot')[turn];
      const messages = (request?.body as { messages: { role: string; content: string }[] }).messages;
      return messages.slice(messages.map((message) => message.role).lastIndexOf('assistant') + 1).map((message) => message.content);
    };
    const [check, render] = sent(1);
    for (const rule of ['button-name', 'image-alt', 'label', 'color-contrast', 'layout-overflow']) assert.match(check, new RegExp(`- FIX ${rule} `), check);
    assert.match(check, /^<data source="check_ui">\nsite\/index\.html at 375, 768, 1280 px: 5 serious or critical problem\(s\)\./);
    assert.match(render, /"Order a box of tea", 616x\d+ px, [^]* it scrolls sideways/);
    const [outside, notHtml, firstShot] = sent(2);
    assert.match(outside, /outside|escape|\.\./i);
    assert.match(notHtml, /not an HTML file/);
    assert.match(firstShot, /no baseline yet; recorded/);
    assert.match(sent(3)[1], /You may not write "test\/site\.test\.ts"/);
    assert.match(sent(4)[0], /^Not finished: site\/index\.html still fails the UI checks: color-contrast on p .*layout-overflow on body > main > table at 375 px/);
    assert.match(sent(5)[1], /textbox "Email"/);
    assert.match(sent(6)[0], /site\/index\.html at 375 px: changed\. the picture was 616x800 px and is 375x800 px\. Diff image: .*site_index\.html@375\.diff\.png/);

    const refusals = events.filter((event) => event.type === 'tool' && event.outcome === 'refused');
    assert.equal(refusals.length, 3, 'outside the root, not HTML, a test file');
    assert.equal(await temp.readFile('test/site.test.ts'), 'it("is fixed", () => {});\n');
    assert.equal((await inspector.check('site/index.html', [375, 768, 1280])).findings.length, 0);
    const tools = (server.requests.find((recorded) => recorded.role === 'designbot')?.body as { tools: { function: { name: string } }[] }).tools.map((tool) => tool.function.name);
    assert.deepEqual(tools, ['list_files', 'read_file', 'search_text', 'write_file', 'edit_file', 'render_page', 'read_accessibility_tree', 'check_ui', 'compare_screenshot', 'finish']);
  });
});
