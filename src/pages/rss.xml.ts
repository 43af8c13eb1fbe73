/** `/rss.xml`: the meetings, newest first, with their highlights (RSS 2.0, @astrojs/rss). */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { archive } from '../data/archive.ts';
import { loadMeetings } from '../data/site.ts';
import { renderFeedDescription } from '../lib/site/feed-and-robots.ts';
import { meetingHeading, meetingUrl } from '../lib/site/links.ts';

export const GET: APIRoute = async ({ site }) => {
  if (!site) throw new Error('rss.xml: set `site` in astro.config.mjs');
  const meetings = await loadMeetings();
  return rss({
    title: archive.name,
    description: archive.feedDescription,
    site,
    customData: '<language>en</language>',
    items: meetings.map((m) => ({
      title: meetingHeading(m),
      link: meetingUrl(m.id),
      ...(m.date ? { pubDate: new Date(`${m.date}T00:00:00Z`) } : {}),
      description: renderFeedDescription(
        m.highlights.map((h) => (h.summary ? `${h.title}: ${h.summary}` : h.title)),
      ),
    })),
  });
};
