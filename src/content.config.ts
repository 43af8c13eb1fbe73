import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import { archive } from './data/archive.ts';
import { meetingsLoader } from './data/heads-loader.ts';
import { meetingSchema, speakerSchema, topicSchema } from './lib/schema.ts';

/**
 * The meeting files, for their heads and editorial MDX bodies. The turns stay out of the
 * collection: the content layer would hold every turn in its store and bundle the store into the
 * build as one JSON string (at 11 times the corpus, 1.6 GB of heap during the build), so the
 * pages read the records from the files instead (src/data/site.ts `loadMeetings`), and the loader
 * does not parse them at all (src/data/heads-loader.ts): within the build, it takes the heads from
 * the content check.
 */
const meetings = defineCollection({
  loader: meetingsLoader(archive.meetingsDir),
  schema: meetingSchema.omit({ turns: true }),
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
