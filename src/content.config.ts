import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { archive } from './data/archive.ts';
import { meetingSchema, speakerSchema, topicSchema } from './lib/schema.ts';

const meetings = defineCollection({
  loader: glob({ pattern: '*.mdx', base: archive.meetingsDir }),
  schema: meetingSchema,
});

/** speakers.yaml in the archive's content folder: one entry per person, with every spelling the archive uses. */
const speakers = defineCollection({
  loader: file(archive.speakersFile),
  schema: speakerSchema,
});

/** topics.yaml in the archive's content folder: recurring subjects and the words that mean them. */
const topics = defineCollection({
  loader: file(archive.topicsFile),
  schema: topicSchema,
});

export const collections = { meetings, speakers, topics };
