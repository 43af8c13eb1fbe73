/**
 * Where a meeting file's frontmatter begins and ends, the one rule every reader uses (the
 * importer, the content check, the MDX body compiler, the search indexer). Astro ends the
 * frontmatter at the first line after the opening `---` that starts with `---`; that line must
 * be `---` with nothing after it but spaces or tabs, or the rest would leak into the body.
 * LF and CRLF line endings are both read.
 */

/** A file split at its frontmatter delimiters; lines are 1-based. */
export interface FrontmatterParts {
  /** The text between the two `---` lines (empty, or ending with a newline). */
  yaml: string;
  /** The line the YAML starts on. */
  yamlLine: number;
  /** Everything after the closing `---` line. */
  body: string;
  /** The line the body starts on. */
  bodyLine: number;
  /** Offset just after the closing `---` and its trailing spaces or tabs. */
  closeEnd: number;
}

/** Why a file has no readable frontmatter, located at a 1-based line and column. */
export interface FrontmatterProblem {
  problem: string;
  line: number;
  column: number;
}

const DELIMITER = /^---[ \t]*\r?$/;

/** Splits `---\n<yaml>---\n<body>`, or says where and why the file does not have that shape. */
export function splitFrontmatter(text: string): FrontmatterParts | FrontmatterProblem {
  const firstEnd = text.indexOf('\n');
  if (firstEnd === -1 || !DELIMITER.test(text.slice(0, firstEnd))) {
    const what = text.trim() === '' ? 'empty file' : 'missing frontmatter';
    return {
      problem: `${what}: a meeting file starts with a line \`---\`, then the meeting record as YAML, then a line \`---\`; re-import the meeting to regenerate it`,
      line: 1,
      column: 1,
    };
  }
  const close = text.indexOf('\n---', firstEnd);
  if (close === -1) {
    return {
      problem: 'the frontmatter is never closed: add a line `---` after the YAML record',
      line: 1,
      column: 1,
    };
  }
  const closeStart = close + 1;
  const lineEnd = text.indexOf('\n', closeStart);
  const closeLineEnd = lineEnd === -1 ? text.length : lineEnd;
  const closing = text.slice(closeStart, closeLineEnd);
  const closeLine = countNewlines(text, closeStart) + 1;
  if (!DELIMITER.test(closing)) {
    const found = closing.replace(/\r$/, '').replace(/\s+/g, ' ');
    const shown = found.length > 40 ? `${found.slice(0, 39)}…` : found;
    return {
      problem: `the frontmatter's closing line must be \`---\` with nothing after it, found \`${shown}\`: put anything after it on the next line`,
      line: closeLine,
      column: 4,
    };
  }
  return {
    yaml: text.slice(firstEnd + 1, closeStart),
    yamlLine: 2,
    body: text.slice(Math.min(closeLineEnd + 1, text.length)),
    bodyLine: closeLine + 1,
    closeEnd: closeStart + 3 + /^[ \t]*/.exec(closing.slice(3))![0].length,
  };
}

/** True when `splitFrontmatter` found the frontmatter. */
export function hasFrontmatter(
  split: FrontmatterParts | FrontmatterProblem,
): split is FrontmatterParts {
  return !('problem' in split);
}

/**
 * The YAML between a file's `---` lines, for fast readers that parse it as Astro does (js-yaml);
 * undefined when the file has no frontmatter.
 */
export function readFrontmatterYaml(text: string): string | undefined {
  const split = splitFrontmatter(text);
  return hasFrontmatter(split) ? split.yaml : undefined;
}

/**
 * The file with its frontmatter emptied but kept as blank lines (so body line numbers stay), or
 * the text unchanged when it has no frontmatter.
 */
export function blankFrontmatter(text: string): string {
  const split = splitFrontmatter(text);
  if (!hasFrontmatter(split)) return text;
  return `---\n${'\n'.repeat(countNewlines(split.yaml, split.yaml.length))}---${text.slice(split.closeEnd)}`;
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The file with one top-level key of its frontmatter (the key's line and every line under it
 * up to the next top-level key) turned into blank lines, so the rest reads the same and body
 * line numbers stay; the text unchanged when it has no frontmatter or no such key.
 */
export function blankFrontmatterKey(text: string, key: string): string {
  const split = splitFrontmatter(text);
  if (!hasFrontmatter(split)) return text;
  const start = new RegExp(`^${RegExp.escape(key)}:`, 'm').exec(split.yaml);
  if (!start) return text;
  // The next line that starts a top-level key (not indented, not a comment, not a list item).
  const next = /^(?![\s#-])[^\n]*:/m.exec(split.yaml.slice(start.index + key.length + 1));
  const end = next ? start.index + key.length + 1 + next.index : split.yaml.length;
  const yaml =
    split.yaml.slice(0, start.index) +
    '\n'.repeat(countNewlines(split.yaml.slice(start.index, end), end - start.index)) +
    split.yaml.slice(end);
  return `---\n${yaml}${text.slice(text.indexOf('\n', 0) + 1 + split.yaml.length)}`;
}
