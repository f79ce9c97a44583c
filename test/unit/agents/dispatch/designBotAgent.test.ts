// DesignBot as a dispatched agent: what its checks refuse before anything runs (no page to check, a
// page that is not there), each as the end of the workflow with the reason, not a retry.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { designBotAgent } from '../../../../src/agents/dispatch/designBotAgent';
import { TerminalStepError } from '../../../../src/core/orchestrator/stepHandler';
import type { ModelClient } from '../../../../src/core/ports';
import { ChromiumPageInspector } from '../../../../src/infra/browser/chromiumPageInspector';
import { ScriptedTestRunner } from '../scriptedTestRunner';
import { tempWorkspace, type TempWorkspace } from '../tempWorkspace';

// Never asked: the checks refuse before DesignBot would run.
const noModel: ModelClient = { chat: () => Promise.reject(new Error('not asked in these tests')) };

describe('DesignBot as a dispatched agent', () => {
  let temp: TempWorkspace | undefined;
  let inspector: ChromiumPageInspector | undefined;
  afterEach(async () => {
    await inspector?.close();
    await temp?.remove();
  });

  async function agentOver(files: Record<string, string>) {
    temp = await tempWorkspace(files);
    inspector = new ChromiumPageInspector({ root: temp.root, baselines: join(temp.root, '.b'), artifacts: join(temp.root, '.a') });
    return designBotAgent({ model: noModel, workspace: temp.workspace, tests: new ScriptedTestRunner([]), pages: inspector });
  }

  const run = { workflowId: 'wf-1', signal: new AbortController().signal, emit: () => undefined };

  it('ends the workflow when its task names no page and the workspace has none', async () => {
    const agent = await agentOver({ 'src/cart.js': 'module.exports = {};\n' });
    await assert.rejects(agent.checks.before({ request: 'Make the checkout accessible', tasks: ['label the fields'] }, run), (error: unknown) => error instanceof TerminalStepError && /no HTML page to check/.test(error.message));
  });

  it('ends the workflow when its task names a page that is not in the workspace', async () => {
    const agent = await agentOver({ 'site/index.html': '<!doctype html><title>x</title>' });
    await assert.rejects(agent.checks.before({ request: 'r', tasks: ['label the fields on site/checkout.html'] }, run), (error: unknown) => error instanceof TerminalStepError && error.message === "DesignBot's task names site/checkout.html, which is not in the workspace.");
  });
});
