import type { FixTitle } from '../../fixTitle';

/** One replacement in a document: `length` characters at `offset` become `content`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly content: string;
}

/** A quick fix: its title and the edits (to the text the finding was computed on) that make it. */
export interface QuickFix {
  readonly title: FixTitle;
  readonly edits: readonly TextEdit[];
  readonly isPreferred?: boolean;
}
