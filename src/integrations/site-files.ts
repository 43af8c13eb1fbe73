/**
 * Writes the site-wide files that depend on the list of built pages, at the end of `astro build`:
 * `sitemap.xml` (every page but the 404, absolute URLs on `site`) and `_headers` (the
 * Content-Security-Policy of src/lib/csp.ts for hosts that read one).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { renderHeadersFile } from '../lib/csp.ts';
import { renderSitemap } from '../lib/site-files.ts';

/** The Astro integration; requires `site` in the config for absolute sitemap URLs. */
export function createSiteFilesIntegration(): AstroIntegration {
  let site: URL | undefined;
  return {
    name: 'site-files',
    hooks: {
      'astro:config:done': ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
      },
      'astro:build:done': async ({ dir, pages }) => {
        if (!site) throw new Error('site-files: set `site` in astro.config.mjs for the sitemap');
        const out = fileURLToPath(dir);
        const paths = pages.map((p) => '/' + p.pathname);
        await writeFile(path.join(out, 'sitemap.xml'), renderSitemap(site, paths));
        await writeFile(path.join(out, '_headers'), renderHeadersFile());
      },
    },
  };
}
