// mocha reports no line for a test; the call that declares it, `it('title', ...)` (or test,
// specify, with .only/.skip, or xit), is found in the file's text instead.

const DECLARING_CALL = String.raw`\b(?:it|test|specify|xit|xspecify)(?:\.only|\.skip)?\s*\(\s*`;

/** The 1-based line of the first call declaring a test with this title, if the file spells it literally. */
export function declarationLine(source: string, title: string): number | undefined {
  const escaped = title.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  const match = new RegExp(`${DECLARING_CALL}(['"\`])${escaped}\\1`).exec(source);
  return match ? source.slice(0, match.index).split('\n').length : undefined;
}
