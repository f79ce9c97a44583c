'use strict';

// Numeral values from the largest down: a number is written by taking the largest that fits, again
// and again.
const NUMERALS = [
  ['M', 1000],
  ['D', 500],
  ['C', 100],
  ['L', 50],
  ['X', 10],
  ['V', 5],
  ['I', 1],
];

/** A whole number from 1 to 3999 in Roman numerals. */
function toRoman(number) {
  if (!Number.isInteger(number) || number < 1 || number > 3999) {
    throw new RangeError(`${number} cannot be written in Roman numerals (1 to 3999 can)`);
  }
  let rest = number;
  let roman = '';
  for (const [numeral, value] of NUMERALS) {
    while (rest >= value) {
      roman += numeral;
      rest -= value;
    }
  }
  return roman;
}

module.exports = { toRoman };
