// A function or method found in a source file, with the spans the stub check and the description read.
import type { Span } from './maskedSource';

/**
 * - `function`: an empty body means there is work to do.
 * - `constructor`: an empty body is often the point (parameter properties, a private constructor).
 * - `declaration`: the body is not an implementation at all (an abstract method, an overload, a
 *   Protocol member), whatever it holds.
 */
export type FunctionRole = 'function' | 'constructor' | 'declaration';

export interface FunctionSpan {
  /** Qualified by its class when it is a method: `Calendar.nextWorkingDay`. */
  readonly name: string;
  readonly role: FunctionRole;
  /** From its first line (decorators included) to the end of its body. */
  readonly declaration: Span;
  /** As written, from its first keyword or name to where its body starts. */
  readonly signature: Span;
  /** Inside the braces, or after the colon. */
  readonly body: Span;
}

/** Finds a language's functions. */
export interface FunctionFinder {
  /** Every function found by reading the source. */
  scan(): FunctionSpan[];
  /** The function whose name starts at `nameOffset` (where a document symbol says one is), called `name`. */
  at(nameOffset: number, name: string): FunctionSpan | undefined;
}
