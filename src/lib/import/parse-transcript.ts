/**
 * Parser for the community meeting transcripts (markdown, 2024-2026 format variants) into a
 * meeting record. Built for the format, not for particular files: sections are recognised by
 * their heading words at any level, speaker lines in every known shape, and any text it cannot
 * place is kept (as a note or in the previous turn) and warned about, never dropped.
 */
import { createAnchorSlugger, type AnchorSlugger } from './anchors.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { resolveHighlightAnchor, type AnchorTargets } from './highlights.ts';
import { ATX_HEADING, SETEXT_UNDERLINE, headingContent, type Line } from './markdown-lines.ts';
import {
  classifyHeading,
  parseYoutubeId,
  readPreface,
  type Preface,
  type RawHighlight,
  type Section,
} from './preface.ts';
import type { Chapter, Highlight, Meeting, Turn } from '../schema.ts';
import { slugSetext } from './setext-heading.ts';
import { matchSpeakerLine } from './speaker-line.ts';
import type { SpeakerRegistry } from './speakers.ts';
import { SourceError } from '../source-error.ts';
import { sourceFolder } from '../source-link.ts';
import { readTurns, type Warn } from './turns.ts';

/** Inputs of one parse: the source's relative name and the speaker registry. */
export interface ParseOptions {
  /** Relative, machine-independent source name, e.g. `2025-04-14/meeting-transcript.md`. */
  source: string;
  registry: SpeakerRegistry;
}

/** A parsed meeting before hand edits are merged in, with per-item source lines. */
export interface ParsedTranscript {
  meeting: Meeting;
  warnings: Diagnostic[];
}

/** Where the title heading and the transcript part are, as line indexes. */
interface Layout {
  /** The title heading (the first `# <date> ...`, else the first `#`), or -1. */
  titleIndex: number;
  /** The Transcript heading or the first speaker line with a time; lines.length if neither. */
  transcriptStart: number;
}

/** The title heading's words and the date they start with. */
interface Title {
  title: string;
  date: string | null;
}

const DATE_TITLE = /^(\d{4}-\d{2}-\d{2})\b/;

/**
 * Parses normalised transcript text into a meeting record plus warnings, in phases: find the
 * title and the transcript, split the preface into sections and read them, read the turns,
 * then land highlights and chapters on turns.
 */
export function parseTranscript(text: string, options: ParseOptions): ParsedTranscript {
  const { source, registry } = options;
  const warnings: Diagnostic[] = [];
  const warn: Warn = (line, column, message) =>
    warnings.push({ file: source, line, column, message, severity: 'warning' });
  if (text.trim() === '') {
    throw new SourceError(
      'empty transcript: expected a "# YYYY-MM-DD Meeting" title and speaker turns',
      1,
      1,
    );
  }
  const lines: Line[] = text.split('\n').map((t, i) => ({ text: t, no: i + 1 }));
  const layout = locateTranscript(lines);
  const slugger = createAnchorSlugger();
  const { sections, title } = splitPreface(lines, layout, slugger);
  const preface = readPreface(sections);
  const body = readTurns(lines, layout.transcriptStart, { slugger, registry, warn });
  if (body.orphanNote) preface.notes.push(body.orphanNote);
  if (body.turns.length === 0) throw noTurnsError(lines, layout.transcriptStart);
  const video = preface.youtube ?? findVideoInSpeakerLines(lines, layout.transcriptStart);
  if (video !== undefined) preface.youtube = video;
  const targets = { turns: body.turns, headings: body.headingAnchors, registry };
  const highlights = resolveHighlights(preface.highlights, targets, warn);
  landChapters(preface.chapters, body.turns);
  const meeting = assembleMeeting(source, title, preface, highlights, body.turns);
  return { meeting, warnings };
}

/** Finds the title heading and where the transcript starts. */
function locateTranscript(lines: Line[]): Layout {
  let titleIndex = -1;
  let firstH1 = -1;
  let transcriptStart = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.text;
    if (matchSpeakerLine(line)?.t !== undefined) {
      transcriptStart = i;
      break;
    }
    const h = ATX_HEADING.exec(line);
    if (!h) continue;
    const content = headingContent(h[2] ?? '');
    if (h[1] === '#' && firstH1 === -1) firstH1 = i;
    if (h[1] === '#' && titleIndex === -1 && DATE_TITLE.test(content)) titleIndex = i;
    if (classifyHeading(content) === 'transcript') {
      transcriptStart = i;
      break;
    }
  }
  return { titleIndex: titleIndex === -1 ? firstH1 : titleIndex, transcriptStart };
}

/** Splits the preface into sections by heading, slugging every heading in document order. */
function splitPreface(
  lines: Line[],
  layout: Layout,
  slugger: AnchorSlugger,
): { sections: Section[]; title: Title } {
  const title: Title = { title: '', date: null };
  const sections: Section[] = [{ kind: 'pretitle', level: 0, lines: [] }];
  for (let i = 0; i < layout.transcriptStart; i++) {
    const line = lines[i]!;
    const h = ATX_HEADING.exec(line.text);
    if (!h) {
      if (SETEXT_UNDERLINE.test(line.text)) slugSetext(lines, i, slugger);
      sections[sections.length - 1]!.lines.push(line);
      continue;
    }
    const content = headingContent(h[2] ?? '');
    slugger.slugHeading(content);
    if (i === layout.titleIndex) {
      title.title = content;
      title.date = DATE_TITLE.exec(content)?.[1] ?? null;
      sections.push({ kind: 'title', level: 1, lines: [] });
      continue;
    }
    const kind = classifyHeading(content);
    sections.push({
      heading: content,
      headingLine: line.no,
      level: h[1]!.length,
      kind: kind === 'transcript' ? 'other' : kind,
      lines: [],
    });
  }
  return { sections, title };
}

function noTurnsError(lines: Line[], transcriptStart: number): SourceError {
  const at = transcriptStart < lines.length ? lines[transcriptStart]!.no : lines.length;
  return new SourceError(
    'no speaker turns found; expected lines like "##### **Name** [[00:00:10](https://www.youtube.com/watch?v=ID&t=10)]" or "**Name** [00:00:10]"',
    at,
    1,
  );
}

/** Without a recording link in the preface, the video the speaker lines' time links point at. */
function findVideoInSpeakerLines(lines: Line[], transcriptStart: number): string | undefined {
  for (let i = transcriptStart; i < lines.length; i++) {
    if (!matchSpeakerLine(lines[i]!.text)) continue;
    const url = /\]\((https?:\/\/[^)\s]+)\)/.exec(lines[i]!.text)?.[1];
    const youtube = url === undefined ? undefined : parseYoutubeId(url);
    if (youtube !== undefined) return youtube;
  }
  return undefined;
}

/** Lands each highlight link on a turn, warning about each repair and each link that matches none. */
function resolveHighlights(raws: RawHighlight[], targets: AnchorTargets, warn: Warn): Highlight[] {
  const highlights: Highlight[] = [];
  for (const raw of raws) {
    const base: Highlight = {
      title: raw.title,
      summary: raw.summary,
      ...(raw.group !== undefined ? { group: raw.group } : {}),
      resolution: 'unresolved',
    };
    if (raw.anchor === undefined) {
      highlights.push(base);
      continue;
    }
    const resolved = resolveHighlightAnchor(raw.anchor, targets);
    highlights.push({
      ...base,
      anchor: raw.anchor,
      ...(resolved.turn !== undefined ? { turn: resolved.turn } : {}),
      resolution: resolved.resolution,
    });
    if (resolved.resolution === 'repaired') {
      warn(
        raw.line,
        raw.column,
        `highlight link #${raw.anchor} repaired to #${resolved.turn} (${resolved.reason})`,
      );
    } else if (resolved.resolution === 'unresolved') {
      warn(
        raw.line,
        raw.column,
        `highlight link #${raw.anchor} matches no turn (${resolved.reason}); fix the anchor`,
      );
    }
  }
  return highlights;
}

/** Each chapter lands on the first turn at or after its time. */
function landChapters(chapters: Chapter[], turns: Turn[]): void {
  for (const chapter of chapters) {
    const turn = turns.find((t) => t.t >= chapter.t);
    if (turn) chapter.turn = turn.id;
  }
}

/** The meeting record: id and title from the title heading (or the source folder), speakers in order of first turn. */
function assembleMeeting(
  source: string,
  { title, date }: Title,
  preface: Preface,
  highlights: Highlight[],
  turns: Turn[],
): Meeting {
  const id0 = sourceSlug(source);
  const speakers: string[] = [];
  for (const turn of turns)
    for (const id of turn.speakers) if (!speakers.includes(id)) speakers.push(id);
  return {
    id: date ?? id0,
    title: title !== '' ? title : (date ?? id0),
    date,
    ...(preface.time !== undefined ? { time: preface.time } : {}),
    ...(preface.youtube !== undefined ? { youtube: preface.youtube } : {}),
    ...(preface.recording !== undefined ? { recording: preface.recording } : {}),
    ...sourceFolder(source),
    notes: preface.notes,
    agenda: preface.agenda,
    highlights,
    chapters: preface.chapters,
    topicEdits: { add: [], remove: [] },
    speakers,
    turns,
  };
}

/** The URL id for an undated meeting: the slug of its source folder (or file) name. */
export function sourceSlug(source: string): string {
  const parts = source.split(/[\\/]/).filter((p) => p !== '' && p !== '.' && p !== '..');
  let name = parts.length >= 2 ? parts[parts.length - 2]! : (parts[0] ?? 'meeting');
  if (parts.length === 1) name = name.replace(/\.[^.]*$/, '');
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'meeting' : slug;
}
