import * as assert from 'node:assert/strict';
import { CappedOutput } from '../../../../src/infra/testRunners/cappedOutput';

describe('capped output', () => {
  it('keeps everything under the limit', () => {
    const output = new CappedOutput(1000);
    output.append('hello ');
    output.append('world');
    assert.equal(output.text(), 'hello world');
  });

  it('keeps the beginning and the end of a long output and says how much is left out', () => {
    const output = new CappedOutput(400);
    output.append('START');
    for (let i = 0; i < 1000; i++) output.append(`line ${i}\n`);
    output.append('END');
    const text = output.text();
    assert.ok(text.startsWith('START'));
    assert.ok(text.endsWith('line 999\nEND'));
    const omitted = Number(/\[… (\d+) characters of output omitted …\]/.exec(text)?.[1]);
    const total = 'START'.length + [...Array(1000).keys()].reduce((sum, i) => sum + `line ${i}\n`.length, 0) + 'END'.length;
    assert.equal(total - omitted, 400);
  });

  it('refuses a limit too small to keep anything useful', () => {
    assert.throws(() => new CappedOutput(10), /at least 100/);
  });
});
