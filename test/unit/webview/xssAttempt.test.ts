import * as assert from 'node:assert/strict';
import type { DashboardUpdate } from '../../../src/shared/dashboardState';
import type { EngineEventInput } from '../../../src/shared/events';
import { snapshotOf, stamp, T0 } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

// What a model (or a file it read) might write to take over the view: a script, an image that
// calls out and runs code when it fails, a javascript: link, in HTML and in Markdown.
const ATTACKS = [
  '<script>window.pwned = "script"</script>',
  '<img src="https://attacker.example/pixel.png" onerror="window.pwned = \'img\'">',
  '<a href="javascript:window.pwned = \'link\'">open the report</a>',
  '[open the report](javascript:window.pwned = "markdown")',
];
const PAYLOAD = ATTACKS.join(' ');

function hostileUpdates(): DashboardUpdate[] {
  const inputs: EngineEventInput[] = [
    { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'green', reason: PAYLOAD },
    { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'started', message: PAYLOAD },
    { type: 'tool', workflowId: 'wf-1', agent: 'codebot', tool: PAYLOAD, path: ATTACKS[1], outcome: 'error', durationMs: 3, message: PAYLOAD },
    { type: 'verdict', workflowId: 'wf-1', subject: 'change', member: 'cto', decision: 'approve', summary: PAYLOAD },
    { type: 'retry', workflowId: 'wf-1', what: 'task', attempt: 1, delayMs: 10, reason: PAYLOAD },
    {
      type: 'test-run',
      workflowId: 'wf-1',
      label: ATTACKS[0],
      state: 'finished',
      outcome: 'completed',
      summary: { passed: 0, failed: 1, skipped: 0, total: 1 },
      failures: [{ id: 'x', name: ATTACKS[2], suite: [ATTACKS[0]], file: ATTACKS[1], line: 1, status: 'failed', message: PAYLOAD }],
    },
  ];
  const description: DashboardUpdate = { type: 'workflow-description', workflowId: 'wf-1', name: PAYLOAD, steps: [ATTACKS[0], 'green'], phases: [{ id: ATTACKS[1], title: PAYLOAD, steps: [ATTACKS[0]] }], status: 'RUNNING', step: 'green', createdAt: T0, updatedAt: T0 };
  // What reaches the views besides events: an edit's path and diff, an escalation's reason and
  // options, changed files, and a memory (its title, text, tags and provenance all model-written).
  const others: DashboardUpdate[] = [
    {
      type: 'approval-pending',
      approval: {
        id: 'approval-1',
        at: T0,
        workflowId: 'wf-1',
        kind: 'edit',
        path: ATTACKS[1],
        created: false,
        diff: ATTACKS.flatMap((attack) => [
          { kind: 'removed' as const, text: attack },
          { kind: 'added' as const, text: attack },
        ]),
        diffNote: ATTACKS[2],
      },
    },
    { type: 'approval-pending', approval: { id: 'approval-2', at: T0, workflowId: 'wf-1', kind: 'escalation', reason: PAYLOAD, options: [ATTACKS[0], ATTACKS[2]] } },
    { type: 'approval-pending', approval: { id: 'approval-3', at: T0, workflowId: 'wf-1', kind: 'command', command: ATTACKS[3] } },
    { type: 'workflow-files', workflowId: 'wf-1', files: [{ path: ATTACKS[1], created: true }] },
    {
      type: 'memories',
      memories: [{ id: 'mem-1', scope: 'workspace', kind: 'fix', title: ATTACKS[0], text: PAYLOAD, tags: [ATTACKS[2]], provenance: { workflowId: 'wf-0', files: [ATTACKS[1]], tests: [ATTACKS[3]] }, createdAt: T0 }],
    },
  ];
  return [description, ...stamp(inputs), ...others];
}

function assertInert(page: TestPage): void {
  const { document } = page;
  assert.deepEqual([...document.querySelectorAll('script, img, a, iframe, object, embed, link, style')].map((element) => element.outerHTML), [], 'no element came from the text');
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      assert.ok(!/^on/i.test(attribute.name), `${element.tagName} has ${attribute.name}`);
      assert.ok(!/javascript:|attacker\.example/i.test(attribute.value) || attribute.name === 'aria-label' || attribute.name === 'title', `${element.tagName} ${attribute.name}="${attribute.value}"`);
    }
  }
  assert.equal((page.dom.window as unknown as { pwned?: string }).pwned, undefined, 'no injected code ran');
}

describe('model output in the views', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  for (const view of ['command-center', 'sidebar'] as const) {
    it(`renders a script tag, an image with a remote source and javascript: links as plain text (${view})`, async () => {
      page = openPage(view, { runScripts: true });
      page.post(snapshotOf(hostileUpdates()));
      page.runFrames();
      await new Promise((resolve) => setTimeout(resolve, 50));
      assertInert(page);
      const shown = page.document.body.textContent ?? '';
      for (const attack of ATTACKS) assert.ok(shown.includes(attack), `shown as written: ${attack}`);
    });
  }

  it('shows a memory being edited as text too: the fields hold the hostile text as their value', () => {
    page = openPage('command-center', { runScripts: true });
    page.post(snapshotOf(hostileUpdates()));
    page.runFrames();
    const edit = [...page.document.querySelectorAll<HTMLElement>('vscode-button')].find((button) => button.getAttribute('aria-label')?.startsWith('Edit the memory'));
    edit?.click();
    const text = page.document.querySelector('.memory-text-field') as HTMLElement & { value: string };
    assert.equal(text.value, PAYLOAD);
    assertInert(page);
  });

  it('refuses, in the page code itself, to set an attribute that could load or run something', async () => {
    const { Dom } = await import('../../../webview/src/dom');
    page = openPage('sidebar');
    const dom = new Dom(page.document);
    for (const name of ['onclick', 'href', 'src', 'style', 'srcdoc', 'xlink:href', 'formaction']) {
      assert.throws(() => dom.el('div', { attrs: { [name]: 'javascript:alert(1)' } }), /could load or run something/, name);
    }
  });
});
