/**
 * The pre-build check of meeting MDX files (see DESIGN.md, "Untrusted text never runs").
 *
 * A meeting file is YAML frontmatter holding the whole record, then an MDX body for hand-written
 * editorial notes. MDX is a programming language, so the body is parsed with the real MDX parser
 * and only plain markdown plus the components in EDITORIAL_COMPONENTS, with string-literal
 * attributes, is accepted. Everything else (import/export, `{}` expressions, other elements,
 * anything the parser rejects) is reported as `file:line:col` with what to do about it.
 *
 * The frontmatter is read with js-yaml, as Astro reads it, so the check validates the very values
 * the build will see (js-yaml turns an unquoted `2025-04-14` into a Date, for instance). The
 * `yaml` library's Document API is used only to locate a schema error's path in the text.
 *
 * Line endings: LF and CRLF are both accepted (Git on Windows checks files out with CRLF; the
 * parsers and Astro read both the same way). A lone CR is rejected: some tools treat it as a line
 * break and some do not, so positions and contents would disagree between them.
 */
import { load, YAMLException } from 'js-yaml';
import { createRequire } from 'node:module';
import type { z } from 'astro/zod';
import { offsetToLineColumn, type Diagnostic } from '../diagnostics.ts';
import { hasFrontmatter, splitFrontmatter, type FrontmatterParts } from '../frontmatter.ts';
import { matchSpeakerLine } from '../import/speaker-line.ts';
import { meetingSchema } from '../schema.ts';
import { decodeUtf8 } from '../utf8.ts';
import { createYamlLocator, type LocateYamlPath } from '../yaml-locate.ts';

/** The site's own editorial components an MDX body may use, with the attributes each accepts. */
export const EDITORIAL_COMPONENTS: Readonly<
  Record<string, { attributes: readonly string[]; required: readonly string[] }>
> = {
  Note: { attributes: ['title'], required: [] },
  Aside: { attributes: ['title'], required: ['title'] },
};

/** At most this many schema errors are listed per file; the rest are counted in one line. */
const MAX_SCHEMA_ISSUES = 100;

/** Markdown node types an editorial body may contain besides the allowed components. */
const MARKDOWN_NODE_TYPES = new Set([
  'root',
  'paragraph',
  'heading',
  'thematicBreak',
  'blockquote',
  'list',
  'listItem',
  'code',
  'text',
  'emphasis',
  'strong',
  'inlineCode',
  'break',
  'link',
  'image',
  'linkReference',
  'imageReference',
  'definition',
]);

const COMPONENT_NAMES = Object.keys(EDITORIAL_COMPONENTS).join(', ');

// The MDX parser takes ~0.1 s to load, and a normal build does not need it (bodies are empty),
// so it is loaded on first use. require() of these ES modules is synchronous in
// Node >= 22.12, which keeps the check a plain function.
const requireModule = createRequire(import.meta.url);
let mdxParser:
  | {
      fromMarkdown: typeof import('mdast-util-from-markdown').fromMarkdown;
      mdxjs: typeof import('micromark-extension-mdxjs').mdxjs;
      mdxFromMarkdown: typeof import('mdast-util-mdx').mdxFromMarkdown;
    }
  | undefined;

function loadMdxParser(): NonNullable<typeof mdxParser> {
  mdxParser ??= {
    fromMarkdown: requireModule('mdast-util-from-markdown').fromMarkdown,
    mdxjs: requireModule('micromark-extension-mdxjs').mdxjs,
    mdxFromMarkdown: requireModule('mdast-util-mdx').mdxFromMarkdown,
  };
  return mdxParser;
}

/** Decodes a file's bytes as UTF-8 (a BOM kept, so the check reports it), or locates the first invalid byte. */
export function decodeSourceBytes(
  file: string,
  bytes: Uint8Array,
): { text: string } | { diagnostic: Diagnostic } {
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return decoded;
  const { line, column, message } = decoded.invalid;
  return { diagnostic: error(file, line, column, `${message}: save the file as UTF-8`) };
}

/** Checks one meeting file (frontmatter record and MDX body); an empty list means it is fine. */
export function checkMeetingFile(file: string, source: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { text, fatal } = checkCharacters(file, source, diagnostics);
  if (fatal) return diagnostics;

  const parts = splitMeetingFile(file, text, diagnostics);
  if (!parts) return diagnostics;

  const record = checkYamlRecord(file, parts.yaml, parts.yamlLine, meetingSchema, diagnostics);
  if (record) checkTurnReferences(file, record.data, record.locate, diagnostics);

  if (parts.body.trim() !== '') {
    checkPastedTranscript(file, parts.body, parts.bodyLine, diagnostics);
    checkBody(file, parts.body, parts.bodyLine, diagnostics);
  }
  return sortDiagnostics(diagnostics);
}

/** Checks a YAML data file (content/speakers.yaml, content/topics.yaml) against its schema. */
export function checkDataFile(file: string, source: string, schema: z.ZodType): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { text, fatal } = checkCharacters(file, source, diagnostics);
  if (fatal) return diagnostics;
  const record = checkYamlRecord(file, text, 1, schema, diagnostics);
  if (record && Array.isArray(record.data)) {
    const seen = new Map<string, number>();
    record.data.forEach((entry: unknown, i: number) => {
      const id = isRecord(entry) ? entry['id'] : undefined;
      if (typeof id !== 'string') return;
      const first = seen.get(id);
      if (first === undefined) seen.set(id, i);
      else {
        const { line: firstLine } = record.locate([first, 'id']);
        const { line, column } = record.locate([i, 'id']);
        diagnostics.push(
          error(
            file,
            line,
            column,
            `${i}.id: duplicate id "${id}" (first at line ${firstLine}): ids appear in URLs and must be unique; merge the two entries or rename one`,
          ),
        );
      }
    });
  }
  return sortDiagnostics(diagnostics);
}

/** Reports a BOM, NUL bytes and lone CRs; returns the text without its BOM. */
function checkCharacters(
  file: string,
  source: string,
  diagnostics: Diagnostic[],
): { text: string; fatal: boolean } {
  let text = source;
  if (text.charCodeAt(0) === 0xfeff) {
    diagnostics.push(
      error(
        file,
        1,
        1,
        'the file starts with a byte order mark (BOM): save it as UTF-8 without BOM',
      ),
    );
    text = text.slice(1);
  }
  let fatal = false;
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const { line, column } = offsetToLineColumn(text, nul);
    const more = countMatches(text, /\0/g) - 1;
    diagnostics.push(
      error(
        file,
        line,
        column,
        `NUL byte in the file${more > 0 ? ` (and ${more} more)` : ''}: delete it; a meeting file is plain text`,
      ),
    );
    fatal = true;
  }
  const loneCr = findLoneCr(text);
  if (loneCr !== -1) {
    const { line, column } = offsetToLineColumn(text, loneCr);
    diagnostics.push(
      error(
        file,
        line,
        column,
        'lone carriage return (CR) line ending: use LF (or CRLF) line endings throughout the file',
      ),
    );
    // Parsers count a lone CR as a line break and offsetToLineColumn does not: stop here rather
    // than report positions that point at the wrong line.
    fatal = true;
  }
  return { text, fatal };
}

function findLoneCr(text: string): number {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 0x0a) return i;
  }
  return -1;
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

/** The frontmatter and body of a meeting file, or undefined after reporting why it has none. */
function splitMeetingFile(
  file: string,
  text: string,
  diagnostics: Diagnostic[],
): FrontmatterParts | undefined {
  const split = splitFrontmatter(text);
  if (hasFrontmatter(split)) return split;
  diagnostics.push(error(file, split.line, split.column, split.problem));
  return undefined;
}

type Locate = LocateYamlPath;

/**
 * Parses YAML the way Astro does and validates it; schema issues are reported at the line and
 * column of their path. Returns the parsed data (even when invalid) unless the YAML is broken.
 */
function checkYamlRecord(
  file: string,
  yaml: string,
  startLine: number,
  schema: z.ZodType,
  diagnostics: Diagnostic[],
): { data: unknown; locate: Locate } | undefined {
  let data: unknown;
  try {
    data = load(yaml);
  } catch (e) {
    if (e instanceof YAMLException) {
      // js-yaml marks are 0-based. An error at the end of the frontmatter points at its
      // closing `---` line, which is where the missing text belongs.
      diagnostics.push(
        error(
          file,
          startLine + e.mark.line,
          e.mark.column + 1,
          `the frontmatter is not valid YAML: ${e.reason}; fix the YAML (or re-import the meeting)`,
        ),
      );
    } else {
      diagnostics.push(
        error(file, startLine, 1, `the frontmatter could not be read as YAML: ${String(e)}`),
      );
    }
    return undefined;
  }
  const locate = createYamlLocator(yaml, startLine);
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues;
    for (const issue of issues.slice(0, MAX_SCHEMA_ISSUES)) {
      // An unknown key is reported where it is written, not at the start of its mapping.
      const at =
        issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
          ? [...issue.path, issue.keys[0]]
          : issue.path;
      const { line, column } = locate(at);
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(frontmatter)';
      const value = valueAt(data, issue.path);
      diagnostics.push(error(file, line, column, `${path}: ${issue.message}${hintFor(value)}`));
    }
    if (issues.length > MAX_SCHEMA_ISSUES) {
      diagnostics.push(
        error(
          file,
          startLine,
          1,
          `${issues.length - MAX_SCHEMA_ISSUES} more schema errors in this file are not listed; fix the ones above and run the check again`,
        ),
      );
    }
  }
  return { data, locate };
}

function hintFor(value: unknown): string {
  if (value instanceof Date) {
    return "; YAML reads an unquoted date as a timestamp: quote it, e.g. '2025-04-14'";
  }
  if (value === undefined) return '; add the missing field (or re-import the meeting)';
  return '; fix this value in the frontmatter (or re-import the meeting)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Turn ids are unique; highlights and chapters point at turns that exist. */
function checkTurnReferences(
  file: string,
  data: unknown,
  locate: Locate,
  diagnostics: Diagnostic[],
): void {
  if (!isRecord(data) || !Array.isArray(data['turns'])) return;
  const turns: unknown[] = data['turns'];
  const ids = new Map<string, number>();
  turns.forEach((turn, i) => {
    const id = isRecord(turn) ? turn['id'] : undefined;
    if (typeof id !== 'string') return;
    const first = ids.get(id);
    if (first === undefined) {
      ids.set(id, i);
      return;
    }
    const { line, column } = locate(['turns', i, 'id']);
    const firstLine = locate(['turns', first, 'id']).line;
    diagnostics.push(
      error(
        file,
        line,
        column,
        `turns.${i}.id: duplicate turn id "${id}" (first used by turns.${first} at line ${firstLine}): turn ids are permalinks and must be unique in a meeting; give the later turn the next free suffix ("${id}-1", "${id}-2", ...)`,
      ),
    );
  });
  for (const [field, advice] of [
    [
      'highlights',
      'set it to an existing turn id, or remove `turn` and set `resolution: unresolved`',
    ],
    ['chapters', 'set it to the id of the first turn at or after the chapter time, or remove it'],
  ] as const) {
    const list = data[field];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i: number) => {
      const turn = isRecord(item) ? item['turn'] : undefined;
      if (typeof turn !== 'string' || ids.has(turn)) return;
      const { line, column } = locate([field, i, 'turn']);
      diagnostics.push(
        error(
          file,
          line,
          column,
          `${field}.${i}.turn: no turn in this meeting has the id "${turn}": ${advice}`,
        ),
      );
    });
  }
}

/** Transcript turns pasted into the body would render as text without ids, speakers or times. */
function checkPastedTranscript(
  file: string,
  body: string,
  bodyLine: number,
  diagnostics: Diagnostic[],
): void {
  const index = body
    .split('\n')
    .findIndex((line) => matchSpeakerLine(line.replace(/\r$/, ''))?.t !== undefined);
  if (index === -1) return;
  diagnostics.push(
    error(
      file,
      bodyLine + index,
      1,
      'this looks like a transcript speaker line: the body is for editorial notes only; move transcript text into the frontmatter (re-import the meeting with npm run import)',
    ),
  );
}

/** A node of the MDX syntax tree, read structurally so any node type can be walked and rejected. */
interface MdxNode {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  attributes?: MdxAttribute[];
  children?: MdxNode[];
  position?: { start: { line: number; column: number } };
}

interface MdxAttribute {
  type: string;
  name?: string;
  value?: unknown;
  position?: { start: { line: number; column: number } };
}

/** Parses the body as MDX and rejects everything that is not markdown or an allowed component. */
function checkBody(file: string, body: string, bodyLine: number, diagnostics: Diagnostic[]): void {
  const at = (
    position: MdxNode['position'],
    fallback?: MdxNode['position'],
  ): { line: number; column: number } => {
    const start = (position ?? fallback)?.start;
    return start
      ? { line: bodyLine + start.line - 1, column: start.column }
      : { line: bodyLine, column: 1 };
  };
  const report = (
    position: MdxNode['position'],
    message: string,
    fallback?: MdxNode['position'],
  ) => {
    const { line, column } = at(position, fallback);
    diagnostics.push(error(file, line, column, message));
  };

  let tree: MdxNode;
  try {
    const { fromMarkdown, mdxjs, mdxFromMarkdown } = loadMdxParser();
    tree = fromMarkdown(body, {
      extensions: [mdxjs()],
      mdastExtensions: [mdxFromMarkdown()],
    }) as MdxNode;
  } catch (e) {
    // A VFileMessage from micromark, or anything else a parser may throw (a RangeError, ...).
    const place = e as {
      line?: unknown;
      column?: unknown;
      reason?: unknown;
      message?: unknown;
      source?: unknown;
      cause?: { message?: unknown };
    };
    const line = typeof place.line === 'number' ? place.line : 1;
    const column = typeof place.column === 'number' ? place.column : 1;
    const reason = String(place.reason ?? place.message ?? e);
    const cause = typeof place.cause?.message === 'string' ? place.cause.message : undefined;
    const source = typeof place.source === 'string' ? place.source : '';
    diagnostics.push(
      error(
        file,
        bodyLine + line - 1,
        column,
        `MDX cannot parse the body: ${explainParseError(reason, source, cause)}`,
      ),
    );
    return;
  }

  // An explicit stack: a deeply nested body must not overflow the call stack.
  const stack: MdxNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.children)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    switch (node.type) {
      case 'mdxjsEsm': {
        const keyword = String(node.value).trimStart().startsWith('import') ? 'import' : 'export';
        report(
          node.position,
          `\`${keyword}\` statement: MDX runs a line starting with "${keyword} " as JavaScript, which editorial notes must not do; remove the ${keyword} (the editorial components need no import), reword a prose line so it does not start with "${keyword}", and move transcript text into the frontmatter`,
        );
        break;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression':
        report(
          node.position,
          `\`{${truncate(String(node.value), 40)}}\` is a JavaScript expression, which editorial notes must not contain: remove it, or write a literal brace as \`&#123;\` and \`&#125;\``,
        );
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkElement(node, report);
        break;
      case 'link':
      case 'image':
      case 'definition': {
        const problem = checkUrl(node.url ?? '');
        if (problem)
          report(node.position, `${node.type === 'image' ? 'image' : 'link'} URL: ${problem}`);
        break;
      }
      default:
        if (!MARKDOWN_NODE_TYPES.has(node.type)) {
          report(
            node.position,
            `\`${node.type}\` is not allowed in editorial notes: use plain markdown or one of the components ${COMPONENT_NAMES}`,
          );
        }
    }
  }
}

type Report = (
  position: MdxNode['position'],
  message: string,
  fallback?: MdxNode['position'],
) => void;

/** An element must be an editorial component whose attributes are all allowed string literals. */
function checkElement(node: MdxNode, report: Report): void {
  const name = node.name;
  const allowed = name ? EDITORIAL_COMPONENTS[name] : undefined;
  if (!name || !allowed || !Object.hasOwn(EDITORIAL_COMPONENTS, name)) {
    const shown = name ? `<${name}>` : 'a fragment `<>`';
    report(
      node.position,
      `${shown} is not allowed: MDX treats HTML and JSX tags as components, and editorial notes may only use ${COMPONENT_NAMES}; remove the tag, use markdown instead, or write a literal \`<\` as \`&lt;\``,
    );
    return;
  }
  const given = new Set<string>();
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) {
      report(
        attribute.position,
        `<${name}> has a spread or expression attribute \`{${truncate(String(attribute.value), 40)}}\`, which is JavaScript: write each attribute as name="text"`,
        node.position,
      );
      continue;
    }
    const attr = attribute.name;
    if (given.has(attr)) {
      report(attribute.position, `<${name}> has \`${attr}\` twice: keep one`, node.position);
    }
    given.add(attr);
    if (/^on/i.test(attr)) {
      report(
        attribute.position,
        `<${name}> has an event handler attribute \`${attr}\`: scripts never run from editorial notes; remove it`,
        node.position,
      );
    } else if (!allowed.attributes.includes(attr)) {
      const accepted = allowed.attributes.length > 0 ? allowed.attributes.join(', ') : 'none';
      report(
        attribute.position,
        `<${name}> has no attribute \`${attr}\` (it accepts: ${accepted}); remove it`,
        node.position,
      );
    } else if (attribute.value === null || attribute.value === undefined) {
      report(
        attribute.position,
        `<${name}> attribute \`${attr}\` has no value: write ${attr}="text"`,
        node.position,
      );
    } else if (typeof attribute.value !== 'string') {
      const expression = (attribute.value as { value?: unknown }).value;
      report(
        attribute.position,
        `<${name}> attribute \`${attr}\` is the JavaScript expression \`{${truncate(String(expression), 40)}}\`: write a string literal instead, ${attr}="text"`,
        node.position,
      );
    }
  }
  for (const attr of allowed.required) {
    if (!given.has(attr)) {
      report(
        node.position,
        `<${name}> needs a \`${attr}\` attribute: write <${name} ${attr}="text">`,
      );
    }
  }
}

/** Adds what to do to a parser message; drops the parser's hints that suggest MDX code. */
function explainParseError(reason: string, source: string, cause: string | undefined): string {
  const plain = reason.replace(/\s*\(note: .*\)\s*$/s, '') + (cause ? ` (${cause})` : '');
  if (source.endsWith('-esm')) {
    return `${plain}: MDX reads a paragraph starting with "import" or "export" as JavaScript; reword the line so it does not start with that word, and move transcript text into the frontmatter`;
  }
  if (source.includes('expression')) {
    return `${plain}: \`{\` starts a JavaScript expression in MDX; write a literal \`{\` as \`&#123;\` (and \`}\` as \`&#125;\`)`;
  }
  if (reason.includes('to create a comment in MDX')) {
    return `${plain}: HTML comments \`<!-- -->\` are not allowed in MDX; delete the comment`;
  }
  if (reason.includes('to create a link in MDX')) {
    return `${plain}: MDX has no \`<url>\` autolinks; write the link as [text](https://...)`;
  }
  return `${plain}: \`<\` starts a tag in MDX; write a literal \`<\` as \`&lt;\`, use markdown instead of HTML, or one of the components ${COMPONENT_NAMES}`;
}

/** Returns why a link URL is not allowed (only https:, mailto:, relative and #fragment), or undefined. */
export function checkUrl(url: string): string | undefined {
  // Browsers drop tabs and newlines anywhere in a URL and strip leading controls and spaces
  // before they read the scheme, so `java\tscript:` is `javascript:`. Entities are already
  // decoded by the parser (`&#58;` is `:`).
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed)?.[1]?.toLowerCase();
  const allowed = 'use an https: URL, a mailto: address, a relative path or a #fragment';
  if (scheme === undefined) {
    if (/^[/\\]{2}/.test(squeezed))
      return `protocol-relative URL \`${truncate(url, 60)}\`: write the full https: URL`;
    return undefined;
  }
  if (scheme === 'https' || scheme === 'mailto') return undefined;
  if (scheme === 'http') return `\`${truncate(url, 60)}\` uses http:: use https: instead`;
  return `\`${scheme}:\` URLs are not allowed: ${allowed}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function error(file: string, line: number, column: number, message: string): Diagnostic {
  return { file, line, column, message, severity: 'error' };
}

function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}
