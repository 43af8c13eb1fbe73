/** `/meetings/<id>/turns.json`: the meeting's source and turns, from the record the page shows. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { archive } from '../../../data/archive.ts';
import { loadMeetings } from '../../../data/site.ts';
import type { Meeting } from '../../../lib/schema.ts';
import { buildTurnsJson } from '../../../lib/site/turns-json.ts';

export const getStaticPaths = (async () => {
  const meetings = await loadMeetings();
  return meetings.map((meeting) => ({ params: { id: meeting.id }, props: { meeting } }));
}) satisfies GetStaticPaths;

interface Props {
  meeting: Meeting;
}

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(JSON.stringify(buildTurnsJson(props.meeting, archive.upstream)), {
    headers: { 'Content-Type': 'application/json' },
  });
