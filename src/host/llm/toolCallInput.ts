// Tool-call arguments between our transcript (JSON text, as the model sent it) and vscode.lm (an
// input object). Kept free of 'vscode' so the rules can be read, and tested, on their own.

/**
 * A vscode.lm tool call's input as argument text for the agent loop, which parses and checks it and
 * tells the model precisely what was wrong. Nothing is repaired here: a provider that hands on the
 * model's unparsable text (a string) gets that text through, and an input that is not an object
 * (an array, a number) is serialized as it is, so the loop reports it instead of a tool running
 * with arguments the model never sent.
 */
export function argumentsText(input: unknown): string {
  if (typeof input === 'string') return input;
  // No input at all is a call without arguments, as an empty argument text is on the wire.
  if (input === undefined) return '';
  // The input crossed the extension host's JSON channel, so it always serializes.
  return JSON.stringify(input);
}

/**
 * The input object vscode.lm needs for a tool call already in the transcript. A call whose text is
 * not a JSON object was answered with an error in its tool result (the agent loop saw to that), and
 * vscode.lm can only carry an object: it goes as {}, the error beside it telling the model what it sent.
 */
export function inputObject(argumentText: string): object {
  try {
    const value: unknown = JSON.parse(argumentText);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}
