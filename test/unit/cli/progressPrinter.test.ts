import * as assert from 'node:assert/strict';
import { progressPrinter } from '../../../src/cli/progressPrinter';
import type { EngineEvent } from '../../../src/shared/events';

const PHASES: Record<string, string> = { plan: 'plan', planReview: 'plan', red: 'red' };
const base = { workflowId: 'wf-1', at: 0 };
const task = (step: string, status: 'IN_PROGRESS' | 'FAILED', extra: { retryCount?: number; reason?: string } = {}) =>
  ({ ...base, type: 'task', taskId: `t-${step}`, step, status, retryCount: extra.retryCount ?? 0, ...(extra.reason && { reason: extra.reason }) }) as unknown as EngineEvent;

describe('CLI progress lines', () => {
  it('announces each phase once, by its name, never by its internal steps', () => {
    const print = progressPrinter((_, step) => PHASES[step]);
    const lines = [task('plan', 'IN_PROGRESS'), task('planReview', 'IN_PROGRESS'), task('red', 'IN_PROGRESS'), task('red', 'IN_PROGRESS', { retryCount: 1 })].map(print);
    assert.deepEqual(lines, ['── PLAN', undefined, '── RED', '   trying again (attempt 2)']);
  });

  it('names a failure by its phase, in words', () => {
    const print = progressPrinter((_, step) => PHASES[step]);
    assert.equal(print(task('planReview', 'FAILED', { reason: 'the Board rejected the plan twice\nmore' })), '   plan failed: the Board rejected the plan twice');
  });

  it('does not repeat the request when an agent starts on it, and keeps a note that says something else', () => {
    const print = progressPrinter(() => undefined);
    const started = (message: string) => ({ ...base, type: 'agent', agent: 'testbot', state: 'started', message }) as unknown as EngineEvent;
    assert.equal(print(started('Task: Add Shelf#citation(title): an APA-style citation of a book')), '   testbot starts');
    assert.equal(print(started('turning the request into acceptance criteria')), '   testbot starts: turning the request into acceptance criteria');
  });
});
