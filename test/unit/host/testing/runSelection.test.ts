import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import { expectedTests, selectionFor } from '../../../../src/host/testing/runSelection';
import { nodePath } from '../../../../src/host/testing/testTree';

const test = (file: string, suite: string[], name: string): DiscoveredTest => ({ id: `${file}::${[...suite, name].join(' > ')}`, file, suite, name });

const adds = test('test/calc.test.js', ['calc'], 'adds');
const subtracts = test('test/calc.test.js', ['calc'], 'subtracts');
const trims = test('test/text.test.js', [], 'trims');
const known = [adds, subtracts, trims];
const [calcFile, calcSuite, addsNode] = nodePath(adds);
const [textFile, trimsNode] = nodePath(trims);
const subtractsNode = nodePath(subtracts)[2];

describe('run selection', () => {
  it('runs the whole suite when nothing is named', () => {
    assert.deepEqual(selectionFor({ exclude: [] }, known), {});
  });

  it('runs whole files by name, so tests not listed yet run too', () => {
    assert.deepEqual(selectionFor({ include: [calcFile, textFile, calcFile], exclude: [] }, known), { files: ['test/calc.test.js', 'test/text.test.js'] });
  });

  it('runs single tests by id, known or not', () => {
    const unlisted = 'test/new.test.js::counts';
    assert.deepEqual(selectionFor({ include: [addsNode, { kind: 'test', file: 'test/new.test.js', titles: ['counts'], testId: unlisted }], exclude: [] }, known), {
      testIds: [adds.id, unlisted],
    });
  });

  it('runs a suite as the ids of the tests in it', () => {
    assert.deepEqual(selectionFor({ include: [calcSuite], exclude: [] }, known), { testIds: [adds.id, subtracts.id] });
  });

  it('runs a mix of files and tests as ids, since a selection\'s files and ids narrow each other', () => {
    assert.deepEqual(selectionFor({ include: [textFile, addsNode], exclude: [] }, known), { testIds: [adds.id, trims.id] });
  });

  it('leaves out what is excluded, from the named nodes or from the whole suite', () => {
    assert.deepEqual(selectionFor({ include: [calcFile], exclude: [subtractsNode] }, known), { testIds: [adds.id] });
    assert.deepEqual(selectionFor({ exclude: [calcSuite] }, known), { testIds: [trims.id] });
  });

  it('runs nothing when the exclusions cover everything named', () => {
    assert.equal(selectionFor({ include: [trimsNode], exclude: [textFile] }, known), undefined);
  });

  it('expects the known tests a selection covers, and the named tests not known yet', () => {
    assert.deepEqual(expectedTests({}, known), known);
    assert.deepEqual(expectedTests({ files: ['./test/calc.test.js'] }, known), [adds, subtracts]);
    assert.deepEqual(expectedTests({ testIds: [trims.id, 'test/new.test.js::cart > counts', 'not an id'] }, known), [
      trims,
      { id: 'test/new.test.js::cart > counts', file: 'test/new.test.js', name: 'counts', suite: ['cart'] },
    ]);
  });
});
