// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { createHeadersFileIntegration } from './src/integrations/headers-file.ts';
import { createMeetingMdxIntegration } from './src/integrations/meeting-mdx.ts';
import { loadArchive } from './src/lib/archive-config.ts';

// archive.yaml (or ARCHIVE_CONFIG): the archive's name, base URL, content folder.
const archive = loadArchive(process.cwd());

export default defineConfig({
  site: process.env.SITE_URL ?? archive.site,
  trailingSlash: 'always',
  integrations: [
    createMeetingMdxIntegration(),
    mdx(),
    createHeadersFileIntegration(),
    // Every page but the 404 (which is noindex and has no canonical URL).
    sitemap({ filter: (page) => !/\/404\/?$/.test(new URL(page).pathname) }),
  ],
  // No inline scripts or styles, so the Content-Security-Policy (src/lib/site/csp.ts) needs neither
  // 'unsafe-inline' nor per-page hashes.
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: {
    build: {
      assetsInlineLimit: 0,
      rollupOptions: {
        // Astro's own MDX output trips this warning once per MDX file (withastro/astro#18087,
        // harmless): one per meeting buries the build log. Every other warning still shows.
        onwarn(warning, warn) {
          if (
            warning.code === 'MODULE_LEVEL_DIRECTIVE' &&
            /astro:head-inject/.test(warning.message)
          )
            return;
          warn(warning);
        },
      },
    },
  },
});
