// The registry planned tasks are dispatched through, and the plan's agent tags it reads.
import * as assert from 'node:assert/strict';
import type { SelfCheckedAgent, TestCheckedAgent } from '../../../../src/agents/dispatch/taskAgent';
import { TaskAgentRegistrationError, TaskAgents, UnknownTaskAgentError } from '../../../../src/agents/dispatch/taskAgents';
import { TEST_BOT_AGENT } from '../../../../src/agents/dispatch/testBotAgent';
import { parsePlan } from '../../../../src/superpowers/planning/plan';
import { plannedTasksOf } from '../../../../src/superpowers/planning/plannedTask';

const unused = async (): Promise<never> => {
  throw new Error('not run in these tests');
};
const codeBot: TestCheckedAgent = { id: 'codebot', title: 'CodeBot', handles: 'writes the code.', kind: 'test-checked', attempt: unused };
const integrationBot: TestCheckedAgent = { id: 'integrationbot', title: 'IntegrationBot', handles: 'wires APIs.', kind: 'test-checked', attempt: unused };
const designBot: SelfCheckedAgent = {
  id: 'designbot',
  title: 'DesignBot',
  handles: 'changes pages.',
  kind: 'self-checked',
  attempt: unused,
  checks: { before: unused, failing: unused, evidence: unused },
};

describe('the agents planned tasks are dispatched to', () => {
  it('tells the Product Owner each registered agent and what it handles, in registration order', () => {
    const agents = new TaskAgents([codeBot, TEST_BOT_AGENT, designBot]);
    assert.deepEqual(agents.ids(), ['codebot', 'testbot', 'designbot']);
    const guide = agents.guide().split('\n');
    assert.equal(guide.length, 3);
    assert.equal(guide[0], '- "codebot" (CodeBot): writes the code.');
    assert.match(guide[2], /^- "designbot" \(DesignBot\): changes pages\.$/);
  });

  it('refuses an agent registered twice, a Board member, and one without a title or a sentence of what it handles', () => {
    const agents = new TaskAgents([codeBot]);
    assert.throws(() => agents.register(codeBot), TaskAgentRegistrationError);
    assert.throws(() => agents.register({ ...integrationBot, id: 'cso' }), /sits on the Board/);
    assert.throws(() => agents.register({ ...integrationBot, handles: ' ' }), /needs a title and a sentence/);
    assert.deepEqual(agents.ids(), ['codebot'], 'nothing refused was registered');
  });

  it('splits a plan by agent: TestBot\'s tasks for red, test-checked and self-checked agents in the order the plan first names them', () => {
    const agents = new TaskAgents([codeBot, TEST_BOT_AGENT, designBot, integrationBot]);
    const dispatch = agents.dispatch([
      { task: 'style the form in site/checkout.html', agent: 'designbot' },
      { task: 'discount() in src/cart.js', agent: 'codebot' },
      { task: 'a test for an empty cart', agent: 'testbot' },
      { task: 'call the payment API', agent: 'integrationbot' },
      { task: 'round the total', agent: 'codebot' },
    ]);
    assert.deepEqual(dispatch.testWriting, ['a test for an empty cart']);
    assert.deepEqual(
      dispatch.testChecked.map(({ agent, tasks }) => [agent.id, tasks]),
      [
        ['codebot', ['discount() in src/cart.js', 'round the total']],
        ['integrationbot', ['call the payment API']],
      ],
    );
    assert.deepEqual(
      dispatch.selfChecked.map(({ agent, tasks }) => [agent.id, tasks]),
      [['designbot', ['style the form in site/checkout.html']]],
    );
  });

  it('gives the tests written first to CodeBot when the plan gives no task to a test-checked agent, and to no one else', () => {
    const agents = new TaskAgents([codeBot, TEST_BOT_AGENT, designBot, integrationBot]);
    assert.deepEqual(
      agents.dispatch([]).testChecked.map(({ agent, tasks }) => [agent.id, tasks]),
      [['codebot', []]],
    );
    const onlyIntegration = agents.dispatch([{ task: 'call the payment API', agent: 'integrationbot' }]);
    assert.deepEqual(onlyIntegration.testChecked.map(({ agent }) => agent.id), ['integrationbot']);
    assert.throws(() => new TaskAgents([designBot]).dispatch([]), /No test-checked agent is registered/);
  });

  it('refuses to dispatch a task to an agent that is not registered, naming those that are', () => {
    const agents = new TaskAgents([codeBot, TEST_BOT_AGENT]);
    assert.throws(
      () => agents.dispatch([{ task: 'style the page', agent: 'designbot' }]),
      (error: unknown) => error instanceof UnknownTaskAgentError && error.message === 'No agent "designbot" is registered; the agents are: codebot, testbot.',
    );
    assert.throws(() => agents.get('integrationbot'), UnknownTaskAgentError);
  });
});

describe('a plan\'s tasks tagged with their agents', () => {
  it('reads tagged tasks, and a plain string as CodeBot\'s', () => {
    const plan = parsePlan(JSON.stringify({ criteria: ['total() sums the prices'], tasks: [{ task: 'total() in src/cart.js', agent: 'codebot' }, { task: 'label the e-mail field in site/checkout.html', agent: 'DesignBot' }, 'a plain task'] }), ['codebot', 'designbot']);
    assert.notEqual(typeof plan, 'string', String(plan));
    assert.deepEqual(typeof plan === 'string' ? [] : plan.tasks, [
      { task: 'total() in src/cart.js', agent: 'codebot' },
      { task: 'label the e-mail field in site/checkout.html', agent: 'designbot' },
      { task: 'a plain task', agent: 'codebot' },
    ]);
  });

  it('says which task names an agent that is not one, or not one of those registered', () => {
    assert.equal(parsePlan(JSON.stringify({ criteria: ['x'], tasks: [{ task: 'paint', agent: 'painterbot' }] })), 'tasks.0: "painterbot" is not an agent');
    assert.equal(
      parsePlan(JSON.stringify({ criteria: ['x'], tasks: ['code it', { task: 'style it', agent: 'designbot' }] }), ['codebot', 'testbot']),
      'tasks.1.agent: "designbot" is not one of the agents (codebot, testbot)',
    );
    assert.match(String(parsePlan(JSON.stringify({ criteria: ['x'], tasks: [{ task: 'code it', agent: 'codebot', extra: 1 }] }))), /^tasks\.0/);
  });

  it('reads a stored plan\'s tasks back, old untagged ones included', () => {
    assert.deepEqual(plannedTasksOf(undefined), []);
    assert.deepEqual(plannedTasksOf(['Shelf#size in src/shelf.js']), [{ task: 'Shelf#size in src/shelf.js', agent: 'codebot' }]);
    assert.deepEqual(plannedTasksOf([{ task: 'a page', agent: 'designbot' }]), [{ task: 'a page', agent: 'designbot' }]);
    assert.throws(() => plannedTasksOf([{ task: '', agent: 'codebot' }]));
  });
});
