/**
 * Syntax highlighting for code in transcripts, with Shiki. Tokens get classes (`k-keyword`, ...)
 * instead of inline styles, so the colours live in global.css (light and dark) and pages need no
 * 'unsafe-inline' styles under a Content-Security-Policy.
 */
import { createCssVariablesTheme, createHighlighterCoreSync } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import python from 'shiki/langs/python.mjs';
import { escapeHtml } from '../format.ts';

const theme = createCssVariablesTheme({ name: 'site-vars', variablePrefix: '--sh-' });
const highlighter = createHighlighterCoreSync({
  themes: [theme],
  langs: [python],
  engine: createJavaScriptRegexEngine(),
});
const tokenVar = /^var\(--sh-token-([a-z-]+)\)$/;
/** Token kinds that global.css colours; other tokens stay plain text (fewer bytes). */
const styledKinds = new Set([
  'keyword',
  'string',
  'string-expression',
  'constant',
  'comment',
  'function',
  'parameter',
]);

/**
 * Highlighted code by its text. Transcripts quote the same names again and again: the corpus's
 * turns hold 612 code spans with 300 distinct texts, and highlighting them took 0.45 s of a 4x
 * build's rendering (CPU profile). Emptied when full, so it stays small whatever the archive.
 */
const highlighted = new Map<string, string>();
const maxHighlighted = 10_000;

/** Highlights a short piece of code (the transcripts quote Python) as escaped HTML spans. */
export function highlightCode(code: string): string {
  let html = highlighted.get(code);
  if (html === undefined) {
    if (highlighted.size >= maxHighlighted) highlighted.clear();
    html = tokensToHtml(code);
    highlighted.set(code, html);
  }
  return html;
}

/** `highlightCode` without the memo: Shiki's tokens of `code` as HTML. */
function tokensToHtml(code: string): string {
  const lines = highlighter.codeToTokensBase(code, { lang: 'python', theme: 'site-vars' });
  return lines
    .map((line) =>
      line
        .map((token) => {
          const kind = tokenVar.exec(token.color ?? '')?.[1];
          const text = escapeHtml(token.content);
          return kind && styledKinds.has(kind) ? `<span class="k-${kind}">${text}</span>` : text;
        })
        .join(''),
    )
    .join('\n');
}
