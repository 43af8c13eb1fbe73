/**
 * Worker of the importer fuzz test: runs cases [from, to) and posts one message per case, so the
 * parent can time each case and notice a hang. A case passes when the importer either rejects the
 * input with a SourceError carrying a line and column, or writes a file that the MDX check
 * accepts, whose frontmatter parses and whose body is empty (nothing that could run as code),
 * and whose record renders (transcript, agenda, highlights, chapters, notes) to HTML made only of
 * the renderers' own elements: no element, event handler, style or non-https link from the text.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { load } from 'js-yaml';
import { parse } from 'node-html-parser';
import { decodeTranscript } from '../../src/lib/import/decode-input.ts';
import { importTranscript } from '../../src/lib/import/import-transcript.ts';
import { checkMeetingFile } from '../../src/lib/check/content-check.ts';
import { collectHighlightMarkers } from '../../src/lib/site/meetings.ts';
import { renderInline } from '../../src/lib/site/render-text.ts';
import type { Meeting } from '../../src/lib/schema.ts';
import { renderTranscript } from '../../src/lib/site/transcript-html.ts';
import { SourceError } from '../../src/lib/source-error.ts';
import { parseSpeakersFile } from '../../src/lib/import/speakers.ts';
import { registry } from '../helpers/import-fixtures.ts';
import { generateTranscript } from './generate-transcript.ts';

/** What the parent learns about one case. */
export interface CaseReport {
  index: number;
  ms: number;
  outcome: 'written' | 'rejected';
  /** Of `ms`, the time spent rendering the record to HTML (build-time work, not the importer's). */
  renderMs?: number;
  /** Set when the case failed: what went wrong. */
  failure?: string;
}

/** Runs one case; returns a failure description or the outcome. */
export function runCase(index: number, seed: number): Omit<CaseReport, 'index' | 'ms'> {
  const bytes = generateTranscript(index, seed);
  let file: string;
  let meeting: Meeting;
  try {
    ({ file, meeting } = importTranscript(decodeTranscript(bytes), {
      source: `fuzz-${index}/meeting-transcript.md`,
      registry,
    }));
  } catch (error) {
    if (error instanceof SourceError && error.line >= 1 && error.column >= 1) {
      return { outcome: 'rejected' };
    }
    const e = error as Error;
    return { outcome: 'rejected', failure: `crashed: ${e.stack ?? e.message}` };
  }
  const errors = checkMeetingFile(`fuzz-${index}.mdx`, file).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const d = errors[0]!;
    return {
      outcome: 'written',
      failure: `content check rejects the written file: ${d.line}:${d.column}: ${d.message}`,
    };
  }
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(file);
  if (!match) return { outcome: 'written', failure: 'written file has no frontmatter' };
  if (match[2] !== '')
    return {
      outcome: 'written',
      failure: `written file has a body: ${JSON.stringify(match[2]!.slice(0, 80))}`,
    };
  try {
    const record = load(match[1]!) as { turns?: unknown };
    if (typeof record !== 'object' || record === null || !Array.isArray(record.turns)) {
      return { outcome: 'written', failure: 'frontmatter is not a meeting record' };
    }
  } catch (error) {
    return {
      outcome: 'written',
      failure: `frontmatter does not parse: ${(error as Error).message}`,
    };
  }
  // Rendering is linear but slow on the few cases with a huge line (seconds for 2 MB of inline
  // markdown); those are checked by the importer and the content check above, rendered only here.
  if (file.length > maxRenderedBytes) return { outcome: 'written' };
  const rendered = performance.now();
  const markup = findMarkupProblem(renderMeetingHtml(meeting));
  const renderMs = performance.now() - rendered;
  if (markup) return { outcome: 'written', renderMs, failure: `rendered page: ${markup}` };
  return { outcome: 'written', renderMs };
}

/** Written files larger than this skip the rendering check (the huge-line cases). */
const maxRenderedBytes = 256 * 1024;

const speakerNames = new Map(
  parseSpeakersFile(
    readFileSync(path.join(import.meta.dirname, '../../content/speakers.yaml'), 'utf8'),
  ).map((s) => [s.id, s.name]),
);

/** The HTML the meeting page builds from untrusted record fields (transcript, agenda, highlights). */
function renderMeetingHtml(meeting: Meeting): string {
  return [
    renderTranscript(meeting.turns, {
      youtube: meeting.youtube,
      markers: collectHighlightMarkers(meeting),
      speakerNames,
    }),
    ...meeting.agenda.map((a) => renderInline(a.text)),
    ...meeting.highlights.map((h) => renderInline(h.summary)),
    ...meeting.chapters.map((c) => renderInline(c.summary)),
    ...meeting.notes.map((n) => renderInline(n.text)),
  ].join('\n');
}

/** Elements the renderers emit; anything else came from transcript text and is a failure. */
const allowedTags = new Set([
  'div',
  'h3',
  'h4',
  'p',
  'a',
  'span',
  'code',
  'em',
  'strong',
  's',
  'br',
]);

/** The first element or attribute in `html` that could run or load something, if any. */
export function findMarkupProblem(html: string): string | undefined {
  for (const el of parse(html).querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    if (!allowedTags.has(tag)) return `unexpected <${tag}> element`;
    for (const [name, value] of Object.entries(el.attributes)) {
      const n = name.toLowerCase();
      if (n.startsWith('on') || n === 'style' || n === 'src' || n === 'srcdoc') {
        return `attribute ${n} on <${tag}>`;
      }
      if (n === 'href' && !/^(https:\/\/|#|\/)/.test(value)) return `href="${value}" on <${tag}>`;
    }
  }
  return undefined;
}

if (parentPort) {
  const { from, to, seed } = workerData as { from: number; to: number; seed: number };
  for (let index = from; index < to; index++) {
    const started = performance.now();
    const result = runCase(index, seed);
    parentPort.postMessage({
      index,
      ms: performance.now() - started,
      ...result,
    } satisfies CaseReport);
  }
}
