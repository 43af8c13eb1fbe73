/**
 * The transcript part: every line after the Transcript heading belongs to a turn. A speaker line
 * starts a turn, whose id is the line's GitHub heading slug; other lines are its text. Headings
 * inside the transcript are slugged in order too, so highlight links to them land on their turn.
 */
import type { AnchorSlugger } from './anchors.ts';
import {
  ATX_HEADING,
  SETEXT_UNDERLINE,
  headingContent,
  joinLines,
  type Line,
} from './markdown-lines.ts';
import type { Turn } from '../schema.ts';
import { slugSetext } from './setext-heading.ts';
import { matchSpeakerLine, type SpeakerMatch } from './speaker-line.ts';
import { resolveSpeakerLabel, type SpeakerRegistry } from './speakers.ts';

/** Reports a warning at a 1-based line and column of the transcript. */
export type Warn = (line: number, column: number, message: string) => void;

/** What reading the turns needs: the document's slugger, the speaker registry, a warning sink. */
export interface TurnContext {
  slugger: AnchorSlugger;
  registry: SpeakerRegistry;
  warn: Warn;
}

/** The turns of a transcript, and what else its lines held. */
export interface TranscriptBody {
  turns: Turn[];
  /** Slugs of non-turn headings inside the transcript → the id of the turn holding them. */
  headingAnchors: Map<string, string>;
  /** Text before the first speaker line, kept as a note. */
  orphanNote?: { heading: string; text: string };
}

interface TurnState {
  turns: Turn[];
  headingAnchors: Map<string, string>;
  orphanLines: Line[];
  pendingHeadings: string[];
  disagreements: number[];
  unknownWarned: Set<string>;
  current: { turn: Turn; lines: string[] } | undefined;
}

/** Reads the turns from `transcriptStart` (the Transcript heading or the first speaker line) on. */
export function readTurns(
  lines: Line[],
  transcriptStart: number,
  context: TurnContext,
): TranscriptBody {
  const state: TurnState = {
    turns: [],
    headingAnchors: new Map(),
    orphanLines: [],
    pendingHeadings: [],
    disagreements: [],
    unknownWarned: new Set(),
    current: undefined,
  };
  let bodyStart = transcriptStart;
  const heading =
    transcriptStart < lines.length ? ATX_HEADING.exec(lines[transcriptStart]!.text) : null;
  if (heading) {
    context.slugger.slugHeading(headingContent(heading[2] ?? ''));
    bodyStart++;
  }
  for (let i = bodyStart; i < lines.length; i++) {
    const speaker = matchSpeakerLine(lines[i]!.text);
    if (speaker && speaker.badTime === undefined) startTurn(lines[i]!, speaker, state, context);
    else addTextLine(lines, i, speaker, state, context);
  }
  return finishTranscript(state, context.warn);
}

/** Starts a turn at a speaker line: its id, speakers and time, warning about what was recovered. */
function startTurn(
  line: Line,
  speaker: SpeakerMatch,
  state: TurnState,
  context: TurnContext,
): void {
  finishTurn(state);
  const { slugger, registry, warn } = context;
  const { turns } = state;
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
  if (speaker.disagrees) state.disagreements.push(line.no);
  const resolved = resolveSpeakerLabel(registry, speaker.label);
  warnUnknownSpeakers(line, resolved.unknown, state.unknownWarned, warn);
  const turn: Turn = {
    id,
    speaker: speaker.label,
    speakers: resolved.ids,
    t: speaker.t ?? previousT,
    line: line.no,
    text: '',
  };
  turns.push(turn);
  state.current = { turn, lines: speaker.tail === '' ? [] : [speaker.tail] };
}

/** Warns once per meeting about each speaker name the registry does not know. */
function warnUnknownSpeakers(line: Line, unknown: string[], warned: Set<string>, warn: Warn): void {
  for (const part of unknown) {
    if (warned.has(part)) continue;
    warned.add(part);
    const column = line.text.indexOf(part) + 1 || 1;
    warn(
      line.no,
      column,
      `unknown speaker "${part}"; add it to content/speakers.yaml (as a new person or an alias)`,
    );
  }
}

/** A line that is not a speaker line: text of the current turn (or before the first one). */
function addTextLine(
  lines: Line[],
  index: number,
  speaker: SpeakerMatch | undefined,
  state: TurnState,
  context: TurnContext,
): void {
  const line = lines[index]!;
  const { current } = state;
  if (speaker?.badTime !== undefined) {
    context.warn(
      line.no,
      1,
      `unreadable timestamp "${speaker.badTime}" in speaker line; kept the line as text of the ${current ? 'previous turn' : 'transcript note'}; write it as [hh:mm:ss]`,
    );
  }
  const h = ATX_HEADING.exec(line.text);
  if (h) {
    const slug = context.slugger.slugHeading(headingContent(h[2] ?? ''));
    if (current) state.headingAnchors.set(slug, current.turn.id);
    else state.pendingHeadings.push(slug);
  } else if (SETEXT_UNDERLINE.test(line.text)) {
    const slug = slugSetext(lines, index, context.slugger);
    if (slug !== undefined && current) state.headingAnchors.set(slug, current.turn.id);
  }
  if (current) current.lines.push(line.text);
  else state.orphanLines.push(line);
}

function finishTurn(state: TurnState): void {
  if (state.current) state.current.turn.text = joinLines(state.current.lines);
}

/** Closes the last turn; headings before the first turn land on it; leading text is a note. */
function finishTranscript(state: TurnState, warn: Warn): TranscriptBody {
  finishTurn(state);
  const { turns, headingAnchors, disagreements } = state;
  if (disagreements.length > 0) {
    warn(
      disagreements[0]!,
      1,
      `${disagreements.length} speaker line(s) have a link t= that disagrees with the [hh:mm:ss] label (first here); the label is used`,
    );
  }
  for (const slug of state.pendingHeadings.splice(0)) {
    if (turns[0]) headingAnchors.set(slug, turns[0].id);
  }
  const orphanText = joinLines(state.orphanLines.map((l) => l.text));
  if (orphanText === '') return { turns, headingAnchors };
  const first = state.orphanLines.find((l) => l.text.trim() !== '')!;
  warn(first.no, 1, 'text before the first speaker line; kept as a note headed "Transcript"');
  return { turns, headingAnchors, orphanNote: { heading: 'Transcript', text: orphanText } };
}
