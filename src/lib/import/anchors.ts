/**
 * Turn anchor ids: GitHub's heading slugs. GitHub slugs the rendered text of every heading in a
 * file, in document order, with github-slugger; we do the same so links people already posted to
 * the GitHub archive keep landing on the same turn.
 */
import GithubSlugger from 'github-slugger';
import MarkdownIt from 'markdown-it';

// html: true mirrors GitHub, which renders inline HTML in headings and slugs only their text.
const inlineParser = new MarkdownIt({ html: true, linkify: false });

/** Returns the plain text GitHub shows for the inline markdown of a heading line. */
export function toHeadingText(markdown: string): string {
  const tokens = inlineParser.parseInline(markdown, {});
  let text = '';
  for (const block of tokens) {
    for (const token of block.children ?? []) {
      if (token.type === 'text' || token.type === 'code_inline') text += token.content;
      else if (token.type === 'softbreak' || token.type === 'hardbreak') text += ' ';
      else if (token.type === 'image') text += token.content;
    }
  }
  return text.trim();
}

/** Slugs headings in document order the way GitHub does (duplicates get `-1`, `-2`, ...). */
export interface AnchorSlugger {
  /** Slugs the inline markdown of one heading and reserves the slug. */
  slugHeading(markdown: string): string;
}

/** Creates a slugger for one document; call it for every heading, turn or not, in order. */
export function createAnchorSlugger(): AnchorSlugger {
  const slugger = new GithubSlugger();
  return { slugHeading: (markdown) => slugger.slug(toHeadingText(markdown)) };
}

/** Slugs one text the way GitHub slugs a single heading with that text (no duplicate suffix). */
export function slugText(text: string): string {
  return new GithubSlugger().slug(text);
}
