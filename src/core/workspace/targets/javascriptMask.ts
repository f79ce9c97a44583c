// Masks JavaScript and TypeScript (JSX included): line and block comments, quoted strings, template
// literals (their `${…}` code stays code, nested templates included) and regular expression literals.
import { isIdentifierPart, isSpace } from './characters';
import { endOfQuoted, type MaskedSource, MaskWriter } from './maskedSource';

/** After these words a `/` starts a regular expression; after any other word or a number it divides. */
const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);


export function maskJavaScript(text: string): MaskedSource {
  const out = new MaskWriter(text);
  // For each template literal whose `${` is open, the brace depth at which its `}` resumes the template.
  const templates: number[] = [];
  let braces = 0;
  let regexAllowed = true;
  // A shebang line is no JavaScript at all.
  let i = text.startsWith('#!') ? lineEnd(text, 0) : 0;
  out.blankTo(i);
  while (i < text.length) {
    const char = text[i];
    if (char === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = text[i + 1] === '/' ? lineEnd(text, i) : blockCommentEnd(text, i);
      out.comment(i, end);
      i = end;
    } else if (char === "'" || char === '"') {
      const end = endOfQuoted(text, i, char);
      out.string(i, end, 1, end - i > 1 && text[end - 1] === char ? 1 : 0);
      i = end;
      regexAllowed = false;
    } else if (char === '`' || (char === '}' && templates.at(-1) === braces)) {
      if (char === '}') templates.pop();
      const end = templateChunk(text, i);
      if (text.startsWith('${', end - 2)) templates.push(braces);
      out.string(i, end, char === '`' ? 1 : 0, end - i > 1 && text[end - 1] === '`' ? 1 : 0);
      i = end;
      regexAllowed = false;
    } else if (char === '/' && regexAllowed) {
      // A pattern is not a string (its text is no words), so it is blanked without being recorded.
      // With no closing `/` on its line, the `/` divides after all, and another operand follows.
      const end = regexEnd(text, i) ?? i + 1;
      out.keepTo(i + 1);
      out.blankTo(end);
      regexAllowed = end === i + 1;
      i = end;
    } else if (char === '#' || isIdentifierPart(char, true)) {
      let end = i + 1;
      while (isIdentifierPart(text[end], true)) end++;
      regexAllowed = KEYWORDS_BEFORE_EXPRESSION.has(text.slice(i, end));
      i = end;
    } else {
      if (char === '{') braces++;
      else if (char === '}') braces--;
      if (!isSpace(char)) regexAllowed = char !== ')' && char !== ']';
      i++;
    }
  }
  return out.finish();
}

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '\n' || text[i] === '\r') return i;
  return text.length;
}

function blockCommentEnd(text: string, start: number): number {
  const close = text.indexOf('*/', start + 2);
  return close < 0 ? text.length : close + 2;
}

/**
 * From a template's opening backtick, or the `}` that closes one of its `${…}`, to its closing
 * backtick or its next `${` (both included).
 */
function templateChunk(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '`') return i + 1;
    else if (char === '$' && text[i + 1] === '{') return i + 2;
  }
  return text.length;
}

/** The end of a regular expression literal (flags included), or undefined when a line break comes first: then the `/` divides. */
function regexEnd(text: string, start: number): number | undefined {
  let inClass = false;
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') i++;
    else if (char === '\n' || char === '\r') return undefined;
    else if (char === '[') inClass = true;
    else if (char === ']') inClass = false;
    else if (char === '/' && !inClass) {
      let end = i + 1;
      while (end < text.length && /[a-z]/i.test(text[end])) end++;
      return end;
    }
  }
  return undefined;
}
