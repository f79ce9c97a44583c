'use strict';

/**
 * A reading list: books with a title, an author and a year, plus whether they have been read.
 */
class Shelf {
  constructor() {
    this.books = [];
  }

  add(book) {
    if (!book || typeof book.title !== 'string' || book.title.trim() === '') {
      throw new TypeError('a book needs a title');
    }
    const entry = { title: book.title.trim(), author: book.author ?? 'Unknown', year: book.year, read: false };
    this.books.push(entry);
    return entry;
  }

  markRead(title) {
    const book = this.books.find((b) => b.title === title);
    if (!book) throw new Error(`no book titled "${title}"`);
    book.read = true;
    return book;
  }

  byAuthor(author) {
    return this.books.filter((b) => b.author === author);
  }

  unread() {
    return this.books.filter((b) => !b.read);
  }
}

module.exports = { Shelf };
