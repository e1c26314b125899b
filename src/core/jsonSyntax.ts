import * as l10n from '@vscode/l10n';
import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

/**
 * A JSON syntax error in words ("comma expected"), from jsonc-parser's error name. These words are
 * STS Lens's own: Access Analyzer's JSON_SYNTAX_ERROR says only "Fix the JSON syntax error at index
 * {{index}} line {{line}} column {{column}}." (its policy check reference), which stays English in the
 * finding, while the words after it, and in policy tests and project files, take the display language.
 */
export function describeSyntaxCode(code: string): string {
  switch (code) {
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
    default: return code;
  }
}

/** A jsonc-parser error code in words. */
export function syntaxErrorText(code: ParseErrorCode): string {
  return describeSyntaxCode(printParseErrorCode(code));
}
