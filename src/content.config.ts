import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { meetingSchema } from './lib/schema.ts';

/** Folder of meeting MDX files; `MEETINGS_DIR` points the build at another one (tests, bench). */
const meetingsDir = process.env['MEETINGS_DIR'] ?? 'content/meetings';

const meetings = defineCollection({
  loader: glob({ pattern: '*.mdx', base: meetingsDir }),
  schema: meetingSchema,
});

export const collections = { meetings };
