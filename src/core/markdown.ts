import { DOCUMENT_TEXT, safeMessage } from './untrustedText';

// Text from a policy or a decoded message shown inside Markdown (hovers): it must read as itself.
// Unescaped, a value such as `s3:[Get](https://example.com/x.png)` would render a link or load an
// image when the hover opens, and in a hover whose links run commands it could add a command link.

/**
 * Characters Markdown acts on inline: emphasis, code, links and images, HTML and entities, tables;
 * `#` and `+` for headings and lists.
 */
const INLINE = /[\\`*_{}[\]<>()#+!|~&]/g;
/** GitHub-flavoured Markdown links bare URLs and `www.` names: their `/` and `.` are escaped. */
const AUTOLINK = /:\/\/|www\./gi;
const LINE_BREAKS = /[\r\n\u2028\u2029]+/g;

/** `s` as literal Markdown text on one line, shortened and with its display controls escaped as in every message (untrustedText.ts). */
export function mdText(s: string): string {
  return safeMessage(s.replace(LINE_BREAKS, ' '), DOCUMENT_TEXT)
    .replace(INLINE, '\\$&')
    .replace(AUTOLINK, (m) => (m === '://' ? ':\\/\\/' : `${m.slice(0, 3)}\\.`));
}

/**
 * `s` as an inline code span on one line: fenced by one backtick more than its longest run of
 * backticks (CommonMark), so nothing inside can close it.
 */
export function mdCode(s: string): string {
  const text = safeMessage(s.replace(LINE_BREAKS, ' '), DOCUMENT_TEXT);
  let longest = 0;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) === 96) longest = Math.max(longest, ++run);
    else run = 0;
  }
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}
