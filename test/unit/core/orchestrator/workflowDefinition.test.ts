import * as assert from 'node:assert/strict';
import { resolveInputs } from '../../../../src/core/orchestrator/inputMapping';
import { retryDelayMs } from '../../../../src/core/orchestrator/retryPolicy';
import { parseWorkflowDefinition, WorkflowDefinitionError } from '../../../../src/core/orchestrator/workflowDefinition';

const step = (name: string, extra: Record<string, unknown> = {}) => ({ name, handler: 'h', ...extra });

function problems(definition: unknown): string {
  try {
    parseWorkflowDefinition(definition);
  } catch (error) {
    assert.ok(error instanceof WorkflowDefinitionError);
    return error.message;
  }
  assert.fail('expected the definition to be refused');
}

describe('workflow definitions', () => {
  it('fills in the defaults of a minimal definition', () => {
    const definition = parseWorkflowDefinition({ name: 'tdd', version: 1, steps: [step('red')] });
    assert.deepEqual(definition.steps[0], { name: 'red', handler: 'h', inputs: {}, retry: { retryCount: 0, retryDelayMs: 0, backoff: 'fixed' } });
  });

  it('keeps what is given', () => {
    const retry = { retryCount: 2, retryDelayMs: 100, backoff: 'exponential', maxDelayMs: 250 };
    const definition = parseWorkflowDefinition({
      name: 'tdd',
      version: 3,
      steps: [step('green', { retry, responseTimeoutMs: 5000, inputs: { tests: '${workflow.input.tests}' } }), step('review', { goto: { targets: ['green'], maxJumps: 2 } })],
    });
    assert.deepEqual(definition.steps[0]?.retry, retry);
    assert.equal(definition.steps[0]?.responseTimeoutMs, 5000);
    assert.deepEqual(definition.steps[1]?.goto, { targets: ['green'], maxJumps: 2 });
  });

  it('names the workflow, the step and the field at fault, listing every problem', () => {
    const message = problems({
      name: 'tdd',
      version: 0,
      steps: [step('red', { retry: { retryCount: -1, backoff: 'linear' } }), step('red', { responseTimeoutMs: 0, colour: 'blue' })],
    });
    assert.match(message, /^Workflow definition "tdd" is invalid:/);
    assert.match(message, /at version/);
    assert.match(message, /at steps\[0\]\.retry\.retryCount/);
    assert.match(message, /at steps\[0\]\.retry\.backoff/);
    assert.match(message, /at steps\[1\]\.responseTimeoutMs/);
    assert.match(message, /Unrecognized key: "colour"/);
  });

  it('refuses duplicate step names', () => {
    assert.match(problems({ name: 'w', version: 1, steps: [step('a'), step('a')] }), /"a" names two steps[\s\S]*at steps\[1\]\.name/);
  });

  it('refuses an empty workflow and a step name that is not a name', () => {
    assert.match(problems({ name: 'w', version: 1, steps: [] }), /at steps/);
    assert.match(problems({ name: 'w', version: 1, steps: [step('has space')] }), /must start with a letter/);
  });

  it('allows goto only back to an earlier step of the same workflow', () => {
    const toLater = problems({ name: 'w', version: 1, steps: [step('a', { goto: { targets: ['b'], maxJumps: 1 } }), step('b')] });
    assert.match(toLater, /"b" is not before "a"; a step may only go back/);
    const toItself = problems({ name: 'w', version: 1, steps: [step('a', { goto: { targets: ['a'], maxJumps: 1 } })] });
    assert.match(toItself, /"a" is not before "a"/);
    const toUnknown = problems({ name: 'w', version: 1, steps: [step('a'), step('b', { goto: { targets: ['zz'], maxJumps: 1 } })] });
    assert.match(toUnknown, /"zz" is not a step of this workflow/);
    assert.match(problems({ name: 'w', version: 1, steps: [step('a'), step('b', { goto: { targets: ['a'], maxJumps: 0 } })] }), /maxJumps/);
  });

  it('refuses input references to unknown steps, malformed references and text mixed with a reference', () => {
    const unknown = problems({ name: 'w', version: 1, steps: [step('a', { inputs: { x: { nested: ['${ghost.output.y}'] } } })] });
    assert.match(unknown, /refers to the output of "ghost", which is not a step of this workflow/);
    assert.match(problems({ name: 'w', version: 1, steps: [step('a', { inputs: { x: '${workflow.output}' } })] }), /must start with "workflow\.input" or "<step name>\.output"/);
    assert.match(problems({ name: 'w', version: 1, steps: [step('a', { inputs: { x: 'Fix ${workflow.input.bug} now' } })] }), /mixes text and a reference/);
    assert.match(problems({ name: 'w', version: 1, steps: [step('a', { inputs: { x: '${a..b}' } })] }), /use dot-separated names/);
  });

  it('allows a step to refer to a later step, whose output exists after a goto', () => {
    const definition = parseWorkflowDefinition({ name: 'w', version: 1, steps: [step('green', { inputs: { feedback: '${review.output.notes}' } }), step('review')] });
    assert.deepEqual(definition.steps[0].inputs, { feedback: '${review.output.notes}' });
  });

  it('refuses what is not a definition at all', () => {
    assert.match(problems(null), /Workflow definition \(unnamed\) is invalid/);
    assert.match(problems('tdd'), /expected object/);
  });
});

describe('input mapping', () => {
  const scope = { workflowInput: { request: 'add login', tags: ['a', 'b'] }, outputs: { red: { tests: { files: ['t1.ts'] } } } };

  it('resolves whole-value references at any depth, and leaves literals alone', () => {
    const input = resolveInputs(
      { request: '${workflow.input.request}', first: '${red.output.tests.files.0}', all: '${workflow.input}', list: ['${workflow.input.tags.1}', 'plain'], n: 3, flag: null },
      scope,
    );
    assert.deepEqual(input, { request: 'add login', first: 't1.ts', all: scope.workflowInput, list: ['b', 'plain'], n: 3, flag: null });
  });

  it('resolves what does not exist (yet) to undefined', () => {
    assert.deepEqual(resolveInputs({ a: '${review.output.notes}', b: '${workflow.input.request.deeper}' }, scope), { a: undefined, b: undefined });
  });
});

describe('retry delays', () => {
  it('waits the same time before each retry with fixed backoff', () => {
    const policy = { retryCount: 3, retryDelayMs: 50, backoff: 'fixed' as const };
    assert.deepEqual([1, 2, 3].map((retry) => retryDelayMs(policy, retry)), [50, 50, 50]);
  });

  it('doubles the delay with exponential backoff, up to the maximum', () => {
    const policy = { retryCount: 5, retryDelayMs: 100, backoff: 'exponential' as const, maxDelayMs: 500 };
    assert.deepEqual([1, 2, 3, 4, 5].map((retry) => retryDelayMs(policy, retry)), [100, 200, 400, 500, 500]);
  });
});
