// `imperium mcp` driven by the official MCP client over stdio: the bookshelf example, on the
// scripted model, from start_workflow to a green suite; no tool can approve, reject or undo.
import * as assert from 'node:assert/strict';
import { builtInModules } from '../../../src/workflows/builtInModules';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { cleanEnvironment, MAIN, REPOSITORY, TSX } from '../cliEndToEnd/imperiumProcess';
import { BOOKSHELF_REQUEST, BOOKSHELF_SCENARIO, copyBookshelf, type BookshelfCopy } from './bookshelfCopy';

const RUN_DEADLINE_MS = 180_000;

function resultOf(result: unknown): { isError: boolean; text: string; value: unknown } {
  const call = result as CallToolResult;
  const text = call.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
  return { isError: call.isError === true, text, value: (call.structuredContent as { result?: unknown } | undefined)?.result };
}

describe('imperium mcp over stdio, with the official MCP client (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  this.slow(30_000);
  let copy: BookshelfCopy;
  let client: Client;
  let stderr = '';

  before(async () => {
    copy = await copyBookshelf();
    const env = Object.fromEntries(Object.entries(cleanEnvironment()).filter((entry): entry is [string, string] => entry[1] !== undefined));
    const transport = new StdioClientTransport({ command: process.execPath, args: ['--import', TSX, MAIN, 'mcp', copy.folder, '--scenario', BOOKSHELF_SCENARIO], cwd: REPOSITORY, env, stderr: 'pipe' });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client({ name: 'imperium-gateway-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    await copy?.remove();
  });

  it('offers the five workflow tools, and none that approves, rejects or undoes', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((tool) => tool.name).sort(), ['cancel_workflow', 'list_workflows', 'start_workflow', 'workflow_report', 'workflow_status']);
    for (const tool of tools) assert.doesNotMatch(`${tool.name} ${JSON.stringify(tool.inputSchema)}`, /approv|reject|undo|decide/i);
    const start = tools.find((tool) => tool.name === 'start_workflow');
    assert.deepEqual(start?.inputSchema.required, ['request']);
  });

  it('lists the built-in modules, the feature module with its phases', async () => {
    const listed = resultOf(await client.callTool({ name: 'list_workflows', arguments: {} }));
    assert.equal(listed.isError, false, listed.text);
    const { modules, workflows } = listed.value as { modules: { id: string; phases: { id: string }[] }[]; workflows: unknown[] };
    assert.deepEqual(modules.map((module) => module.id), builtInModules().list().map((module) => module.id));
    assert.equal(modules[0]?.id, 'feature');
    assert.deepEqual(modules[0]?.phases.map((phase) => phase.id), ['plan', 'red', 'green', 'refactor', 'review']);
    assert.deepEqual(workflows, []);
  });

  it('refuses bad input with a clear error', async () => {
    const empty = resultOf(await client.callTool({ name: 'start_workflow', arguments: { request: '   ' } }));
    assert.equal(empty.isError, true);
    assert.match(empty.text, /request is empty/);
    const unknownModule = resultOf(await client.callTool({ name: 'start_workflow', arguments: { request: 'x', workflow: 'release' } }));
    assert.equal(unknownModule.isError, true);
    assert.match(unknownModule.text, /no workflow module "release"/);
    const missing = resultOf(await client.callTool({ name: 'workflow_status', arguments: { id: 'wf-404' } }));
    assert.equal(missing.isError, true);
    assert.match(missing.text, /no workflow wf-404/);
  });

  it('starts the feature workflow, follows it to the end with progress, and reports a green suite', async () => {
    const started = resultOf(await client.callTool({ name: 'start_workflow', arguments: { request: BOOKSHELF_REQUEST } }));
    assert.equal(started.isError, false, started.text);
    const { id } = started.value as { id: string; workflow: string };
    assert.match(id, /^wf-\d+$/);

    const early = resultOf(await client.callTool({ name: 'workflow_report', arguments: { id } }));
    assert.equal(early.isError, true, 'a report before the end');
    assert.match(early.text, /its report is written once it has ended/);

    const progress: number[] = [];
    const waited = resultOf(
      await client.callTool({ name: 'workflow_status', arguments: { id, waitSeconds: RUN_DEADLINE_MS / 1000 } }, undefined, {
        onprogress: (notification) => progress.push(notification.progress),
        timeout: RUN_DEADLINE_MS,
        resetTimeoutOnProgress: true,
      }),
    );
    assert.equal(waited.isError, false, `${waited.text}\n${stderr}`);
    const status = waited.value as { status: string; phase: string; progress: number };
    assert.equal(status.status, 'COMPLETED', `${waited.text}\n${stderr}`);
    assert.equal(status.phase, 'done');
    assert.equal(status.progress, 1);
    assert.ok(progress.length >= 5, `progress notifications: ${progress.join(', ')}`);
    assert.ok(progress.every((value, index) => index === 0 || value >= (progress[index - 1] ?? 0)), `progress goes forward: ${progress.join(', ')}`);

    const reported = resultOf(await client.callTool({ name: 'workflow_report', arguments: { id } }));
    assert.equal(reported.isError, false, reported.text);
    const { report } = reported.value as { report: { status: string; tests?: { outcome: string; summary: { passed: number; failed: number } }; files: { path: string }[] } };
    assert.equal(report.status, 'COMPLETED');
    assert.equal(report.tests?.outcome, 'completed');
    assert.equal(report.tests.summary.failed, 0);
    assert.ok(report.tests.summary.passed > 0);
    assert.ok(report.files.some((file) => file.path === 'test/citation.test.js'), JSON.stringify(report.files.map((file) => file.path)));

    const suite = copy.runSuite();
    assert.equal(suite.code, 0, suite.output);

    const cancel = resultOf(await client.callTool({ name: 'cancel_workflow', arguments: { id } }));
    assert.equal(cancel.isError, true);
    assert.match(cancel.text, /COMPLETED; it can no longer be canceled/);
  });
});
