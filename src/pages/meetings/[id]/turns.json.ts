/** `/meetings/<id>/turns.json`: the meeting's source and turns, from the record the page shows. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection, type CollectionEntry } from 'astro:content';
import { archive } from '../../../data/archive.ts';
import { buildTurnsJson } from '../../../lib/site/turns-json.ts';

export const getStaticPaths = (async () => {
  const entries = await getCollection('meetings');
  return entries.map((entry) => ({ params: { id: entry.data.id }, props: { entry } }));
}) satisfies GetStaticPaths;

interface Props {
  entry: CollectionEntry<'meetings'>;
}

export const GET: APIRoute<Props> = ({ props }) =>
  new Response(JSON.stringify(buildTurnsJson(props.entry.data, archive.upstream)), {
    headers: { 'Content-Type': 'application/json' },
  });
