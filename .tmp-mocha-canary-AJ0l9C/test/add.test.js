const assert = require('node:assert/strict');
const { add } = require('../src/add');
it('adds', () => assert.equal(add(1, 2), 3));
