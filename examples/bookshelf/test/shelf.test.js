'use strict';

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { Shelf } = require('../src/shelf');

test('adds a book with its title trimmed, unread', () => {
  const shelf = new Shelf();
  const book = shelf.add({ title: '  Dune ', author: 'Frank Herbert', year: 1965 });
  assert.deepEqual(book, { title: 'Dune', author: 'Frank Herbert', year: 1965, read: false });
});

test('refuses a book without a title', () => {
  assert.throws(() => new Shelf().add({ author: 'Nobody' }), /needs a title/);
});

test('marks a book read and lists what is left', () => {
  const shelf = new Shelf();
  shelf.add({ title: 'Dune', author: 'Frank Herbert' });
  shelf.add({ title: 'Emma', author: 'Jane Austen' });
  shelf.markRead('Dune');
  assert.deepEqual(shelf.unread().map((b) => b.title), ['Emma']);
});

test('finds books by author', () => {
  const shelf = new Shelf();
  shelf.add({ title: 'Emma', author: 'Jane Austen' });
  shelf.add({ title: 'Persuasion', author: 'Jane Austen' });
  shelf.add({ title: 'Dune', author: 'Frank Herbert' });
  assert.equal(shelf.byAuthor('Jane Austen').length, 2);
});
