// Character classes the scanners test once per character: ASCII answered by comparison, the rest by
// Unicode property, so a megabyte of code is read in milliseconds rather than seconds.

const UNICODE_SPACE = /\s/u;
const UNICODE_IDENTIFIER_PART = /\p{ID_Continue}/u;

export function isSpace(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return UNICODE_SPACE.test(char);
}

/** A letter, digit or `_` (`$` too, when `dollar`), in any script. */
export function isIdentifierPart(char: string | undefined, dollar: boolean): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  if (code < 128) return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || (dollar && code === 36);
  return UNICODE_IDENTIFIER_PART.test(char);
}
