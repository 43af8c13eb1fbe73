/**
 * Speaker statistics over meeting records: talk time, topics, recent turns, and the merged
 * who-spoke-when segments of one meeting. Pure: meetings and topics come in as arguments.
 *
 * Talk time of a turn = the next turn's start minus its own start. The last turn of a meeting,
 * and a turn whose next turn starts earlier (a bad timestamp), is estimated from its word count
 * at `wordsPerSecond`. A turn with several canonical speakers ("Geohot & Chenyu") splits its
 * time equally between them; a turn with none (unknown speakers) counts for nobody.
 */
import { matchTopics } from './topics.ts';
import type { Meeting, Topic, Turn } from '../schema.ts';

/** Average speaking rate used to estimate a turn's length from its words (150 words/min). */
export const wordsPerSecond = 2.5;

/** Seconds each turn of `turns` lasts, parallel to `turns` (see the module comment). */
export function measureTurnDurations(turns: readonly Pick<Turn, 't' | 'text'>[]): number[] {
  return turns.map((turn, i) => {
    const next = turns[i + 1];
    if (next && next.t >= turn.t) return next.t - turn.t;
    return estimateSpeakingSeconds(turn.text);
  });
}

/** Seconds it takes to say `text` at `wordsPerSecond`, rounded up, at least 1 for any words. */
export function estimateSpeakingSeconds(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return words ? Math.max(1, Math.ceil(words / wordsPerSecond)) : 0;
}

/** Seconds each canonical speaker talked in `meeting`, largest first (ties by id). */
export function measureTalkTime(meeting: Pick<Meeting, 'turns'>): Map<string, number> {
  const durations = measureTurnDurations(meeting.turns);
  const seconds = new Map<string, number>();
  meeting.turns.forEach((turn, i) => {
    const share = (durations[i] ?? 0) / (turn.speakers.length || 1);
    for (const id of turn.speakers) seconds.set(id, (seconds.get(id) ?? 0) + share);
  });
  return new Map(
    [...seconds]
      .map(([id, s]) => [id, Math.round(s)] as const)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])),
  );
}

/** One speaker's part in one meeting. */
export interface SpeakerMeeting {
  meetingId: string;
  date: string | null;
  title: string;
  /** Seconds of talk time (rounded). */
  seconds: number;
  /** Turns the speaker took part in. */
  turns: number;
}

/** Everything the speaker pages show about one person. */
export interface SpeakerStats {
  id: string;
  /** Total talk time in seconds over all meetings. */
  seconds: number;
  /** Meetings the speaker spoke in, in the order of `meetings` given. */
  meetings: SpeakerMeeting[];
  /** Speaker labels as the archive wrote them for this person, most used first. */
  spellings: { label: string; turns: number }[];
  /** Topics by number of the speaker's turns mentioning them, most first (ties by file order). */
  topics: { id: string; turns: number }[];
  /** The speaker's latest turns, newest meeting first, last turn of a meeting first. */
  recentTurns: { meetingId: string; date: string | null; turn: Turn }[];
}

/**
 * Statistics for every canonical speaker found in `meetings` (pass them newest first: the order
 * is kept for `meetings` and decides `recentTurns`). Speakers without a single turn are absent.
 */
export function collectSpeakerStats(
  meetings: readonly Meeting[],
  topics: readonly Topic[],
  { recent = 10 }: { recent?: number } = {},
): Map<string, SpeakerStats> {
  // Cached per (meetings, topics, recent): the speakers index and every speaker page of a build
  // share one pass over the turns.
  const byTopics =
    statsCache.get(meetings) ??
    new WeakMap<readonly Topic[], Map<number, Map<string, SpeakerStats>>>();
  statsCache.set(meetings, byTopics);
  const byRecent = byTopics.get(topics) ?? new Map<number, Map<string, SpeakerStats>>();
  byTopics.set(topics, byRecent);
  const cached = byRecent.get(recent);
  if (cached) return cached;
  const stats = new Map<string, SpeakerStats>();
  const spellings = new Map<string, Map<string, number>>();
  const topicTurns = new Map<string, Map<string, number>>();
  const order = new Map(topics.map((t, i) => [t.id, i]));
  for (const meeting of meetings) {
    const talk = measureTalkTime(meeting);
    const turnCounts = new Map<string, number>();
    // Newest turn first, so recentTurns fills in reading-back order.
    for (let i = meeting.turns.length - 1; i >= 0; i--) {
      const turn = meeting.turns[i]!;
      const mentioned = turn.speakers.length ? matchTopics(turn.text, topics) : [];
      for (const id of new Set(turn.speakers)) {
        const s = stats.get(id) ?? newStats(id);
        stats.set(id, s);
        turnCounts.set(id, (turnCounts.get(id) ?? 0) + 1);
        if (s.recentTurns.length < recent) {
          s.recentTurns.push({ meetingId: meeting.id, date: meeting.date, turn });
        }
        const labels = spellings.get(id) ?? new Map<string, number>();
        labels.set(turn.speaker, (labels.get(turn.speaker) ?? 0) + 1);
        spellings.set(id, labels);
        const byTopic = topicTurns.get(id) ?? new Map<string, number>();
        for (const t of mentioned) byTopic.set(t, (byTopic.get(t) ?? 0) + 1);
        topicTurns.set(id, byTopic);
      }
    }
    for (const [id, turns] of turnCounts) {
      const s = stats.get(id)!;
      const seconds = talk.get(id) ?? 0;
      s.seconds += seconds;
      s.meetings.push({
        meetingId: meeting.id,
        date: meeting.date,
        title: meeting.title,
        seconds,
        turns,
      });
    }
  }
  byRecent.set(recent, stats);
  for (const [id, s] of stats) {
    s.spellings = [...(spellings.get(id) ?? [])]
      .map(([label, turns]) => ({ label, turns }))
      .sort((a, b) => b.turns - a.turns || a.label.localeCompare(b.label));
    s.topics = [...(topicTurns.get(id) ?? [])]
      .map(([topic, turns]) => ({ id: topic, turns }))
      .sort((a, b) => b.turns - a.turns || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  }
  return stats;
}

const statsCache = new WeakMap<
  readonly Meeting[],
  WeakMap<readonly Topic[], Map<number, Map<string, SpeakerStats>>>
>();

function newStats(id: string): SpeakerStats {
  return { id, seconds: 0, meetings: [], spellings: [], topics: [], recentTurns: [] };
}

/** A run of consecutive turns by the same speaker label, for the who-spoke-when strip. */
export interface SpeakerSegment {
  /** Id of the run's first turn (the link target). */
  turn: string;
  /** The speaker label as written, e.g. `Geohot & Chenyu`. */
  speaker: string;
  /** Canonical speaker ids of the label; empty when unknown. */
  speakers: string[];
  /** Start, in seconds from the start of the recording. */
  start: number;
  /** Length in seconds. */
  seconds: number;
}

/**
 * Who spoke when in `meeting`: consecutive turns with the same speaker label merged into one
 * segment. To keep the strip light for meetings with thousands of short turns, a segment
 * shorter than `minSeconds` is folded into the segment before it (it stays in the transcript,
 * the strip just does not draw it); the first segment is never folded away.
 */
export function segmentSpeakers(
  meeting: Pick<Meeting, 'turns'>,
  { minSeconds = 0 }: { minSeconds?: number } = {},
): SpeakerSegment[] {
  const durations = measureTurnDurations(meeting.turns);
  const segments: SpeakerSegment[] = [];
  meeting.turns.forEach((turn, i) => {
    const seconds = durations[i] ?? 0;
    const last = segments.at(-1);
    if (last && last.speaker === turn.speaker) {
      last.seconds += seconds;
      return;
    }
    segments.push({
      turn: turn.id,
      speaker: turn.speaker,
      speakers: turn.speakers,
      start: turn.t,
      seconds,
    });
  });
  if (minSeconds <= 0) return segments;
  const kept: SpeakerSegment[] = [];
  for (const segment of segments) {
    const last = kept.at(-1);
    if (last && (segment.seconds < minSeconds || last.speaker === segment.speaker)) {
      last.seconds += segment.seconds;
    } else {
      kept.push({ ...segment });
    }
  }
  return kept;
}

/** Talk time for readers: `45 s`, `12 min`, `3 h 05 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
