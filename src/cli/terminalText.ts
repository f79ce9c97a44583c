// Text for a terminal, where model output, file names and test messages are untrusted: control
// characters (escape sequences that clear the screen, move the cursor, paint a fake "APPROVED" or
// hide a link) are shown as visible escapes. Newlines and tabs stay; a lone carriage return, which
// could overwrite the start of a line, does not.

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
