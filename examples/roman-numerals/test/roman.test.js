'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { toRoman } = require('../src/roman');

describe('toRoman', () => {
  it('writes 1 as I', () => assert.equal(toRoman(1), 'I'));
  it('writes 3 as III', () => assert.equal(toRoman(3), 'III'));
  it('writes 8 as VIII', () => assert.equal(toRoman(8), 'VIII'));
  it('writes 2023 as MMXXIII', () => assert.equal(toRoman(2023), 'MMXXIII'));
  it('writes 4 as IV', () => assert.equal(toRoman(4), 'IV'));
  it('writes 9 as IX', () => assert.equal(toRoman(9), 'IX'));
  it('writes 40 as XL and 90 as XC', () => assert.deepEqual([toRoman(40), toRoman(90)], ['XL', 'XC']));
  it('writes 400 as CD and 900 as CM', () => assert.deepEqual([toRoman(400), toRoman(900)], ['CD', 'CM']));
  it('writes 1994 as MCMXCIV', () => assert.equal(toRoman(1994), 'MCMXCIV'));
  it('refuses 0 and 4000', () => {
    assert.throws(() => toRoman(0), RangeError);
    assert.throws(() => toRoman(4000), RangeError);
  });
});
