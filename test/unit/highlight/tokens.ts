import { policySemanticTokens, type PolicyTokenOptions } from '../../../src/core/policy/highlight/semanticTokens';
import type { PolicyToken } from '../../../src/core/policy/highlight/tokenTypes';

/** A token as a reader sees it: its type and the text it covers. */
export interface ShownToken {
  readonly type: string;
  readonly text: string;
  readonly offset: number;
}

export function shownTokens(text: string, options: PolicyTokenOptions = {}): ShownToken[] {
  return policySemanticTokens(text, options).tokens.map((t: PolicyToken) => ({ type: t.type, text: text.slice(t.offset, t.offset + t.length), offset: t.offset }));
}

/** The types of the tokens that cover exactly `needle` (its `occurrence`-th appearance). */
export function typesOf(tokens: readonly ShownToken[], text: string, needle: string, occurrence = 0): string[] {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${JSON.stringify(needle)} is not in the text ${occurrence + 1} times`);
  }
  return tokens.filter((t) => t.offset === at && t.text === needle).map((t) => t.type);
}

/** Tokens are in order, inside the text, non-empty, never overlapping and never across a line. */
export function checkWellFormed(text: string, tokens: readonly PolicyToken[]): string | undefined {
  let end = 0;
  for (const t of tokens) {
    if (t.length <= 0) return `an empty token at ${t.offset}`;
    if (t.offset < end) return `a token at ${t.offset} overlaps or precedes the one ending at ${end}`;
    if (t.offset + t.length > text.length) return `a token at ${t.offset} runs past the end`;
    const inside = text.slice(t.offset, t.offset + t.length);
    if (inside.includes('\n') || inside.includes('\r')) return `a token at ${t.offset} crosses a line`;
    end = t.offset + t.length;
  }
  return undefined;
}
