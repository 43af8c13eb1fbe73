/**
 * The line-level markdown a transcript is read by: ATX and setext headings, list items, and
 * joining lines back into markdown text.
 */

/** One line of the normalised input. */
export interface Line {
  text: string;
  /** 1-based line number in the normalised input. */
  no: number;
}

export const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
export const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
export const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/;

/** Heading text without the `#` markers and an optional closing sequence. */
export function headingContent(raw: string): string {
  const content = raw.trim();
  if (/^#+$/.test(content)) return '';
  return content.replace(/[ \t]+#+$/, '').trim();
}

/** Line text with trailing spaces (markdown hard breaks) removed. */
export function trimLine(text: string): string {
  return text.replace(/[ \t]+$/, '');
}

/** Joins lines as markdown text: trailing spaces trimmed, outer blank lines and runs removed. */
export function joinLines(lines: string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = trimLine(raw);
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Removes up to `count` leading spaces, so nested list text keeps its relative indentation. */
export function dedent(text: string, count: number): string {
  let i = 0;
  while (i < count && text[i] === ' ') i++;
  return text.slice(i);
}
