/**
 * Values that a policy test's problems put into their sentences, in the display language's words: the
 * JSON syntax error and the lengths of the limits. Policy findings keep their English forms
 * (describeSyntaxCode in src/core/jsonSyntax.ts, describeLength in src/core/policy/limits.ts), since
 * they reproduce IAM Access Analyzer's English.
 */
import * as l10n from '@vscode/l10n';
import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

/** A jsonc-parser error code in words ("comma expected"). */
export function syntaxErrorWords(code: ParseErrorCode): string {
  const name = printParseErrorCode(code);
  switch (name) {
    case 'InvalidSymbol': return l10n.t('unexpected character');
    case 'InvalidNumberFormat': return l10n.t('invalid number');
    case 'PropertyNameExpected': return l10n.t('property name expected');
    case 'ValueExpected': return l10n.t('value expected');
    case 'ColonExpected': return l10n.t('colon expected');
    case 'CommaExpected': return l10n.t('comma expected');
    case 'CloseBraceExpected': return l10n.t('closing brace expected');
    case 'CloseBracketExpected': return l10n.t('closing bracket expected');
    case 'EndOfFileExpected': return l10n.t('end of document expected');
    case 'InvalidCommentToken': return l10n.t('comment not allowed here');
    case 'UnexpectedEndOfString': return l10n.t('unterminated string');
    case 'UnexpectedEndOfComment': return l10n.t('unterminated comment');
    case 'UnexpectedEndOfNumber': return l10n.t('unterminated number');
    case 'InvalidEscapeCharacter': return l10n.t('invalid escape sequence');
    case 'InvalidUnicode': return l10n.t('invalid unicode escape');
    case 'InvalidCharacter': return l10n.t('invalid character in string');
    default: return name;
  }
}

/** A length as describeLength gives it ("10,240 KB", "6,144 characters"). */
export function lengthWords(chars: number): string {
  if (chars >= 1024 * 1024) return l10n.t('{0} MB', (chars / 1024 / 1024).toFixed(1));
  if (chars >= 10 * 1024) return l10n.t('{0} KB', Math.round(chars / 1024).toLocaleString('en-US'));
  return chars === 1 ? l10n.t('{0} character', chars) : l10n.t('{0} characters', chars.toLocaleString('en-US'));
}
