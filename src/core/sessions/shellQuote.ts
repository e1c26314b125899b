/**
 * Quoting a value for a line people paste into a shell, so that no character of it runs anything:
 * each shell gets the one quoting form whose rules are simple enough to be sure of, and a value
 * that form cannot hold is refused with the variable's name (never its value, which may be secret).
 * The refusal is shown in the editor, so it is in the display language.
 */
import * as l10n from '@vscode/l10n';

export type ShellKind = 'posix' | 'fish' | 'powershell' | 'cmd';

/** What a value holds that its shell's quoting cannot: a control character (its code point), or a character cmd expands. */
type Unquotable = { readonly control: number } | { readonly cmdCharacter: string };

function unquotableText(variable: string, shell: ShellKind, what: Unquotable): string {
  return 'control' in what
    ? l10n.t('{0} cannot be written safely as a {1} line: it contains a control character (U+{2}). Copy the lines for another shell, or use a credential terminal.', variable, SHELL_NAMES[shell], what.control.toString(16).toUpperCase().padStart(4, '0'))
    : l10n.t('{0} cannot be written safely as a {1} line: it contains the character {2}, which cmd expands or uses to end a quote. Copy the lines for another shell, or use a credential terminal.', variable, SHELL_NAMES[shell], what.cmdCharacter);
}

/** A value that cannot be written safely for the shell; the message names the variable and the character, not the value. */
export class UnquotableValue extends Error {
  constructor(readonly variable: string, readonly shell: ShellKind, what: Unquotable) {
    super(unquotableText(variable, shell, what));
    this.name = 'UnquotableValue';
  }
}

/** A shell's name as people know it (`PowerShell`): a name, not words. */
type ShellName = string;

export const SHELL_NAMES: Record<ShellKind, ShellName> = { posix: 'bash/zsh', fish: 'fish', powershell: 'PowerShell', cmd: 'cmd' };

/** Characters PowerShell treats as a single quote: ' and the typographic ‘ ’ ‚ ‛. */
const POWERSHELL_SINGLE_QUOTES = new Set(["'", '\u2018', '\u2019', '\u201a', '\u201b']);

/** The first character that no quoting makes safe to paste: controls (a newline, ESC that could end bracketed paste, NUL...). */
function firstControl(value: string): Unquotable | undefined {
  for (const ch of value) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029) return { control: c };
  }
  return undefined;
}

/** `value` as one word of `shell`, or throws UnquotableValue. */
export function quoteForShell(variable: string, value: string, shell: ShellKind): string {
  const control = firstControl(value);
  if (control) throw new UnquotableValue(variable, shell, control);
  switch (shell) {
    case 'posix':
      // Inside '...' bash and zsh give every character its literal meaning; a ' ends the quote, so it is written '\''.
      return `'${value.split("'").join("'\\''")}'`;
    case 'fish':
      // fish's '...' knows two escapes, \' and \\: both must be escaped, or a final \ would swallow the closing quote.
      return `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
    case 'powershell': {
      // In '...' PowerShell reads any two single-quote characters (typographic ones too) as one, literally.
      let out = "'";
      for (const ch of value) out += POWERSHELL_SINGLE_QUOTES.has(ch) ? ch + ch : ch;
      return `${out}'`;
    }
    case 'cmd': {
      // cmd has no escape inside "...": a " would end the quote, and % (or ! with delayed expansion) expands even there.
      const bad = /["%!^]/.exec(value);
      if (bad) throw new UnquotableValue(variable, shell, { cmdCharacter: bad[0] });
      return value;
    }
  }
}

/** The line that sets `variable` to `value` in `shell`. */
export function setLine(variable: string, value: string, shell: ShellKind): string {
  const q = quoteForShell(variable, value, shell);
  switch (shell) {
    case 'posix': return `export ${variable}=${q}`;
    case 'fish': return `set -gx ${variable} ${q}`;
    case 'powershell': return `$Env:${variable} = ${q}`;
    // set "NAME=value": the quotes keep & | < > literal and leave out trailing blanks.
    case 'cmd': return `set "${variable}=${q}"`;
  }
}

/** The line that removes `variable` from the environment in `shell`. */
export function unsetLine(variable: string, shell: ShellKind): string {
  switch (shell) {
    case 'posix': return `unset ${variable}`;
    case 'fish': return `set -e ${variable}`;
    case 'powershell': return `Remove-Item Env:${variable} -ErrorAction SilentlyContinue`;
    case 'cmd': return `set "${variable}="`;
  }
}
