// Offsets in a policy's text as lines and columns, for findings and editors.
import type { Position, Span } from './types';

/** Maps offsets in a text to 1-based lines and 0-based columns. */
export class LineIndex {
  /** Line starts, found on the first position asked for: most policies lint without a finding. */
  declare private lineStarts: Int32Array | undefined;

  constructor(readonly text: string) {
    this.lineStarts = undefined;
  }

  private get starts(): Int32Array {
    if (!this.lineStarts) {
      // Counted first, then filled: a typed array of the right size keeps its numbers outside the
      // JavaScript heap, where young-generation collections never copy them, and a large document's
      // lines leave no grown-out copies behind.
      let lines = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) lines++;
      const starts = new Int32Array(lines);
      let n = 1;
      for (let i = this.text.indexOf('\n'); i >= 0; i = this.text.indexOf('\n', i + 1)) starts[n++] = i + 1;
      this.lineStarts = starts;
    }
    return this.lineStarts;
  }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - starts[lo], offset: o };
  }

  span(offset: number, length: number): Span {
    return { start: this.position(offset), end: this.position(offset + length) };
  }
}
