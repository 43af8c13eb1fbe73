/**
 * Zod schemas for the site's content: the single source of truth for what a meeting record holds.
 * Used by src/content.config.ts (the Astro collection) and by the importer that writes the files.
 */
import { z } from 'astro/zod';

/** How a highlight's link was matched to a turn. */
// Objects are strict: a misspelt key in a hand edit (`hightlights:`) is an error, not silently dropped.
export const resolutionSchema = z.enum(['exact', 'repaired', 'unresolved']);

/** One speaker turn. `id` is written once by the importer and never recomputed (permalinks). */
export const turnSchema = z.strictObject({
  /**
   * GitHub heading slug of the original speaker line, e.g. `geohot-000010`. GitHub keeps
   * non-ASCII letters and marks (`josé-000001`), so they are allowed; never spaces or punctuation.
   */
  id: z.string().regex(/^[\p{L}\p{M}\p{N}_-]+$/u),
  /** The speaker label exactly as the transcript wrote it, e.g. `Geohot & Chenyu`. */
  speaker: z.string(),
  /** Canonical speaker ids from content/speakers.yaml; empty when unknown. */
  speakers: z.array(z.string()),
  /** Seconds from the start of the recording. */
  t: z.number().int().nonnegative(),
  /** 1-based line of the speaker line in the source file; absent in files imported before it was kept. */
  line: z.number().int().positive().optional(),
  /** Transcript text with its inline markdown, lines joined by `\n`. Untrusted. */
  text: z.string(),
});

export const highlightSchema = z.strictObject({
  title: z.string(),
  summary: z.string(),
  /** Group heading for nested highlights (e.g. "Other Bounties"); absent at top level. */
  group: z.string().optional(),
  /** The anchor the source linked to, as written (without `#`); absent when it had no link. */
  anchor: z.string().optional(),
  /** Id of the turn it lands on; absent when unresolved. */
  turn: z.string().optional(),
  resolution: resolutionSchema,
});

export const agendaItemSchema = z.strictObject({
  text: z.string(),
});

export const chapterSchema = z.strictObject({
  t: z.number().int().nonnegative(),
  title: z.string(),
  summary: z.string(),
  /** Id of the first turn at or after `t`, when there is one. */
  turn: z.string().optional(),
});

export const meetingSchema = z.strictObject({
  /** URL id: the meeting date (`2025-04-14`) or the source folder's slug. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  /** ISO date `YYYY-MM-DD`, or null for an undated meeting. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  /** The `**Time:**` note as written. */
  time: z.string().optional(),
  /** YouTube video id, when the meeting has one. */
  youtube: z
    .string()
    .regex(/^[A-Za-z0-9_-]{11}$/)
    .optional(),
  /** Recording link (Drive, ...) when there is no YouTube video or besides it. */
  recording: z.url({ protocol: /^https$/ }).optional(),
  /** The source's folder in the upstream archive (`2025-04-14`), for links to the transcript. */
  folder: z.string().min(1).optional(),
  /** Free-text notes around the title, audio links and briefings, as markdown (untrusted). */
  notes: z.array(z.strictObject({ heading: z.string().optional(), text: z.string() })).default([]),
  agenda: z.array(agendaItemSchema).default([]),
  highlights: z.array(highlightSchema).default([]),
  chapters: z.array(chapterSchema).default([]),
  /**
   * Hand edits to the automatic topic assignment (which is computed at build time from
   * content/topics.yaml); kept across re-imports.
   */
  topicEdits: z
    .strictObject({ add: z.array(z.string()).default([]), remove: z.array(z.string()).default([]) })
    .default({ add: [], remove: [] }),
  /** Canonical ids of everyone who spoke, in order of first turn. */
  speakers: z.array(z.string()).default([]),
  turns: z.array(turnSchema),
});

export const speakerSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  aliases: z.array(z.string()).default([]),
});
export const speakersFileSchema = z.array(speakerSchema);

export const topicSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  description: z.string(),
  /** Words and spellings that mean this topic; matched as whole words, any case. */
  terms: z.array(z.string()).min(1),
});
export const topicsFileSchema = z.array(topicSchema);

export type Turn = z.output<typeof turnSchema>;
export type Highlight = z.output<typeof highlightSchema>;
export type AgendaItem = z.output<typeof agendaItemSchema>;
export type Chapter = z.output<typeof chapterSchema>;
export type Meeting = z.output<typeof meetingSchema>;
export type Speaker = z.output<typeof speakerSchema>;
export type Topic = z.output<typeof topicSchema>;
