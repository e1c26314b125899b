// Markdown as a reader of a hover or tooltip sees it, for the tests that show text from files and
// servers there: rendered like VS Code's renderer (GitHub-flavoured), where URLs with a scheme and
// names that start with www. become links and bare domain names do not.
import MarkdownIt from 'markdown-it';

const renderer = new MarkdownIt({ html: true, linkify: true });
renderer.linkify.set({ fuzzyLink: false, fuzzyEmail: false }).add('www.', {
  validate: (text: string, pos: number) => /^[a-z0-9-]+(?:\.[a-z0-9-]+)+/i.exec(text.slice(pos))?.[0].length ?? 0,
  normalize: (match: { url: string }) => {
    match.url = `http://${match.url}`;
  },
});

/** Tags that Markdown itself writes for text, emphasis, code, rules and lists. */
const MARKDOWN_TAGS = new Set(['p', 'strong', 'em', 'code', 'hr', 'ul', 'ol', 'li', 'br']);

export interface RenderedMarkdown {
  readonly html: string;
  /** Links, images, scripts and frames. */
  readonly links: number;
  /** Where each link points. */
  readonly hrefs: readonly string[];
  /** Tags that are neither links nor Markdown's own: raw HTML let through. */
  readonly otherTags: readonly string[];
  /** The text without markup, entities decoded. */
  readonly text: string;
}

export function renderMarkdown(markdown: string): RenderedMarkdown {
  const html = renderer.render(markdown);
  const links = (html.match(/<a\b|<img\b|<script\b|<iframe\b/g) ?? []).length;
  const hrefs = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
  const otherTags = [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase()).filter((t) => t !== 'a' && !MARKDOWN_TAGS.has(t));
  const text = html.replace(/<[^<>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
  return { html, links, hrefs, otherTags, text };
}
