// A feature workflow (plan, red, green with one retry, refactor, review) whose step handlers are
// test doubles of the agents: each reports the agent, tool, token, test-run and verdict events the
// real ones report, with short pauses, so a real engine runs it as it would run the real one. Two
// more for the views' controls: one whose first step waits for the test's word (to pause it while
// it runs), and one whose edits wait for the user's approval, as in the review mode "always".
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';
import { type StepContext, StepHandlers } from '../../../../src/core/orchestrator/stepHandler';
import type { Clock } from '../../../../src/core/ports';

/** Holds the step that waits on it until the test opens it; opening it again does nothing. */
export class Gate {
  private openGate!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.openGate = resolve));

  open(): void {
    this.openGate();
  }

  /** Resolves when open, or rejects when the step is aborted first. */
  wait(signal: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      void this.opened.then(resolve);
    });
  }
}

export interface ScriptedAgentsOptions {
  readonly clock: Clock;
  /** What the edits of the `reviewed-edits` step wait for. */
  readonly approvals: PendingApprovals;
  /** The workspace folder the reviewed edits write to. */
  readonly root: string;
  /** The step `held` waits on it. */
  readonly gate: () => Gate;
}

/** The edits the `reviewed-edits` step proposes to math.js, in turn. */
export const REVIEWED_EDITS = [
  { name: 'subtract', code: '\nfunction subtract(a, b) {\n  return a - b;\n}\n' },
  { name: 'multiply', code: '\nfunction multiply(a, b) {\n  return a * b;\n}\n' },
] as const;

/** Test doubles of the agents: each step reports agent, tool, token, test-run and verdict events as the real ones do. */
export function scriptedAgents({ clock, approvals, root, gate }: ScriptedAgentsOptions): StepHandlers {
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
    })
    .register('held', {
      run: async (_input, context) => {
        say(context, [{ type: 'agent', agent: 'product-owner', state: 'started', message: 'Acceptance criteria for: show the author next to each title' }]);
        await gate().wait(context.signal);
        say(context, [{ type: 'agent', agent: 'product-owner', state: 'finished', message: '2 acceptance criteria' }]);
      },
    })
    .register('reviewed-edits', {
      // As CodeBot's writes behind the review gate: each edit is asked for, and written only when approved.
      run: async (_input, context) => {
        say(context, [{ type: 'agent', agent: 'codebot', state: 'started', message: 'Add subtract and multiply to math.js' }]);
        for (const edit of REVIEWED_EDITS) {
          const path = 'math.js';
          const before = await readFile(join(root, path), 'utf8');
          const after = before.replace(/\nmodule\.exports = \{ (.*) \};\n$/, (_line, names: string) => `${edit.code}\nmodule.exports = { ${names}, ${edit.name} };\n`);
          const decision = await approvals.request({ kind: 'edit', workflowId: context.workflowId, path, before, after }, context.signal);
          if (decision.approved) await writeFile(join(root, path), after);
          say(context, [{ type: 'tool', agent: 'codebot', tool: 'edit_file', path, outcome: decision.approved ? 'ok' : 'refused', durationMs: 3, message: decision.approved ? `added ${edit.name}` : `the user rejected ${edit.name}` }]);
        }
        say(context, [{ type: 'agent', agent: 'codebot', state: 'finished', message: 'Done with the edits the user approved' }]);
      },
    });
}

/** Plan waits for the test's word, then red. */
export const HELD_WORKFLOW = {
  name: 'held',
  version: 1,
  steps: [
    { name: 'plan', handler: 'held' },
    { name: 'red', handler: 'red' },
  ],
};

export const REVIEWED_WORKFLOW = { name: 'reviewed edits', version: 1, steps: [{ name: 'green', handler: 'reviewed-edits' }] };

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
