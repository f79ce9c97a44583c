import * as assert from 'node:assert/strict';
import { handler, handlersOf, useEngines } from './engineTestKit';

// The TDD workflow's loop: review sends the work back to green, a bounded number of times.
const tdd = {
  name: 'tdd',
  version: 1,
  steps: [
    { name: 'red', handler: 'red' },
    { name: 'green', handler: 'green', inputs: { feedback: '${review.output.notes}' } },
    { name: 'review', handler: 'review', goto: { targets: ['green'], maxJumps: 2 } },
  ],
};

/** Review rejects the first `rejections` times it runs; green records the feedback it got. */
function tddHandlers(rejections: number) {
  const feedback: unknown[] = [];
  let reviews = 0;
  const handlers = handlersOf({
    red: handler(async () => ({ output: {} })),
    green: handler(async (input) => {
      feedback.push(input.feedback);
      return { output: {} };
    }),
    review: handler(async () => (++reviews <= rejections ? { output: { notes: `fix ${reviews}` }, goto: 'green' } : { output: { notes: 'approved' } })),
  });
  return { handlers, feedback };
}

describe('embedded engine: goto', () => {
  const engines = useEngines('engine-goto');

  it('sends the workflow back to an earlier step, which sees the later step’s output', async () => {
    const { handlers, feedback } = tddHandlers(2);
    const { engine } = await engines.open(handlers);
    const id = await engine.start(tdd);
    const done = await engine.settled(id);

    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.tasks.map((task) => task.step), ['red', 'green', 'review', 'green', 'review', 'green', 'review']);
    assert.deepEqual(feedback, [undefined, 'fix 1', 'fix 2']);
    assert.deepEqual(done.jumps, { review: 2 });
    assert.equal(done.outputs.review?.notes, 'approved');
  });

  it('fails the workflow when a step goes back more often than its limit', async () => {
    const { handlers } = tddHandlers(10);
    const { engine } = await engines.open(handlers);
    const id = await engine.start(tdd);
    const done = await engine.settled(id);

    assert.equal(done.status, 'FAILED');
    assert.equal(done.reason, '"review" sent the workflow back to "green" more than its limit of 2 time(s)');
    assert.equal(done.tasks.filter((task) => task.step === 'green').length, 3);
    assert.equal(done.tasks.at(-1)?.status, 'COMPLETED', 'the review itself did its job');
  });

  it('fails a step that asks to go somewhere its definition does not allow', async () => {
    const { engine } = await engines.open(handlersOf({ a: handler(async () => ({})), b: handler(async () => ({ goto: 'a' })) }));
    const id = await engine.start({ name: 'w', version: 1, steps: [{ name: 'a', handler: 'a' }, { name: 'b', handler: 'b' }] });
    const done = await engine.settled(id);
    assert.equal(done.status, 'FAILED');
    assert.match(done.reason ?? '', /asked to go back to "a", which is not allowed: its definition declares no goto/);
  });
});
