// Whether a function is a stub: its body is empty (or only `pass`/`...` in Python, a docstring
// aside), or only throws a not-implemented error, or holds nothing but a TODO. An empty body with
// another comment in it says it is empty on purpose ("nothing to release"), and so does an empty
// constructor; neither is a stub.
import { type CommentGroup, groupText } from './commentGroups';
import type { FunctionSpan } from './functionSpan';
import { type MaskedSource, type Span, spansWithin } from './maskedSource';

export type SourceLanguage = 'javascript' | 'python';

/** Words that mark unfinished code, in a comment or in what a body throws. */
const NOT_DONE = /\b(?:TODO|FIXME)\b|@todo\b|not[\s_-]*(?:yet[\s_-]*)?implemented|unimplemented|implement[\s_-]*me\b/i;

const PYTHON_PLACEHOLDER = /(?<![\w.])(?:pass|\.\.\.)(?![\w.])/g;
const THROWS = { javascript: /^throw\b[^;]*;?$/, python: /^raise\b[^;]*$/ } as const;

/** `comments`: the comment groups inside the body. */
export function isStub(source: MaskedSource, fn: FunctionSpan, comments: readonly CommentGroup[], language: SourceLanguage): boolean {
  if (fn.role === 'declaration') return false;
  let code = codeWithoutStrings(source, fn.body);
  if (language === 'python') code = code.replace(PYTHON_PLACEHOLDER, '');
  code = code.trim();
  if (THROWS[language].test(code)) return NOT_DONE.test(code) || stringsIn(source, fn.body).some((text) => NOT_DONE.test(text));
  if (code.replace(/;/g, '').trim() !== '') return false;
  if (comments.some((group) => NOT_DONE.test(groupText(group)))) return true;
  return fn.role === 'function' && comments.length === 0;
}

/** The masked code of `span` with its string literals blanked too: a docstring or a directive is no statement that does work. */
function codeWithoutStrings(source: MaskedSource, span: Span): string {
  let code = '';
  let at = span.start;
  for (const string of spansWithin(source.strings, span.start, span.end)) {
    code += `${source.code.slice(at, string.start)} `;
    at = Math.min(string.end, span.end);
  }
  return code + source.code.slice(at, span.end);
}

function stringsIn(source: MaskedSource, span: Span): string[] {
  return spansWithin(source.strings, span.start, span.end).map((string) => source.text.slice(string.start, string.end));
}
