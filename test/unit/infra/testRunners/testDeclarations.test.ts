import * as assert from 'node:assert/strict';
import { declarationLine } from '../../../../src/infra/testRunners/testDeclarations';

describe('test declaration lines', () => {
  const source = ["describe('math (basic)', () => {", '  it.skip("adds (1 + 1)", () => {});', '', '  test(', "    'multiplies',", '    () => {},', '  );', "  const note = 'divides';", '});'].join('\n');

  it('finds the line of the call that declares a test, with any quotes and spacing', () => {
    assert.equal(declarationLine(source, 'adds (1 + 1)'), 2);
    assert.equal(declarationLine(source, 'multiplies'), 4);
  });

  it('finds nothing for a title that only appears outside a test call, or not at all', () => {
    assert.equal(declarationLine(source, 'divides'), undefined);
    assert.equal(declarationLine(source, 'math (basic)'), undefined);
    assert.equal(declarationLine(source, 'absent'), undefined);
  });
});
