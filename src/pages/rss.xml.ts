/** `/rss.xml`: the meetings, newest first, with their highlights (RSS 2.0). */
import type { APIRoute } from 'astro';
import { loadMeetings } from '../data/site.ts';
import { formatDate } from '../lib/format.ts';
import { renderRssFeed } from '../lib/site-files.ts';

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('rss.xml: set `site` in astro.config.mjs');
  const meetings = await loadMeetings();
  const body = renderRssFeed(
    {
      title: 'tinygrad meetings',
      description: 'The tiny corp / tinygrad weekly meetings: highlights and full transcripts.',
      link: new URL('/', site).href,
      self: new URL('/rss.xml', site).href,
    },
    meetings.map((m) => ({
      title: m.date ? `Meeting of ${formatDate(m.date)}` : m.title,
      link: new URL(`/meetings/${m.id}/`, site).href,
      date: m.date ?? undefined,
      highlights: m.highlights.map((h) => (h.summary ? `${h.title}: ${h.summary}` : h.title)),
    })),
  );
  return new Response(body, { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
};
