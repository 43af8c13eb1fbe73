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

/** Highlights a short piece of code (the transcripts quote Python) as escaped HTML spans. */
export function highlightCode(code: string): string {
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
