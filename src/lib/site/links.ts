/**
 * Where the site's pages are and what a link to a meeting says: the one home of the URL rules
 * of DESIGN.md (`/meetings/<id>/`, `#<turn-id>`, `/topics/<id>/`, `/speakers/<id>/`, `/search/`;
 * ids are lowercase slugs, every path ends in a slash).
 */
import { formatDate } from '../format.ts';

/** `/meetings/<id>/`. */
export function meetingUrl(meetingId: string): string {
  return `/meetings/${meetingId}/`;
}

/** `/meetings/<id>/#<turn-id>`: one speaker turn, a permanent link. */
export function turnUrl(meetingId: string, turnId: string): string {
  return `${meetingUrl(meetingId)}#${turnId}`;
}

/** `/topics/<id>/`. */
export function topicUrl(topicId: string): string {
  return `/topics/${topicId}/`;
}

/** `/speakers/<id>/`. */
export function speakerUrl(speakerId: string): string {
  return `/speakers/${speakerId}/`;
}

/** `/search/`, with `?q=...&speaker=...` when parameters are given. */
export function searchUrl(params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return query === '' ? '/search/' : `/search/?${query}`;
}

type Labelled = { date: string | null; title: string };

/** A meeting as a reader names it: its date (`Mon 14 Apr 2025`), or the title of an undated one. */
export function meetingLabel(meeting: Labelled): string {
  return meeting.date ? formatDate(meeting.date) : meeting.title;
}

/** A meeting's page heading and feed title: `Meeting of Mon 14 Apr 2025`, or its title. */
export function meetingHeading(meeting: Labelled): string {
  return meeting.date ? `Meeting of ${formatDate(meeting.date)}` : meeting.title;
}

/** A meeting in a compact list or chart axis: its ISO date (`2025-04-14`), or its title. */
export function meetingShortLabel(meeting: Labelled): string {
  return meeting.date ?? meeting.title;
}
