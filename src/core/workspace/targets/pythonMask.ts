// Masks Python: `#` comments and string literals, with their prefixes (r, b, u, f and pairs such as
// rb), single- and triple-quoted. An f-string's replacement fields are masked with the string.
import { isIdentifierPart } from './characters';
import { endOfQuoted, type MaskedSource, MaskWriter } from './maskedSource';

const STRING_PREFIX = /^(?:[rRbBuUfFtT]|[rR][bBfFtT]|[bBfFtT][rR])$/;

export function maskPython(text: string): MaskedSource {
  const out = new MaskWriter(text);
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '#') {
      let end = i;
      while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
      out.comment(i, end);
      i = end;
    } else if (char === "'" || char === '"') {
      i = maskString(out, i, 0);
    } else if (isIdentifierPart(char, false)) {
      let end = i + 1;
      while (isIdentifierPart(text[end], false)) end++;
      const quote = text[end];
      if ((quote === "'" || quote === '"') && STRING_PREFIX.test(text.slice(i, end))) i = maskString(out, i, end - i);
      else i = end;
    } else {
      i++;
    }
  }
  return out.finish();
}

/** Masks the string whose prefix starts at `start` and whose quote follows `prefix` characters later; returns its end. */
function maskString(out: MaskWriter, start: number, prefix: number): number {
  const text = out.text;
  const quoteAt = start + prefix;
  const quote = text[quoteAt];
  const triple = quote.repeat(3);
  if (text.startsWith(triple, quoteAt)) {
    const end = endOfTripleQuoted(text, quoteAt + 3, triple);
    out.string(start, end, prefix + 3, text.endsWith(triple, end) && end - quoteAt >= 6 ? 3 : 0);
    return end;
  }
  const end = endOfQuoted(text, quoteAt, quote);
  out.string(start, end, prefix + 1, end - quoteAt > 1 && text[end - 1] === quote ? 1 : 0);
  return end;
}

function endOfTripleQuoted(text: string, from: number, triple: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text.startsWith(triple, i)) return i + 3;
  }
  return text.length;
}
