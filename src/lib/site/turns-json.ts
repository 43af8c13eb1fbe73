/**
 * `/meetings/<id>/turns.json` (DESIGN.md contract): the meeting's upstream source and its turns
 * in transcript order, for tools and for the page's own scripts (which import the types only).
 */
import type { ArchiveConfig } from '../archive-config.ts';
import type { Meeting } from '../schema.ts';
import { sourceFileUrl } from '../source-link.ts';

/** One turn: its permanent id, speaker ids, second, and the line of its speaker line upstream. */
export interface TurnsJsonTurn {
  id: string;
  speakers: string[];
  t: number;
  /** 1-based line in the source file; null for a meeting imported before lines were kept. */
  line: number | null;
}

/** The whole file. */
export interface TurnsJson {
  /** The transcript's web address upstream; null when the meeting's folder is unknown. */
  source: string | null;
  turns: TurnsJsonTurn[];
}

/** The turns.json document of a meeting. */
export function buildTurnsJson(meeting: Meeting, upstream: ArchiveConfig['upstream']): TurnsJson {
  return {
    source: sourceFileUrl(upstream, meeting.folder) ?? null,
    turns: meeting.turns.map((turn) => ({
      id: turn.id,
      speakers: turn.speakers,
      t: turn.t,
      line: turn.line ?? null,
    })),
  };
}
