import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { meetingSchema, speakerSchema, topicSchema } from './lib/schema.ts';

/** Folder of meeting MDX files; `MEETINGS_DIR` points the build at another one (tests, bench). */
const meetingsDir = process.env['MEETINGS_DIR'] ?? 'content/meetings';

const meetings = defineCollection({
  loader: glob({ pattern: '*.mdx', base: meetingsDir }),
  schema: meetingSchema,
});

/** content/speakers.yaml: one entry per person, with every spelling the archive uses. */
const speakers = defineCollection({
  loader: file('content/speakers.yaml'),
  schema: speakerSchema,
});

/** content/topics.yaml: recurring subjects and the words that mean them. */
const topics = defineCollection({
  loader: file('content/topics.yaml'),
  schema: topicSchema,
});

export const collections = { meetings, speakers, topics };
