import { printParseErrorCode, type ParseErrorCode } from 'jsonc-parser';

const WORDS: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'property name expected',
  ValueExpected: 'value expected',
  ColonExpected: 'colon expected',
  CommaExpected: 'comma expected',
  CloseBraceExpected: 'closing brace expected',
  CloseBracketExpected: 'closing bracket expected',
  EndOfFileExpected: 'end of document expected',
  InvalidCommentToken: 'comment not allowed here',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfComment: 'unterminated comment',
  UnexpectedEndOfNumber: 'unterminated number',
  InvalidEscapeCharacter: 'invalid escape sequence',
  InvalidUnicode: 'invalid unicode escape',
  InvalidCharacter: 'invalid character in string',
};

/** A JSON syntax error in words ("comma expected"), from jsonc-parser's error name. */
export function describeSyntaxCode(code: string): string {
  return WORDS[code] ?? code;
}

/** A jsonc-parser error code in words. */
export function syntaxErrorText(code: ParseErrorCode): string {
  return describeSyntaxCode(printParseErrorCode(code));
}
