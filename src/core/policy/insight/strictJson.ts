import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * Blanks out comments and trailing commas (keeping line breaks), so a JSONC document becomes JSON
 * that Access Analyzer accepts and every offset in it stays the same.
 */
export function toStrictJson(text: string): string {
  const chars = text.split('');
  const blank = (offset: number, length: number): void => {
    for (let i = offset; i < offset + length; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  const scanner = createScanner(text, false);
  let lastComma = -1;
  for (let t = scanner.scan(); t !== SyntaxKind.EOF; t = scanner.scan()) {
    switch (t) {
      case SyntaxKind.LineCommentTrivia:
      case SyntaxKind.BlockCommentTrivia:
        blank(scanner.getTokenOffset(), scanner.getTokenLength());
        break;
      case SyntaxKind.Trivia:
      case SyntaxKind.LineBreakTrivia:
        break;
      case SyntaxKind.CommaToken:
        lastComma = scanner.getTokenOffset();
        break;
      case SyntaxKind.CloseBraceToken:
      case SyntaxKind.CloseBracketToken:
        if (lastComma >= 0) blank(lastComma, 1);
        lastComma = -1;
        break;
      default:
        lastComma = -1;
    }
  }
  return chars.join('');
}
