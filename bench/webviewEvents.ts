// Engine events as a feature workflow emits them (plan, red, green with a retry, refactor, review,
// with agents, tool calls, test runs with failures, tokens and the Board's verdicts), repeated with
// variations until the count is reached: the load for the webview benchmark.
import type { AgentRole } from '../src/shared/agents';
import type { EngineEvent, EngineEventInput } from '../src/shared/events';
import type { TestCaseResult } from '../src/shared/testResults';

export interface ScriptOptions {
  /** Epoch milliseconds of the first event. */
  readonly startAt: number;
  /** Milliseconds between two events. */
  readonly spacingMs: number;
  /** Tool calls CodeBot makes in the green phase of each workflow (varies by ±50%). */
  readonly greenToolCalls?: number;
}

const FILES = ['src/books.js', 'src/search.js', 'src/authors.js', 'src/index.js', 'src/format.js'];
const TESTS = ['test/search.test.js', 'test/books.test.js'];

export function scriptedEvents(count: number, options: ScriptOptions): EngineEvent[] {
  const events: EngineEvent[] = [];
  let workflowNumber = 0;
  const emit = (event: EngineEventInput) => {
    if (events.length >= count) return;
    const seq = events.length + 1;
    events.push({ ...event, seq, at: options.startAt + events.length * options.spacingMs } as EngineEvent);
  };
  while (events.length < count) {
    workflowNumber++;
    featureWorkflow(`wf-${workflowNumber}`, workflowNumber, options.greenToolCalls ?? 40, emit);
  }
  return events;
}

function featureWorkflow(workflowId: string, n: number, greenToolCalls: number, emit: (event: EngineEventInput) => void): void {
  let task = 0;
  const step = (name: string, retryCount: number, body: (taskId: string) => boolean): boolean => {
    const taskId = `${workflowId}-t${++task}`;
    emit({ type: 'task', workflowId, taskId, step: name, status: 'SCHEDULED', retryCount });
    emit({ type: 'task', workflowId, taskId, step: name, status: 'IN_PROGRESS', retryCount });
    const ok = body(taskId);
    emit({ type: 'task', workflowId, taskId, step: name, status: ok ? 'COMPLETED' : 'FAILED', retryCount, ...(!ok && { reason: 'the tests still fail' }) });
    return ok;
  };
  const agent = (taskId: string, role: AgentRole, message: string, calls: number, tool: (i: number) => { tool: string; path?: string; outcome?: 'ok' | 'error' | 'refused' }) => {
    emit({ type: 'agent', workflowId, taskId, agent: role, state: 'started', message });
    for (let i = 0; i < calls; i++) {
      emit({ type: 'agent', workflowId, taskId, agent: role, state: 'step', step: i + 1 });
      emit({ type: 'tokens', workflowId, taskId, agent: role, model: 'gpt-4.1-mini', usage: { promptTokens: 1_800 + i * 40, completionTokens: 220, totalTokens: 2_020 + i * 40 }, costUsd: 0.0011 });
      const call = tool(i);
      emit({
        type: 'tool',
        workflowId,
        taskId,
        agent: role,
        tool: call.tool,
        ...(call.path && { path: call.path }),
        outcome: call.outcome ?? 'ok',
        durationMs: 5 + ((i * 37) % 400),
        ...(call.outcome === 'refused' && { message: 'test files are locked while green is pending' }),
      });
    }
    emit({ type: 'agent', workflowId, taskId, agent: role, state: 'finished', message: `${message}: done` });
  };
  const tests = (taskId: string, label: string, passed: number, failed: number) => {
    emit({ type: 'test-run', workflowId, taskId, label, state: 'started' });
    const failures: TestCaseResult[] = Array.from({ length: failed }, (_, i) => ({
      id: `${TESTS[0]}::search > finds books by author ${i}`,
      name: `finds books by author ${i}`,
      suite: ['search'],
      file: TESTS[0],
      line: 12 + i * 6,
      status: 'failed',
      message: `AssertionError: expected [] to deeply equal [ { title: 'Dune' } ]`,
      failureLocation: { file: TESTS[0], line: 14 + i * 6, column: 12 },
    }));
    emit({ type: 'test-run', workflowId, taskId, label, state: 'finished', outcome: 'completed', summary: { passed, failed, skipped: 0, total: passed + failed }, failures });
  };
  const board = (subject: 'plan' | 'change', vetoed: boolean) => {
    emit({ type: 'verdict', workflowId, subject, member: 'cto', decision: 'approve', summary: 'Small, tested change; the search stays linear but the list is short.' });
    emit({ type: 'verdict', workflowId, subject, member: 'cso', decision: vetoed ? 'veto' : 'approve', summary: vetoed ? 'The change builds a shell command from user input.' : 'No secrets, no shell, no new dependency.' });
    emit({ type: 'verdict', workflowId, subject, member: 'product-owner', decision: 'approve', summary: 'Meets the acceptance criteria: search by author, case-insensitive.' });
    emit({ type: 'verdict', workflowId, subject, member: 'board', decision: vetoed ? 'vetoed' : 'approved', summary: vetoed ? 'CSO veto' : 'all members approve' });
  };

  const calls = Math.max(1, Math.round(greenToolCalls * (0.5 + ((n * 7) % 10) / 10)));
  const vetoed = n % 9 === 0;
  emit({ type: 'workflow', workflowId, status: 'RUNNING', step: 'plan' });
  step('plan', 0, (taskId) => {
    agent(taskId, 'product-owner', 'Write acceptance criteria for: search the bookshelf by author', 2, () => ({ tool: 'read_file', path: 'README.md' }));
    board('plan', false);
    return true;
  });
  emit({ type: 'workflow', workflowId, status: 'RUNNING', step: 'red' });
  step('red', 0, (taskId) => {
    agent(taskId, 'testbot', 'Write failing tests for search by author', 6, (i) => ({ tool: i % 2 ? 'write_file' : 'read_file', path: i % 2 ? TESTS[0] : FILES[i % FILES.length] }));
    tests(taskId, `${workflowId} red`, 10, 3);
    return true;
  });
  emit({ type: 'workflow', workflowId, status: 'RUNNING', step: 'green' });
  const firstTry = step('green', 0, (taskId) => {
    agent(taskId, 'codebot', 'Make the failing tests pass', calls, (i) => ({ tool: i % 3 ? 'edit_file' : 'run_tests', path: FILES[i % FILES.length], outcome: i === 2 ? 'refused' : 'ok' }));
    tests(taskId, `${workflowId} green`, 12, 1);
    return false;
  });
  if (!firstTry) emit({ type: 'retry', workflowId, what: 'task', attempt: 1, delayMs: 500, reason: 'the tests still fail' });
  step('green', 1, (taskId) => {
    agent(taskId, 'codebot', 'Make the failing tests pass (attempt 2)', Math.ceil(calls / 2), (i) => ({ tool: 'edit_file', path: FILES[i % FILES.length] }));
    tests(taskId, `${workflowId} green`, 13, 0);
    return true;
  });
  emit({ type: 'workflow', workflowId, status: 'RUNNING', step: 'refactor' });
  step('refactor', 0, (taskId) => {
    agent(taskId, 'codebot', 'Refactor without changing behaviour', 4, (i) => ({ tool: 'edit_file', path: FILES[i % FILES.length] }));
    tests(taskId, `${workflowId} refactor`, 13, 0);
    return true;
  });
  emit({ type: 'workflow', workflowId, status: 'RUNNING', step: 'review' });
  step('review', 0, () => {
    board('change', vetoed);
    return !vetoed;
  });
  emit({ type: 'workflow', workflowId, status: vetoed ? 'FAILED' : 'COMPLETED', ...(vetoed && { step: 'review', reason: 'The Board vetoed the change (CSO).' }) });
}
