/**
 * Renders untrusted transcript text (inline markdown: code spans, emphasis, links) to safe HTML
 * with the parser of ./inline-markdown.ts. Raw HTML is escaped, block syntax stays literal text,
 * and only https links become links; code spans are highlighted.
 */
import { inlineSyntax, md } from './inline-markdown.ts';
import { highlightCode } from './highlight-code.ts';

md.renderer.rules['link_open'] = (tokens, idx) => {
  const href = String(tokens[idx]?.attrGet('href') ?? '');
  return `<a href="${md.utils.escapeHtml(href)}" rel="nofollow noopener">`;
};

md.renderer.rules['code_inline'] = (tokens, idx) =>
  `<code>${highlightCode(tokens[idx]?.content ?? '')}</code>`;

/** Renders one piece of inline markdown (a turn's text, a summary) to HTML without a wrapping <p>. */
export function renderInline(text: string): string {
  // Plain text (see `inlineSyntax`) is only escaped, unless a line break has spaces beside it
  // (it may become <br>) or ends the text.
  if (!inlineSyntax.test(text) && !/[ \t]\n|\n[ \t]|^\n|\n$|\r/.test(text)) {
    return md.utils.escapeHtml(text);
  }
  return parseInline(text);
}

/** `renderInline` through the parser, whatever the text holds. */
export function parseInline(text: string): string {
  return md.renderInline(text);
}
