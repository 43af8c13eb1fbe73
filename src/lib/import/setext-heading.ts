import type { AnchorSlugger } from './anchors.ts';
import { ATX_HEADING, LIST_ITEM, SETEXT_UNDERLINE, type Line } from './markdown-lines.ts';
import { matchSpeakerLine } from './speaker-line.ts';

/**
 * Slugs the paragraph above the setext underline at `index`, as GitHub would (it is a heading
 * there, so it takes a slug in document order); returns the slug, or undefined without one.
 */
export function slugSetext(
  lines: Line[],
  index: number,
  slugger: AnchorSlugger,
): string | undefined {
  const paragraph: string[] = [];
  for (let j = index - 1; j >= 0; j--) {
    const text = lines[j]!.text;
    if (
      text.trim() === '' ||
      ATX_HEADING.test(text) ||
      matchSpeakerLine(text) ||
      LIST_ITEM.test(text) ||
      SETEXT_UNDERLINE.test(text)
    )
      break;
    paragraph.unshift(text.trim());
  }
  if (paragraph.length === 0) return undefined;
  return slugger.slugHeading(paragraph.join('\n'));
}
