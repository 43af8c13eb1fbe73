/** Pure helpers over meeting records: ordering, grouping, neighbours, highlight markers. */
import type { Meeting } from '../schema.ts';

/** Newest first by date; undated meetings last, by id. */
export function sortMeetings<T extends Pick<Meeting, 'id' | 'date'>>(meetings: readonly T[]): T[] {
  return [...meetings].sort((a, b) => {
    if (a.date && b.date) return a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
    if (a.date) return -1;
    if (b.date) return 1;
    return a.id.localeCompare(b.id);
  });
}

/** Groups meetings (already sorted) by year; undated ones under "Undated". */
export function groupMeetingsByYear<T extends Pick<Meeting, 'date'>>(
  meetings: readonly T[],
): { year: string; meetings: T[] }[] {
  const groups: { year: string; meetings: T[] }[] = [];
  for (const m of meetings) {
    const year = m.date?.slice(0, 4) ?? 'Undated';
    const last = groups.at(-1);
    if (last?.year === year) last.meetings.push(m);
    else groups.push({ year, meetings: [m] });
  }
  return groups;
}

/** The previous (older) and next (newer) meeting around `id` in a newest-first list. */
export function findNeighbours<T extends Pick<Meeting, 'id'>>(
  sorted: readonly T[],
  id: string,
): { older?: T; newer?: T } {
  const i = sorted.findIndex((m) => m.id === id);
  if (i === -1) return {};
  const older = sorted[i + 1];
  const newer = i > 0 ? sorted[i - 1] : undefined;
  return { ...(older ? { older } : {}), ...(newer ? { newer } : {}) };
}

/** Highlight titles keyed by the turn they land on, in highlight order (for transcript markers). */
export function collectHighlightMarkers(
  meeting: Pick<Meeting, 'highlights'>,
): Map<string, string[]> {
  const markers = new Map<string, string[]>();
  for (const h of meeting.highlights) {
    if (!h.turn) continue;
    const list = markers.get(h.turn) ?? [];
    list.push(h.title);
    markers.set(h.turn, list);
  }
  return markers;
}
