/**
 * The preface of a transcript, the part before its first speaker line: sections found by their
 * heading words (agenda, audio, highlights, chapters), read into the meeting's fields; whatever
 * a section holds that is not one of its items is kept as a note, never dropped.
 */
import type { AgendaItem, Chapter, Meeting } from '../schema.ts';
import { LIST_ITEM, dedent, joinLines, trimLine, type Line } from './markdown-lines.ts';
import { parseTimeLabel } from './speaker-line.ts';

/** The lines under one heading of the preface. */
export interface Section {
  heading?: string;
  headingLine?: number;
  level: number;
  kind: 'pretitle' | 'title' | 'agenda' | 'audio' | 'highlights' | 'chapters' | 'other';
  lines: Line[];
}

/** A highlight as written, before its link is resolved to a turn. */
export interface RawHighlight {
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

/** What the preface says about the meeting. */
export interface Preface {
  time?: string;
  youtube?: string;
  recording?: string;
  notes: Meeting['notes'];
  agenda: AgendaItem[];
  highlights: RawHighlight[];
  chapters: Chapter[];
}

const TIME_NOTE = /^\*\*time:?\*\*:?[ \t]*(.*)$/i;
const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;
const BARE_URL = /https?:\/\/[^\s)<>\]]+/g;

/** What a section is, from its heading words. */
export function classifyHeading(text: string): Section['kind'] | 'transcript' {
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

/** Reads every section of the preface, in order, into the meeting's fields. */
export function readPreface(sections: Section[]): Preface {
  const preface: Preface = { notes: [], agenda: [], highlights: [], chapters: [] };
  for (const section of sections) {
    const rest = takeTimeNote(section.lines, preface);
    switch (section.kind) {
      case 'agenda':
        readAgendaSection(rest, preface.agenda);
        break;
      case 'audio':
        readAudioSection(section, rest, preface);
        break;
      case 'highlights':
        parseHighlightSection(section, rest, preface.highlights, preface.notes);
        break;
      case 'chapters':
        parseChapterSection(section, rest, preface.chapters, preface.notes);
        break;
      default: {
        const noteText = joinLines(rest.map((l) => l.text));
        if (noteText !== '' || section.heading !== undefined) {
          preface.notes.push({
            ...(section.heading !== undefined ? { heading: section.heading } : {}),
            text: noteText,
          });
        }
      }
    }
  }
  return preface;
}

/** A `**Time:**` line is the meeting time wherever it appears in the preface; returns the other lines. */
function takeTimeNote(lines: Line[], preface: Preface): Line[] {
  const rest: Line[] = [];
  for (const line of lines) {
    const m = TIME_NOTE.exec(trimLine(line.text).trim());
    if (m && preface.time === undefined) preface.time = (m[1] ?? '').trim();
    else rest.push(line);
  }
  return rest;
}

function readAgendaSection(lines: Line[], agenda: AgendaItem[]): void {
  for (const line of lines) {
    const content = trimLine(line.text).trim();
    if (content === '') continue;
    const item = LIST_ITEM.exec(content);
    const itemText = item ? (item[2] ?? '').trim() : content;
    if (itemText !== '') agenda.push({ text: itemText });
  }
}

/** The recording's links: the first YouTube video and the first other https link; the rest is a note. */
function readAudioSection(section: Section, lines: Line[], preface: Preface): void {
  const kept: string[] = [];
  for (const line of lines) {
    const content = trimLine(line.text).trim();
    const links = [...content.matchAll(MARKDOWN_LINK)].map((m) => m[2] ?? '');
    const urls = links.length > 0 ? links : [...content.matchAll(BARE_URL)].map((m) => m[0]);
    for (const url of urls) {
      const video = parseYoutubeId(url);
      // The site only links recordings over https; other links stay in the note text.
      if (video !== undefined) preface.youtube ??= video;
      else if (/^https:\/\//.test(url) && URL.canParse(url)) preface.recording ??= url;
    }
    const onlyLink = /^\[[^\]]*\]\([^)\s]+\)$/.test(content) || /^https?:\/\/\S+$/.test(content);
    const used =
      urls.length === 1 &&
      [preface.youtube, preface.recording].some(
        (v) => v !== undefined && (v === urls[0] || v === parseYoutubeId(urls[0]!)),
      );
    if (!(onlyLink && used)) kept.push(line.text);
  }
  const noteText = joinLines(kept);
  if (noteText !== '') preface.notes.push({ heading: section.heading ?? 'Audio', text: noteText });
}

/** The 11-character YouTube video id of a watch, youtu.be, live, shorts or embed link. */
export function parseYoutubeId(url: string): string | undefined {
  const m =
    /^https?:\/\/(?:www\.|m\.)?youtube\.com\/(?:watch\?(?:[^#\s]*&)?v=|live\/|shorts\/|embed\/)([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(
      url,
    ) ?? /^https?:\/\/youtu\.be\/([A-Za-z0-9_-]{11})(?![A-Za-z0-9_-])/.exec(url);
  return m?.[1];
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
  const { items, stray } = readHighlightItems(lines);
  out.push(...nestHighlightGroups(items));
  const strayText = joinLines(stray);
  if (strayText !== '') notes.push({ heading: section.heading ?? 'Highlights', text: strayText });
}

/** The list items of a highlights section, with continuation lines joined to their summary. */
function readHighlightItems(lines: Line[]): { items: RawHighlight[]; stray: string[] } {
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
    items.push(readHighlightItem(item, line.no));
  }
  return { items, stray };
}

/** One highlight list item: `[title](#anchor): summary`, `**[title]**: summary`, `**title**: summary` or plain text. */
function readHighlightItem(item: RegExpExecArray, lineNo: number): RawHighlight {
  const indent = (item[1] ?? '').replace(/\t/g, '    ').length;
  const content = (item[2] ?? '').trim();
  const column = (item[1] ?? '').length + 1;
  const linked = HIGHLIGHT_LINKED.exec(content);
  const bracketed = linked ? undefined : HIGHLIGHT_BRACKETED.exec(content);
  const bold = linked || bracketed ? undefined : HIGHLIGHT_BOLD.exec(content);
  const raw: RawHighlight = {
    title: content,
    summary: '',
    line: lineNo,
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
  return raw;
}

/**
 * An item followed by more deeply indented items is the group heading of those items (the
 * nearest such parent wins). A top-level group heading with no link or summary is not itself a
 * highlight: its words live on as the `group` of its items.
 */
function nestHighlightGroups(items: RawHighlight[]): RawHighlight[] {
  const out: RawHighlight[] = [];
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
  return out;
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
