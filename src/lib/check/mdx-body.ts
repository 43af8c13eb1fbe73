/**
 * The MDX body of a meeting file, for hand-written editorial notes. MDX is a programming
 * language, so the body is parsed with the real MDX parser and only plain markdown plus the
 * components in EDITORIAL_COMPONENTS, with string-literal attributes, is accepted. Everything
 * else (import/export, `{}` expressions, other elements, anything the parser rejects) is reported
 * as `file:line:col` with what to do about it.
 */
import { createRequire } from 'node:module';
import type { Diagnostic } from '../diagnostics.ts';
import { matchSpeakerLine } from '../import/speaker-line.ts';
import { error, truncate } from './report.ts';

/** The site's own editorial components an MDX body may use, with the attributes each accepts. */
export const EDITORIAL_COMPONENTS: Readonly<
  Record<string, { attributes: readonly string[]; required: readonly string[] }>
> = {
  Note: { attributes: ['title'], required: [] },
  Aside: { attributes: ['title'], required: ['title'] },
};

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

/** Transcript turns pasted into the body would render as text without ids, speakers or times. */
export function checkPastedTranscript(
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

type Position = MdxNode['position'];

/** Reports a problem at a node's position (or its parent's), mapped from the body to the file. */
type Report = (position: Position, message: string, fallback?: Position) => void;

/** Parses the body as MDX and rejects everything that is not markdown or an allowed component. */
export function checkBody(
  file: string,
  body: string,
  bodyLine: number,
  diagnostics: Diagnostic[],
): void {
  const report: Report = (position, message, fallback) => {
    const start = (position ?? fallback)?.start;
    const line = start ? bodyLine + start.line - 1 : bodyLine;
    diagnostics.push(error(file, line, start ? start.column : 1, message));
  };
  const tree = parseBody(body, report);
  if (!tree) return;
  // An explicit stack: a deeply nested body must not overflow the call stack.
  const stack: MdxNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.children)
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    checkNode(node, report);
  }
}

/** The body's MDX syntax tree, or undefined after reporting where and why MDX cannot parse it. */
function parseBody(body: string, report: Report): MdxNode | undefined {
  try {
    const { fromMarkdown, mdxjs, mdxFromMarkdown } = loadMdxParser();
    return fromMarkdown(body, {
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
    report(
      { start: { line, column } },
      `MDX cannot parse the body: ${explainParseError(reason, source, cause)}`,
    );
    return undefined;
  }
}

/** One node: markdown passes, allowed components are checked, code and unknown nodes are reported. */
function checkNode(node: MdxNode, report: Report): void {
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
    const at = (message: string) => report(attribute.position, message, node.position);
    checkAttribute(name, allowed.attributes, attribute, given, at);
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

/** One attribute of an allowed component: named, allowed, given once, a string literal, no handler. */
function checkAttribute(
  name: string,
  accepted: readonly string[],
  attribute: MdxAttribute,
  given: Set<string>,
  report: (message: string) => void,
): void {
  if (attribute.type !== 'mdxJsxAttribute' || attribute.name === undefined) {
    report(
      `<${name}> has a spread or expression attribute \`{${truncate(String(attribute.value), 40)}}\`, which is JavaScript: write each attribute as name="text"`,
    );
    return;
  }
  const attr = attribute.name;
  if (given.has(attr)) report(`<${name}> has \`${attr}\` twice: keep one`);
  given.add(attr);
  if (/^on/i.test(attr)) {
    report(
      `<${name}> has an event handler attribute \`${attr}\`: scripts never run from editorial notes; remove it`,
    );
  } else if (!accepted.includes(attr)) {
    const list = accepted.length > 0 ? accepted.join(', ') : 'none';
    report(`<${name}> has no attribute \`${attr}\` (it accepts: ${list}); remove it`);
  } else if (attribute.value === null || attribute.value === undefined) {
    report(`<${name}> attribute \`${attr}\` has no value: write ${attr}="text"`);
  } else if (typeof attribute.value !== 'string') {
    const expression = (attribute.value as { value?: unknown }).value;
    report(
      `<${name}> attribute \`${attr}\` is the JavaScript expression \`{${truncate(String(expression), 40)}}\`: write a string literal instead, ${attr}="text"`,
    );
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
