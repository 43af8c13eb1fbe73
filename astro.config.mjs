// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  site: process.env.SITE_URL ?? 'https://meetings.tinygrad.example',
  trailingSlash: 'always',
  integrations: [mdx()],
  build: { format: 'directory' },
});
