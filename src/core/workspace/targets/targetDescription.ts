// What a target's description says: the code's own words about the work, for the agents to read.
// A stub: its signature, the doc comment above it, its docstring and the comments in its body.
// A TODO: its text, and the function it sits in or documents.
import { type CommentGroup, groupText } from './commentGroups';
import type { FunctionSpan } from './functionSpan';
import type { MaskedSource, Span } from './maskedSource';
import type { TodoNote } from './todoNotes';

const MAX_SIGNATURE_CHARS = 500;

export function signatureText(source: MaskedSource, fn: FunctionSpan): string {
  const signature = source.text.slice(fn.signature.start, fn.signature.end).replace(/\s+/g, ' ').trim();
  return signature.length <= MAX_SIGNATURE_CHARS ? signature : `${signature.slice(0, MAX_SIGNATURE_CHARS)}…`;
}

export interface StubWords {
  /** The comment group right above the declaration. */
  readonly doc?: CommentGroup;
  /** The string that opens a Python body. */
  readonly docstring?: Span;
  readonly bodyComments: readonly CommentGroup[];
}

export function describeStub(source: MaskedSource, fn: FunctionSpan, words: StubWords): string {
  const parts = [signatureText(source, fn)];
  if (words.doc) parts.push(groupText(words.doc));
  if (words.docstring) parts.push(docstringText(source.text.slice(words.docstring.start, words.docstring.end)));
  parts.push(...words.bodyComments.map(groupText));
  return parts.filter((part) => part !== '').join('\n');
}

/** `about`: the function the note sits in or documents, if any. */
export function describeTodo(source: MaskedSource, note: TodoNote, about: FunctionSpan | undefined): string {
  const text = `${note.tag}: ${note.text}`;
  return about ? `${text}\nIn ${about.name}: ${signatureText(source, about)}` : text;
}

function docstringText(literal: string): string {
  const inside = /^[A-Za-z]*("""|'''|"|')([\s\S]*?)\1?$/.exec(literal)?.[2] ?? literal;
  return inside
    .split(/\r\n|\n|\r/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}
