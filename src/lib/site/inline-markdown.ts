/**
 * The one inline-markdown parser for transcript text (code spans, emphasis, links; raw HTML and
 * block syntax stay literal text; only https links are links), and the plain text it yields:
 * src/lib/site/render-text.ts renders its HTML, search indexes its text. No highlighter here, so
 * the search indexer loads no Shiki.
 */
import MarkdownIt from 'markdown-it';

export const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
// Only inline syntax: a transcript line that starts with "#", "-" or ">" is speech, not structure.
md.disable([
  'table',
  'code',
  'fence',
  'blockquote',
  'hr',
  'list',
  'reference',
  'heading',
  'lheading',
  'html_block',
  'html_inline',
  'image',
]);
md.validateLink = (url) => /^https:\/\/[^\s]+$/i.test(url.trim());
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

/**
 * Characters where this parser's inline rules can start (escape, code, strikethrough, emphasis,
 * link, autolink, entity, linkify at `:`), or that its input normalisation changes (NUL). Text
 * without them is plain text to the parser: 97% of the corpus's turns and summaries, so the
 * build skips the parser for them. Tests compare both paths on fixtures and on the corpus.
 */
export const inlineSyntax = /[\0\\`~*_[\]!<&:]/;

/**
 * The text a reader sees of one piece of inline markdown: what `renderInline` shows, without
 * markup (link targets, code ticks and emphasis marks go), whitespace collapsed to single spaces.
 */
export function toPlainText(text: string): string {
  if (!inlineSyntax.test(text)) return text.replace(/\s+/g, ' ').trim();
  return parsePlainText(text);
}

/** `toPlainText` through the parser, whatever the text holds. */
export function parsePlainText(text: string): string {
  const words: string[] = [];
  for (const token of md.parseInline(text, {})) {
    for (const child of token.children ?? []) {
      if (child.type === 'text' || child.type === 'code_inline') words.push(child.content);
      else if (child.type === 'softbreak' || child.type === 'hardbreak') words.push(' ');
    }
  }
  return words.join('').replace(/\s+/g, ' ').trim();
}
