/**
 * Renders untrusted transcript text (inline markdown: code spans, emphasis, links) to safe HTML.
 * Raw HTML is escaped, block syntax stays literal text, and only https links become links.
 */
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight-code.ts';

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false });
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
md.renderer.rules['link_open'] = (tokens, idx) => {
  const href = String(tokens[idx]?.attrGet('href') ?? '');
  return `<a href="${md.utils.escapeHtml(href)}" rel="nofollow noopener">`;
};

md.renderer.rules['code_inline'] = (tokens, idx) =>
  `<code>${highlightCode(tokens[idx]?.content ?? '')}</code>`;

/** Renders one piece of inline markdown (a turn's text, a summary) to HTML without a wrapping <p>. */
export function renderInline(text: string): string {
  return md.renderInline(text);
}
