// What the command writes can hold text from the files it reads (an action name, a condition
// value, a file name). A control character written raw to a terminal is a command to it: an escape
// sequence can clear the screen, rewrite the window title or move the cursor over a finding, and a
// carriage return or a bidirectional override can make a line read as something else. Every such
// character is written as a `\uXXXX` escape instead: visible in text, and the same value in JSON
// and SARIF, where it can only occur inside a string.

/**
 * C0 controls but tab and line feed, DEL, C1 controls (U+009B is a one-character escape sequence on
 * many terminals), the line and paragraph separators, and the bidirectional marks and overrides.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** The text with every character a terminal would act on written as an escape. */
export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text) ? text.replace(UNSAFE, escape) : text;
}

/** A writer that passes on terminalSafe text. */
export function safeWriter(write: (s: string) => void): (s: string) => void {
  return (s) => write(terminalSafe(s));
}
