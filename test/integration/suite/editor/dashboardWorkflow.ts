// A feature workflow (plan, red, green with one retry, refactor, review) whose step handlers are
// test doubles of the agents: each reports the agent, tool, token, test-run and verdict events the
// real ones report, with short pauses, so a real engine runs it as it would run the real one.
import { type StepContext, StepHandlers } from '../../../src/core/orchestrator/stepHandler';
import type { Clock } from '../../../src/core/ports';

/** Test doubles of the agents: each step reports agent, tool, token, test-run and verdict events as the real ones do. */
export function scriptedAgents(clock: Clock): StepHandlers {
  const pause = (ms: number, signal: AbortSignal) => clock.sleep(ms, signal);
  const say = (context: StepContext, events: Parameters<StepContext['emit']>[0][]) => events.forEach((event) => context.emit(event));
  const tokens = (agent: 'codebot' | 'testbot' | 'product-owner' | 'cto' | 'cso', total: number) =>
    ({ type: 'tokens', agent, model: 'gpt-4.1-mini', usage: { promptTokens: total - 300, completionTokens: 300, totalTokens: total }, costUsd: total * 0.0000008 }) as const;
  const failure = (name: string, line: number) => ({
    id: `test/search.test.js::search > ${name}`,
    name,
    suite: ['search'],
    file: 'test/search.test.js',
    line,
    status: 'failed' as const,
    message: "AssertionError: expected [] to deeply equal [ { title: 'Dune', author: 'Frank Herbert' } ]",
    failureLocation: { file: 'test/search.test.js', line: line + 2, column: 12 },
  });
  return new StepHandlers()
    .register('plan', {
      run: async (_input, context) => {
        say(context, [
          { type: 'agent', agent: 'product-owner', state: 'started', message: 'Acceptance criteria for: search the bookshelf by author' },
          tokens('product-owner', 2_400),
          { type: 'agent', agent: 'product-owner', state: 'finished', message: '3 acceptance criteria' },
          { type: 'verdict', subject: 'plan', member: 'cto', decision: 'approve', summary: 'Small and testable; keep the search in src/search.js.' },
          { type: 'verdict', subject: 'plan', member: 'cso', decision: 'approve', summary: 'No new input reaches a shell or the network.' },
          { type: 'verdict', subject: 'plan', member: 'product-owner', decision: 'approve', summary: 'Covers case-insensitive and partial author names.' },
          { type: 'verdict', subject: 'plan', member: 'board', decision: 'approved', summary: 'all members approve' },
        ]);
        await pause(400, context.signal);
      },
    })
    .register('red', {
      run: async (_input, context) => {
        say(context, [
          { type: 'agent', agent: 'testbot', state: 'started', message: 'Write failing tests for search by author' },
          { type: 'tool', agent: 'testbot', tool: 'read_file', path: 'src/books.js', outcome: 'ok', durationMs: 6 },
          tokens('testbot', 5_100),
          { type: 'tool', agent: 'testbot', tool: 'write_file', path: 'test/search.test.js', outcome: 'ok', durationMs: 11 },
          { type: 'tool', agent: 'testbot', tool: 'run_tests', path: 'test/search.test.js', outcome: 'ok', durationMs: 840 },
          { type: 'test-run', label: 'red', state: 'finished', outcome: 'completed', summary: { passed: 9, failed: 3, skipped: 0, total: 12 }, failures: [failure('finds books by author', 14), failure('ignores case', 21), failure('matches part of a name', 28)] },
          { type: 'agent', agent: 'testbot', state: 'finished', message: '3 new tests fail for the right reason' },
        ]);
        await pause(500, context.signal);
      },
    })
    .register('green', {
      run: async (_input, context) => {
        say(context, [
          { type: 'agent', agent: 'codebot', state: 'started', message: 'Make the failing tests pass' },
          { type: 'tool', agent: 'codebot', tool: 'read_file', path: 'src/search.js', outcome: 'ok', durationMs: 5 },
          tokens('codebot', 7_800),
          { type: 'tool', agent: 'codebot', tool: 'edit_file', path: 'test/search.test.js', outcome: 'refused', durationMs: 2, message: 'Test files are locked while green is pending.' },
          { type: 'tool', agent: 'codebot', tool: 'edit_file', path: 'src/search.js', outcome: 'ok', durationMs: 9 },
          tokens('codebot', 6_200),
        ]);
        if (context.retryCount === 0) {
          say(context, [{ type: 'test-run', label: 'green', state: 'finished', outcome: 'completed', summary: { passed: 11, failed: 1, skipped: 0, total: 12 }, failures: [failure('matches part of a name', 28)] }]);
          await pause(500, context.signal);
          throw new Error('1 test still fails: matches part of a name');
        }
        say(context, [
          { type: 'test-run', label: 'green', state: 'finished', outcome: 'completed', summary: { passed: 12, failed: 0, skipped: 0, total: 12 } },
          { type: 'agent', agent: 'codebot', state: 'finished', message: 'All 12 tests pass' },
        ]);
        await pause(700, context.signal);
      },
    })
    .register('refactor', {
      run: async (_input, context) => {
        say(context, [
          { type: 'agent', agent: 'codebot', state: 'started', message: 'Refactor without changing behaviour' },
          { type: 'tool', agent: 'codebot', tool: 'edit_file', path: 'src/search.js', outcome: 'ok', durationMs: 7 },
          tokens('codebot', 4_300),
          { type: 'test-run', label: 'refactor', state: 'finished', outcome: 'completed', summary: { passed: 12, failed: 0, skipped: 0, total: 12 } },
          { type: 'agent', agent: 'codebot', state: 'finished', message: 'Extracted normalizeName(); suite still green' },
        ]);
        await pause(300, context.signal);
      },
    })
    .register('review', {
      run: async (_input, context) => {
        say(context, [
          tokens('cto', 3_000),
          { type: 'verdict', subject: 'change', member: 'cto', decision: 'approve', summary: 'Clear change, tests cover the edge cases.' },
          tokens('cso', 2_600),
          { type: 'verdict', subject: 'change', member: 'cso', decision: 'approve', summary: 'No secrets, no shell, no new dependency.' },
          { type: 'verdict', subject: 'change', member: 'product-owner', decision: 'approve', summary: 'Meets the three acceptance criteria.' },
          { type: 'verdict', subject: 'change', member: 'board', decision: 'approved', summary: 'all members approve' },
        ]);
      },
    });
}

export const FEATURE_WORKFLOW = {
  name: 'feature',
  version: 1,
  steps: [
    { name: 'plan', handler: 'plan' },
    { name: 'red', handler: 'red' },
    { name: 'green', handler: 'green', retry: { retryCount: 1, retryDelayMs: 200 } },
    { name: 'refactor', handler: 'refactor' },
    { name: 'review', handler: 'review' },
  ],
};
