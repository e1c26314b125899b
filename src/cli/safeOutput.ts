// What the command writes can hold text from the files it reads (an action name, a condition
// value, a file name). A control character written raw to a terminal is a command to it: an escape
// sequence can clear the screen, rewrite the window title or move the cursor over a finding, and a
// carriage return or a bidirectional override can make a line read as something else. Every such
// character is written as a `\uXXXX` escape instead: visible in text, and the same value in JSON
// and SARIF, where it can only occur inside a string. The characters are those every message of
// the extension escapes too (core/untrustedText.ts).
import { visibleText } from '../core/untrustedText';

/** The text with every character a terminal would act on written as an escape. */
export function terminalSafe(text: string): string {
  return visibleText(text);
}

/** A writer that passes on terminalSafe text. */
export function safeWriter(write: (s: string) => void): (s: string) => void {
  return (s) => write(terminalSafe(s));
}
