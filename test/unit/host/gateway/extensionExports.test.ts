// What another extension gets from `extension.exports`: it can start, follow, read and cancel
// workflows, and it cannot approve, reject or undo. The workflow service needs a running VS Code,
// so a stand-in records what the exports ask of it; the command core and the API are the real ones.
import * as assert from 'node:assert/strict';
import type { ImperiumApi, WorkflowsApi } from '../../../../src/host/api';
import { GatewayCommands } from '../../../../src/gateway/gatewayCommands';
import { ServiceGatewayRuntime } from '../../../../src/host/gateway/serviceGatewayRuntime';
import { buildImperiumApi } from '../../../../src/host/imperiumApi';
import type { WorkflowService } from '../../../../src/host/workflows/workflowService';
import { BUILT_IN_MODULES } from '../../../../src/workflows/builtInModules';
import { FEATURE_WORKFLOW } from '../../../../src/workflows/feature/featureWorkflow';
import type { WorkflowRequest } from '../../../../src/shared/workflowRequest';

interface Asked {
  readonly decided: string[];
  readonly undone: string[];
  readonly started: string[];
  readonly canceled: string[];
}

/** Stands in for the window's WorkflowService (which needs VS Code), recording what it is asked. */
function serviceStandIn(asked: Asked): WorkflowService {
  const now = Date.UTC(2026, 0, 1);
  const snapshot = (id: string, status: string) => ({ id, definition: FEATURE_WORKFLOW, input: { request: 'r' }, status, createdAt: now, updatedAt: now, stepIndex: 0, outputs: {}, jumps: {}, tasks: [] });
  const statuses = new Map<string, string>([['wf-1', 'RUNNING']]);
  const standIn = {
    list: () => [...statuses].map(([id, status]) => ({ id, name: 'feature', version: 1, status, createdAt: now, updatedAt: now })),
    modules: () => BUILT_IN_MODULES,
    start: async (request: WorkflowRequest) => {
      asked.started.push(request.request);
      const id = `wf-${statuses.size + 1}`;
      statuses.set(id, 'RUNNING');
      return id;
    },
    cancel: async (id: string) => {
      asked.canceled.push(id);
      statuses.set(id, 'CANCELED');
    },
    undo: async (id: string) => {
      asked.undone.push(id);
      return { restored: [], deleted: [], skipped: [] };
    },
    approvals: {
      pending: () => [],
      decide: (id: string) => {
        asked.decided.push(id);
        return true;
      },
    },
    runtime: {
      engine: {
        get: async (id: string) => (statuses.has(id) ? snapshot(id, statuses.get(id) as string) : undefined),
        settled: async (id: string) => snapshot(id, statuses.get(id) as string),
        subscribe: () => () => undefined,
      },
      report: async (id: string) => ({ workflowId: id }),
    },
  };
  return standIn as unknown as WorkflowService;
}

function api(testMode: boolean, asked: Asked): ImperiumApi {
  return buildImperiumApi({ version: '1.2.3', activationMs: 5, activationLoadMs: 4, activationBytes: 2048, apiKeyEndpoint: () => 'https://api.example', apiKeyFingerprint: async () => undefined, service: async () => serviceStandIn(asked), commands: async () => new GatewayCommands(new ServiceGatewayRuntime(serviceStandIn(asked))), testMode });
}

/** Every function reachable from the object, by dotted path. */
function functionsOf(value: object, prefix = ''): string[] {
  return Object.entries(value).flatMap(([key, member]) => {
    const path = `${prefix}${key}`;
    if (typeof member === 'function') return [path];
    if (member !== null && typeof member === 'object') return functionsOf(member as object, `${path}.`);
    return [];
  });
}

const GESTURES = /approv|reject|decide|undo|revert|keep/i;

describe("the extension's exports", () => {
  const fresh = (): Asked => ({ decided: [], undone: [], started: [], canceled: [] });

  it('hand another extension no way to approve, reject or undo', async () => {
    const asked = fresh();
    const exports = api(false, asked);
    const workflows = await exports.workflows();
    assert.deepEqual(functionsOf(exports).sort(), ['apiKeyEndpoint', 'apiKeyFingerprint', 'workflows']);
    assert.deepEqual(functionsOf(workflows).sort(), ['cancel', 'list', 'modules', 'onDidEmit', 'report', 'settled', 'start', 'status', 'workflowList']);
    assert.equal(exports.testHooks, undefined);
    for (const name of [...functionsOf(exports), ...functionsOf(workflows)]) assert.doesNotMatch(name, GESTURES);

    // Everything it can call, called: nothing is decided or undone.
    const started = await workflows.start({ request: 'Add a citation.' });
    await workflows.status(started.id);
    await workflows.settled(started.id);
    await workflows.cancel(started.id, 'changed my mind');
    await workflows.report(started.id);
    workflows.onDidEmit(() => undefined).dispose();
    workflows.modules();
    workflows.list();
    workflows.workflowList();
    assert.deepEqual(asked, { decided: [], undone: [], started: ['Add a citation.'], canceled: [started.id] });
  });

  it('cannot be made to approve through what the types let it write', async () => {
    const workflows: WorkflowsApi = await api(false, fresh()).workflows();
    // @ts-expect-error another extension gets no decide()
    assert.equal(workflows.decide, undefined);
    // @ts-expect-error another extension gets no undo()
    assert.equal(workflows.undo, undefined);
    // @ts-expect-error nor pending approvals' ids
    assert.equal(workflows.pendingApprovals, undefined);
  });

  it('validate what another extension sends', async () => {
    const workflows = await api(false, fresh()).workflows();
    await assert.rejects(workflows.start({ request: '' }), { name: 'GatewayError', code: 'invalid-input' });
    await assert.rejects(workflows.start({ request: 'x', workflow: 'release' }), { name: 'GatewayError', code: 'not-found' });
    await assert.rejects(workflows.status('../../etc'), { name: 'GatewayError', code: 'invalid-input' });
    await assert.rejects(workflows.status('wf-99'), { name: 'GatewayError', code: 'not-found' });
    await assert.rejects(workflows.report('wf-1'), { name: 'GatewayError', code: 'conflict' });
  });

  it('carry the test hooks only under the extension test runner, where they do decide', async () => {
    const asked = fresh();
    const { testHooks } = api(true, asked);
    assert.ok(testHooks);
    const hooks = await testHooks();
    assert.equal(hooks.decide('approval-1', { approved: true }), true);
    await hooks.undo('wf-1');
    assert.deepEqual([asked.decided, asked.undone], [['approval-1'], ['wf-1']]);
  });
});
