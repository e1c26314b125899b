import { findNodeAtLocation, modify, parseTree, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import type { TextEdit } from './fixTypes';

/**
 * The edits that remove the element at `path`; none when the document is broken there. An array
 * element is removed here with the comma between it and its neighbour, and the text around the
 * array kept: jsonc-parser's removal of an array's last element assumes a character between it and
 * the closing bracket, so in `["a", "b"]` it would leave the last quote behind (`["a""]`).
 */
export function removeElement(text: string, path: JSONPath, options: FormattingOptions): TextEdit[] {
  try {
    const last = path[path.length - 1];
    if (typeof last === 'number') {
      const root = parseTree(text);
      const array = root && findNodeAtLocation(root, path.slice(0, -1));
      const items = array?.type === 'array' ? (array.children ?? []) : [];
      const item = items[last];
      if (!array || !item) return [];
      if (items.length === 1) return [{ offset: array.offset + 1, length: array.length - 2, content: '' }];
      if (last === items.length - 1) {
        const previous = items[last - 1];
        const start = previous.offset + previous.length;
        return [{ offset: start, length: item.offset + item.length - start, content: '' }];
      }
      return [{ offset: item.offset, length: items[last + 1].offset - item.offset, content: '' }];
    }
    return modify(text, path, undefined, { formattingOptions: options });
  } catch {
    return [];
  }
}

/** The one edit that turns `text` into `out`: the span between their common prefix and suffix. */
export function diffEdit(text: string, out: string): TextEdit {
  let start = 0;
  while (start < text.length && start < out.length && text.charCodeAt(start) === out.charCodeAt(start)) start++;
  let end = 0;
  while (end < text.length - start && end < out.length - start && text.charCodeAt(text.length - 1 - end) === out.charCodeAt(out.length - 1 - end)) end++;
  return { offset: start, length: text.length - start - end, content: out.slice(start, out.length - end) };
}
