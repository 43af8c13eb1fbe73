/**
 * Parser for the community meeting transcripts (markdown, 2024-2026 format variants) into a
 * meeting record. Built for the format, not for particular files: sections are recognised by
 * their heading words at any level, speaker lines in every known shape, and any text it cannot
 * place is kept (as a note or in the previous turn) and warned about, never dropped.
 */
import { createAnchorSlugger } from './anchors.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { formatTime } from '../format.ts';
import { resolveHighlightAnchor } from './highlights.ts';
import type { AgendaItem, Chapter, Highlight, Meeting, Turn } from '../schema.ts';
import { resolveSpeakerLabel, type SpeakerRegistry } from './speakers.ts';
import { SourceError } from '../source-error.ts';

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

interface Line {
  text: string;
  /** 1-based line number in the normalised input. */
  no: number;
}

interface Section {
  heading?: string;
  headingLine?: number;
  level: number;
  kind: 'pretitle' | 'title' | 'agenda' | 'audio' | 'highlights' | 'chapters' | 'other';
  lines: Line[];
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const SPEAKER_LINE = /^ {0,3}(?:(#{1,6})[ \t]+)?\*\*([^*\n]+?)\*\*(.*)$/;
const LIST_ITEM = /^(\s*)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)(.*)$/;
const DATE_TITLE = /^(\d{4}-\d{2}-\d{2})\b/;
const TIME_NOTE = /^\*\*time:?\*\*:?[ \t]*(.*)$/i;
const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;
const BARE_URL = /https?:\/\/[^\s)<>\]]+/g;

/** Heading text without the `#` markers and an optional closing sequence. */
function headingContent(raw: string): string {
  const content = raw.trim();
  if (/^#+$/.test(content)) return '';
  return content.replace(/[ \t]+#+$/, '').trim();
}

/** Line text with trailing spaces (markdown hard breaks) removed. */
function trimLine(text: string): string {
  return text.replace(/[ \t]+$/, '');
}

/** Joins lines as markdown text: trailing spaces trimmed, outer blank lines and runs removed. */
function joinLines(lines: string[]): string {
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
function dedent(text: string, count: number): string {
  let i = 0;
  while (i < count && text[i] === ' ') i++;
  return text.slice(i);
}

/**
 * Seconds in a `hh:mm:ss` / `mm:ss` label, or undefined when it is not a valid time. A minutes
 * or seconds field of exactly 60 carries over (`00:15:60` is 00:16:00): transcribers round up
 * that way, and the line is still a real turn.
 */
export function parseTimeLabel(label: string): number | undefined {
  const m = /^\s*(?:(\d{1,3}):)?(\d{1,2}):(\d{2})(?:\.\d+)?\s*$/.exec(label);
  if (!m) return undefined;
  const h = Number(m[1] ?? 0);
  const min = Number(m[2]);
  const s = Number(m[3]);
  if (min > 60 || s > 60) return undefined;
  return h * 3600 + min * 60 + s;
}

/** True when a time label has a minutes or seconds field of 60, which `parseTimeLabel` carries over. */
function hasSixtyField(label: string): boolean {
  return /:60(?![0-9])/.test(label);
}

/** Seconds in a video link's `t=` parameter (`t=90`, `t=90s`, `t=1m30s`), if present. */
export function parseLinkSeconds(url: string): number | undefined {
  const m = /[?&#]t=(?:(\d+)h)?(?:(\d+)m)?(\d+)?s?(?:&|$|#)/.exec(url);
  if (!m || (m[1] === undefined && m[2] === undefined && m[3] === undefined)) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The 11-character YouTube video id of a watch, youtu.be, live, shorts or embed link. */
export function parseYoutubeId(url: string): string | undefined {
  const m =
    /^https?:\/\/(?:www\.|m\.)?youtube\.com\/(?:watch\?(?:[^#\s]*&)?v=|live\/|shorts\/|embed\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(
      url,
    ) ?? /^https?:\/\/youtu\.be\/([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(url);
  return m?.[1];
}

function classifyHeading(text: string): Section['kind'] | 'transcript' {
  const words = text
    .toLowerCase()
    .replace(/[*_`:#]/g, ' ')
    .trim();
  if (/^transcript\b/.test(words)) return 'transcript';
  if (/^(meeting\s+)?agenda\b/.test(words)) return 'agenda';
  if (/^(audio|recording|video)\b/.test(words)) return 'audio';
  if (/^highlights?\b/.test(words)) return 'highlights';
  if (/^chapters?\b/.test(words)) return 'chapters';
  return 'other';
}

interface SpeakerMatch {
  /** Inline markdown GitHub would slug (the heading content, or the whole plain line). */
  headingMarkdown: string;
  label: string;
  /** Seconds, or undefined when the line had no timestamp at all. */
  t?: number;
  /** Set when the line looked like a speaker line but its time could not be read. */
  badTime?: string;
  /** Text after the timestamp on the same line. */
  tail: string;
  /** A warning about how the time was recovered. */
  note?: string;
  /** The label and the link's `t=` disagree by more than a second (the label wins). */
  disagrees?: boolean;
}

/** Recognises a speaker line in any of the archive's shapes; undefined for other lines. */
export function matchSpeakerLine(text: string): SpeakerMatch | undefined {
  const m = SPEAKER_LINE.exec(trimLine(text));
  if (!m) return undefined;
  const isHeading = m[1] !== undefined;
  const label = (m[2] ?? '').trim();
  const rest = (m[3] ?? '').trimStart();
  if (label === '') return undefined;
  const headingMarkdown = isHeading
    ? headingContent(trimLine(text).replace(/^ {0,3}#+/, ''))
    : trimLine(text).trim();
  if (rest === '' || (isHeading && /^#*$/.test(rest))) {
    return isHeading ? { headingMarkdown, label, tail: '' } : undefined;
  }
  if (!rest.startsWith('[')) return undefined;
  const linked =
    /^\[\[([^\]]*)\]\(([^)\s]*)\)\](.*)$/.exec(rest) ??
    /^\[([^\]]*)\]\(([^)\s]*)\)(.*)$/.exec(rest);
  const plain = linked ? undefined : /^\[([^\]]*)\](.*)$/.exec(rest);
  const label0 = linked?.[1] ?? plain?.[1] ?? '';
  const url = linked?.[2];
  const tail = (linked?.[3] ?? plain?.[2] ?? rest).trim();
  const fromLabel = parseTimeLabel(label0);
  const fromLink = url === undefined ? undefined : parseLinkSeconds(url);
  if (fromLabel !== undefined) {
    const disagrees = fromLink !== undefined && Math.abs(fromLink - fromLabel) > 1;
    const note = hasSixtyField(label0)
      ? `timestamp "${label0.trim()}" has a field of 60; read as ${formatTime(fromLabel)} (${fromLabel} s)`
      : undefined;
    return {
      headingMarkdown,
      label,
      t: fromLabel,
      tail,
      ...(disagrees ? { disagrees } : {}),
      ...(note !== undefined ? { note } : {}),
    };
  }
  if (fromLink !== undefined) {
    const note = `malformed timestamp "${label0}"; took t=${fromLink} from the link`;
    return { headingMarkdown, label, t: fromLink, tail, note };
  }
  if (!linked && !plain) return undefined;
  return { headingMarkdown, label, badTime: label0, tail };
}

/** True when markdown text has a speaker line with a readable time, as every transcript does. */
export function looksLikeTranscript(text: string): boolean {
  return text.split('\n').some((line) => matchSpeakerLine(line)?.t !== undefined);
}

/** Parses normalised transcript text into a meeting record plus warnings. */
export function parseTranscript(text: string, options: ParseOptions): ParsedTranscript {
  const { source, registry } = options;
  const warnings: Diagnostic[] = [];
  const warn = (line: number, column: number, message: string) =>
    warnings.push({ file: source, line, column, message, severity: 'warning' });

  const lines: Line[] = text.split('\n').map((t, i) => ({ text: t, no: i + 1 }));
  if (text.trim() === '') {
    throw new SourceError(
      'empty transcript: expected a "# YYYY-MM-DD Meeting" title and speaker turns',
      1,
      1,
    );
  }

  // Locate the title and the start of the transcript.
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
  if (titleIndex === -1) titleIndex = firstH1;

  const slugger = createAnchorSlugger();
  const id0 = sourceSlug(source);
  let title = '';
  let date: string | null = null;
  let time: string | undefined;
  let youtube: string | undefined;
  let recording: string | undefined;
  const notes: Meeting['notes'] = [];
  const agenda: AgendaItem[] = [];
  const rawHighlights: RawHighlight[] = [];
  const chapters: Chapter[] = [];

  // Preface: split into sections by heading, slugging every heading in order.
  const sections: Section[] = [{ kind: 'pretitle', level: 0, lines: [] }];
  for (let i = 0; i < transcriptStart; i++) {
    const line = lines[i]!;
    const h = ATX_HEADING.exec(line.text);
    if (!h) {
      if (SETEXT_UNDERLINE.test(line.text)) slugSetext(lines, i, slugger);
      sections[sections.length - 1]!.lines.push(line);
      continue;
    }
    const content = headingContent(h[2] ?? '');
    slugger.slugHeading(content);
    if (i === titleIndex) {
      title = content;
      date = DATE_TITLE.exec(content)?.[1] ?? null;
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

  for (const section of sections) {
    // A `**Time:**` line is the meeting time wherever it appears in the preface.
    const rest: Line[] = [];
    for (const line of section.lines) {
      const m = TIME_NOTE.exec(trimLine(line.text).trim());
      if (m && time === undefined) time = (m[1] ?? '').trim();
      else rest.push(line);
    }
    switch (section.kind) {
      case 'agenda':
        for (const line of rest) {
          const content = trimLine(line.text).trim();
          if (content === '') continue;
          const item = LIST_ITEM.exec(content);
          const itemText = item ? (item[2] ?? '').trim() : content;
          if (itemText !== '') agenda.push({ text: itemText });
        }
        break;
      case 'audio': {
        const kept: string[] = [];
        for (const line of rest) {
          const content = trimLine(line.text).trim();
          const links = [...content.matchAll(MARKDOWN_LINK)].map((m) => m[2] ?? '');
          const urls = links.length > 0 ? links : [...content.matchAll(BARE_URL)].map((m) => m[0]);
          for (const url of urls) {
            const video = parseYoutubeId(url);
            // The site only links recordings over https; other links stay in the note text.
            if (video !== undefined) youtube ??= video;
            else if (/^https:\/\//.test(url) && URL.canParse(url)) recording ??= url;
          }
          const onlyLink =
            /^\[[^\]]*\]\([^)\s]+\)$/.test(content) || /^https?:\/\/\S+$/.test(content);
          const used =
            urls.length === 1 &&
            [youtube, recording].some(
              (v) => v !== undefined && (v === urls[0] || v === parseYoutubeId(urls[0]!)),
            );
          if (!(onlyLink && used)) kept.push(line.text);
        }
        const noteText = joinLines(kept);
        if (noteText !== '') notes.push({ heading: section.heading ?? 'Audio', text: noteText });
        break;
      }
      case 'highlights':
        parseHighlightSection(section, rest, rawHighlights, notes);
        break;
      case 'chapters':
        parseChapterSection(section, rest, chapters, notes);
        break;
      default: {
        const noteText = joinLines(rest.map((l) => l.text));
        if (noteText !== '' || section.heading !== undefined) {
          notes.push({
            ...(section.heading !== undefined ? { heading: section.heading } : {}),
            text: noteText,
          });
        }
      }
    }
  }

  // Transcript: every line after the Transcript heading belongs to a turn.
  const turns: Turn[] = [];
  const turnLines: number[] = [];
  const headingAnchors = new Map<string, string>();
  const orphanLines: Line[] = [];
  const pendingHeadings: string[] = [];
  const disagreements: number[] = [];
  const unknownWarned = new Set<string>();
  let current: { turn: Turn; lines: string[] } | undefined;
  const finish = () => {
    if (current) current.turn.text = joinLines(current.lines);
  };
  let bodyStart = transcriptStart;
  if (transcriptStart < lines.length && ATX_HEADING.test(lines[transcriptStart]!.text)) {
    const h = ATX_HEADING.exec(lines[transcriptStart]!.text)!;
    slugger.slugHeading(headingContent(h[2] ?? ''));
    bodyStart++;
  }
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    const speaker = matchSpeakerLine(line.text);
    if (speaker && speaker.badTime === undefined) {
      finish();
      let id = slugger.slugHeading(speaker.headingMarkdown);
      if (id === '') id = slugger.slugHeading('turn');
      const previousT = turns.length > 0 ? turns[turns.length - 1]!.t : 0;
      if (speaker.t === undefined) {
        warn(
          line.no,
          1,
          `speaker line has no timestamp; using the previous turn's time (${previousT} s)`,
        );
      } else if (speaker.note !== undefined) {
        warn(line.no, 1, speaker.note);
      }
      if (speaker.disagrees) disagreements.push(line.no);
      const resolved = resolveSpeakerLabel(registry, speaker.label);
      for (const part of resolved.unknown) {
        if (unknownWarned.has(part)) continue;
        unknownWarned.add(part);
        const column = line.text.indexOf(part) + 1 || 1;
        warn(
          line.no,
          column,
          `unknown speaker "${part}"; add it to content/speakers.yaml (as a new person or an alias)`,
        );
      }
      const turn: Turn = {
        id,
        speaker: speaker.label,
        speakers: resolved.ids,
        t: speaker.t ?? previousT,
        text: '',
      };
      turns.push(turn);
      turnLines.push(line.no);
      current = { turn, lines: speaker.tail === '' ? [] : [speaker.tail] };
      continue;
    }
    if (speaker?.badTime !== undefined) {
      warn(
        line.no,
        1,
        `unreadable timestamp "${speaker.badTime}" in speaker line; kept the line as text of the ${current ? 'previous turn' : 'transcript note'}; write it as [hh:mm:ss]`,
      );
    }
    const h = ATX_HEADING.exec(line.text);
    if (h) {
      const slug = slugger.slugHeading(headingContent(h[2] ?? ''));
      if (current) headingAnchors.set(slug, current.turn.id);
      else pendingHeadings.push(slug);
    } else if (SETEXT_UNDERLINE.test(line.text)) {
      const slug = slugSetext(lines, i, slugger);
      if (slug !== undefined && current) headingAnchors.set(slug, current.turn.id);
    }
    if (current) current.lines.push(line.text);
    else orphanLines.push(line);
  }
  finish();
  if (disagreements.length > 0) {
    warn(
      disagreements[0]!,
      1,
      `${disagreements.length} speaker line(s) have a link t= that disagrees with the [hh:mm:ss] label (first here); the label is used`,
    );
  }
  // Headings before the first turn land on the first turn.
  for (const slug of pendingHeadings.splice(0)) {
    if (turns[0]) headingAnchors.set(slug, turns[0].id);
  }
  const orphanText = joinLines(orphanLines.map((l) => l.text));
  if (orphanText !== '') {
    const first = orphanLines.find((l) => l.text.trim() !== '')!;
    warn(first.no, 1, 'text before the first speaker line; kept as a note headed "Transcript"');
    notes.push({ heading: 'Transcript', text: orphanText });
  }
  if (turns.length === 0) {
    const at = transcriptStart < lines.length ? lines[transcriptStart]!.no : lines.length;
    throw new SourceError(
      'no speaker turns found; expected lines like "##### **Name** [[00:00:10](https://www.youtube.com/watch?v=ID&t=10)]" or "**Name** [00:00:10]"',
      at,
      1,
    );
  }
  if (youtube === undefined) {
    for (let i = transcriptStart; i < lines.length && youtube === undefined; i++) {
      const speaker = matchSpeakerLine(lines[i]!.text);
      if (!speaker) continue;
      const url = /\]\((https?:\/\/[^)\s]+)\)/.exec(lines[i]!.text)?.[1];
      if (url !== undefined) youtube = parseYoutubeId(url);
    }
  }

  // Highlights and chapters land on turns.
  const targets = { turns, headings: headingAnchors, registry };
  const highlights: Highlight[] = [];
  for (const raw of rawHighlights) {
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
  for (const chapter of chapters) {
    const turn = turns.find((t) => t.t >= chapter.t);
    if (turn) chapter.turn = turn.id;
  }

  const speakers: string[] = [];
  for (const turn of turns)
    for (const id of turn.speakers) if (!speakers.includes(id)) speakers.push(id);

  const meeting: Meeting = {
    id: date ?? id0,
    title: title !== '' ? title : (date ?? id0),
    date,
    ...(time !== undefined ? { time } : {}),
    ...(youtube !== undefined ? { youtube } : {}),
    ...(recording !== undefined ? { recording } : {}),
    notes,
    agenda,
    highlights,
    chapters,
    topicEdits: { add: [], remove: [] },
    speakers,
    turns,
  };
  return { meeting, warnings };
}

/** Slugs the paragraph above a setext underline, as GitHub would; returns the slug if any. */
function slugSetext(
  lines: Line[],
  index: number,
  slugger: ReturnType<typeof createAnchorSlugger>,
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

interface RawHighlight {
  title: string;
  summary: string;
  group?: string;
  anchor?: string;
  line: number;
  column: number;
  indent: number;
  /** True while a lazy continuation line may still supply the summary. */
  open: boolean;
}

const HIGHLIGHT_LINKED =
  /^(?:\*\*)?\[((?:[^\]\\]|\\.)*)\]\(\s*(#?[^)\s]*)\s*\)(?:\*\*)?[ \t]*:?[ \t]*(?:\*\*)?[ \t]*(.*)$/;
const HIGHLIGHT_BRACKETED = /^\*\*\[((?:[^\]\\]|\\.)*)\]\*\*[ \t]*:?[ \t]*(.*)$/;
const HIGHLIGHT_BOLD = /^\*\*([^*]+?)\*\*[ \t]*:?[ \t]*(.*)$/;

function parseHighlightSection(
  section: Section,
  lines: Line[],
  out: RawHighlight[],
  notes: Meeting['notes'],
): void {
  const items: RawHighlight[] = [];
  const stray: string[] = [];
  let previousBlank = true;
  for (const line of lines) {
    const text = trimLine(line.text);
    if (text.trim() === '') {
      previousBlank = true;
      for (const item of items) item.open = false;
      continue;
    }
    const item = LIST_ITEM.exec(text);
    const last = items[items.length - 1];
    if (!item) {
      const indent = text.length - text.trimStart().length;
      if (last && indent >= 2) {
        last.summary = last.summary === '' ? text.trim() : `${last.summary}\n${text.trim()}`;
      } else if (last && last.open && !previousBlank && last.summary === '') {
        last.summary = text.trim();
      } else {
        stray.push(text);
      }
      previousBlank = false;
      continue;
    }
    previousBlank = false;
    const indent = (item[1] ?? '').replace(/\t/g, '    ').length;
    const content = (item[2] ?? '').trim();
    const column = (item[1] ?? '').length + 1;
    const linked = HIGHLIGHT_LINKED.exec(content);
    const bracketed = linked ? undefined : HIGHLIGHT_BRACKETED.exec(content);
    const bold = linked || bracketed ? undefined : HIGHLIGHT_BOLD.exec(content);
    const raw: RawHighlight = {
      title: content,
      summary: '',
      line: line.no,
      column,
      indent,
      open: true,
    };
    if (linked) {
      raw.title = (linked[1] ?? '').trim();
      raw.summary = (linked[3] ?? '').trim();
      const target = linked[2] ?? '';
      if (target.startsWith('#') && target.length > 1) raw.anchor = target.slice(1);
      else if (target !== '')
        raw.summary = raw.summary === '' ? `(${target})` : `(${target}) ${raw.summary}`;
    } else if (bracketed) {
      raw.title = (bracketed[1] ?? '').trim();
      raw.summary = (bracketed[2] ?? '').trim();
    } else if (bold) {
      raw.title = (bold[1] ?? '').trim();
      raw.summary = (bold[2] ?? '').trim();
    }
    items.push(raw);
  }
  // An item followed by more deeply indented items is the group heading of those items (the
  // nearest such parent wins). A top-level group heading with no link or summary is not itself a
  // highlight: its words live on as the `group` of its items.
  const parents: RawHighlight[] = [];
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    while (parents.length > 0 && parents[parents.length - 1]!.indent >= item.indent) parents.pop();
    const parent = parents[parents.length - 1];
    if (parent !== undefined) item.group = parent.title;
    const next = items[k + 1];
    const isGroup = next !== undefined && next.indent > item.indent;
    if (isGroup) parents.push(item);
    if (!isGroup || item.anchor !== undefined || item.summary !== '' || parent !== undefined) {
      out.push(item);
    }
  }
  const strayText = joinLines(stray);
  if (strayText !== '') notes.push({ heading: section.heading ?? 'Highlights', text: strayText });
}

const CHAPTER_ITEM = /^\*\*(\d{1,3}:\d{2}(?::\d{2})?)[ \t]+(.*?)\*\*[ \t]*:?[ \t]*(.*)$/;

function parseChapterSection(
  section: Section,
  lines: Line[],
  out: Chapter[],
  notes: Meeting['notes'],
): void {
  const stray: string[] = [];
  let current: { chapter: Chapter; lines: string[] } | undefined;
  const finish = () => {
    if (current) current.chapter.summary = joinLines(current.lines);
  };
  for (const line of lines) {
    const text = trimLine(line.text);
    const item = LIST_ITEM.exec(text);
    const indent = item ? (item[1] ?? '').length : 0;
    const match = item && indent < 2 ? CHAPTER_ITEM.exec((item[2] ?? '').trim()) : undefined;
    const t = match ? parseTimeLabel(match[1] ?? '') : undefined;
    if (match && t !== undefined) {
      finish();
      const chapter: Chapter = { t, title: (match[2] ?? '').trim(), summary: '' };
      out.push(chapter);
      current = { chapter, lines: match[3] ? [match[3]] : [] };
    } else if (current) {
      current.lines.push(dedent(text, 2));
    } else {
      stray.push(text);
    }
  }
  finish();
  const strayText = joinLines(stray);
  if (strayText !== '') notes.push({ heading: section.heading ?? 'Chapters', text: strayText });
}
