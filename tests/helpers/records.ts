/** Small meeting records for unit tests: every required field, overridable. */
import type { Meeting, Turn } from '../../src/lib/schema.ts';

/** A meeting record with empty lists; `parts` overrides any field. */
export function makeMeeting(parts: Partial<Meeting> = {}): Meeting {
  const id = parts.id ?? 'm';
  return {
    id,
    title: `${id} Meeting`,
    date: '2025-01-01',
    notes: [],
    agenda: [],
    highlights: [],
    chapters: [],
    topicEdits: { add: [], remove: [] },
    speakers: [],
    turns: [],
    ...parts,
  };
}

/** A turn record. */
export function makeTurn(
  id: string,
  speaker: string,
  speakers: string[],
  text: string,
  t = 0,
): Turn {
  return { id, speaker, speakers, t, text };
}
