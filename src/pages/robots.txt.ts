/** `/robots.txt`: crawl everything; points at the sitemap @astrojs/sitemap writes. */
import type { APIRoute } from 'astro';
import { renderRobots } from '../lib/site/feed-and-robots.ts';

export const GET: APIRoute = ({ site }) => {
  if (!site) throw new Error('robots.txt: set `site` in astro.config.mjs');
  return new Response(renderRobots(site), { headers: { 'Content-Type': 'text/plain' } });
};
