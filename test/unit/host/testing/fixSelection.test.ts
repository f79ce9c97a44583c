import * as assert from 'node:assert/strict';
import type { DiscoveredTest } from '../../../../src/core/ports';
import { fixSelection } from '../../../../src/host/testing/fixSelection';

const known: DiscoveredTest[] = [
  { id: 'bowling.spec.js::Bowling > scoring > all zeros', name: 'all zeros', suite: ['Bowling', 'scoring'], file: 'bowling.spec.js' },
  { id: 'bowling.spec.js::Bowling > scoring > a spare', name: 'a spare', suite: ['Bowling', 'scoring'], file: 'bowling.spec.js' },
  { id: 'bowling.spec.js::Bowling > rules > negative rolls', name: 'negative rolls', suite: ['Bowling', 'rules'], file: 'bowling.spec.js' },
];

describe('the Test Explorer selection a fix works on', () => {
  it('names a file as the file and a test by its id', () => {
    assert.deepEqual(
      fixSelection(
        [
          { kind: 'file', file: 'lib/frame.spec.js', titles: [] },
          { kind: 'test', file: 'bowling.spec.js', titles: ['Bowling', 'rules', 'negative rolls'], testId: 'bowling.spec.js::Bowling > rules > negative rolls' },
        ],
        known,
      ),
      ['lib/frame.spec.js', 'bowling.spec.js::Bowling > rules > negative rolls'],
    );
  });

  it('names a suite by the known tests inside it, or by its file when none is known', () => {
    assert.deepEqual(fixSelection([{ kind: 'suite', file: 'bowling.spec.js', titles: ['Bowling', 'scoring'] }], known), [
      'bowling.spec.js::Bowling > scoring > all zeros',
      'bowling.spec.js::Bowling > scoring > a spare',
    ]);
    assert.deepEqual(fixSelection([{ kind: 'suite', file: 'other.spec.js', titles: ['Other'] }], known), ['other.spec.js']);
  });

  it("names nothing for a folder's item, so every failing test of the folder is fixed, and names nothing twice", () => {
    assert.deepEqual(fixSelection('all', known), []);
    const test = { kind: 'test' as const, file: 'bowling.spec.js', titles: ['Bowling', 'scoring', 'a spare'], testId: 'bowling.spec.js::Bowling > scoring > a spare' };
    assert.deepEqual(fixSelection([test, { kind: 'suite', file: 'bowling.spec.js', titles: ['Bowling', 'scoring'] }], known), [
      'bowling.spec.js::Bowling > scoring > a spare',
      'bowling.spec.js::Bowling > scoring > all zeros',
    ]);
  });
});
