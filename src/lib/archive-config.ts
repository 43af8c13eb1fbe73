/**
 * The archive's configuration (archive.yaml at the repository root, or the file ARCHIVE_CONFIG
 * names): its name, wording, base URL, upstream source and content folder. Everything specific to
 * one archive lives there, so the rest of the code names none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'astro/zod';
import yaml from 'js-yaml';

/** The schema of archive.yaml. */
export const archiveConfigSchema = z.strictObject({
  /** The site's name: header, page titles, Open Graph site name, feed title. */
  name: z.string().min(1),
  /** The home page's heading. */
  heading: z.string().min(1),
  /** The default page description (meta description, Open Graph, Twitter card). */
  description: z.string().min(1),
  /** The RSS feed's description. */
  feedDescription: z.string().min(1),
  /** The base URL the site is published at (canonical URLs, feed, sitemap). */
  site: z.url({ protocol: /^https?$/ }),
  /** The footer's credit line: plain text with `[text](https://...)` links. */
  credit: z.string().min(1),
  /** Where the transcripts come from. */
  upstream: z.strictObject({
    /** The repository's web address, e.g. `https://github.com/owner/name`. */
    repository: z.url({ protocol: /^https$/ }),
    branch: z.string().min(1),
    /** A transcript's path in the repository; `<folder>` stands for the meeting's folder. */
    path: z.string().includes('<folder>'),
  }),
  /** Folder (relative to this file) of speakers.yaml, topics.yaml, terminology.yaml, meetings/. */
  content: z.string().min(1).default('content'),
  /** External hosts the transcripts link besides the site-wide ones (videos, code, posts). */
  linkHosts: z.array(z.string().regex(/^[a-z0-9.-]+$/)).default([]),
});

/** A validated archive configuration. */
export type ArchiveConfig = z.output<typeof archiveConfigSchema>;

/** The configuration with its content folder resolved to absolute paths. */
export interface Archive extends ArchiveConfig {
  /** The configuration file read. */
  configFile: string;
  contentDir: string;
  /** Meeting MDX files: `MEETINGS_DIR` when set, else `<content>/meetings`. */
  meetingsDir: string;
  speakersFile: string;
  topicsFile: string;
  terminologyFile: string;
}

/** Parses archive.yaml text; throws an Error naming the file and the bad field. */
export function parseArchiveConfig(text: string, file: string): ArchiveConfig {
  const parsed = archiveConfigSchema.safeParse(yaml.load(text));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`${file}: ${issue?.path.join('.') || '(top level)'}: ${issue?.message}`);
}

/**
 * Reads the archive configuration: the file `ARCHIVE_CONFIG` names when set, else
 * `<root>/archive.yaml`; `MEETINGS_DIR` overrides its meetings folder. Paths in the environment
 * are relative to the working directory.
 */
export function loadArchive(root: string, env: NodeJS.ProcessEnv = process.env): Archive {
  const configFile = env['ARCHIVE_CONFIG']
    ? path.resolve(env['ARCHIVE_CONFIG'])
    : path.join(root, 'archive.yaml');
  const config = parseArchiveConfig(readFileSync(configFile, 'utf8'), configFile);
  const contentDir = path.resolve(path.dirname(configFile), config.content);
  const meetingsDir = env['MEETINGS_DIR']
    ? path.resolve(env['MEETINGS_DIR'])
    : path.join(contentDir, 'meetings');
  return {
    ...config,
    configFile,
    contentDir,
    meetingsDir,
    speakersFile: path.join(contentDir, 'speakers.yaml'),
    topicsFile: path.join(contentDir, 'topics.yaml'),
    terminologyFile: path.join(contentDir, 'terminology.yaml'),
  };
}

/** The web address of one meeting's transcript in the upstream repository. */
export function upstreamFileUrl(upstream: ArchiveConfig['upstream'], folder: string): string {
  const file = upstream.path.replace('<folder>', encodeURIComponent(folder));
  return `${upstream.repository.replace(/\/+$/, '')}/blob/${upstream.branch}/${file}`;
}

/** A piece of the credit line: text, or a link with its text. */
export type CreditPart = { text: string; href?: string };

/** Splits a credit line into text and `[text](https://...)` links, for escaping markup. */
export function splitCredit(credit: string): CreditPart[] {
  const parts: CreditPart[] = [];
  let last = 0;
  for (const m of credit.matchAll(/\[([^\]]+)\]\((https:\/\/[^)\s]+)\)/g)) {
    if (m.index > last) parts.push({ text: credit.slice(last, m.index) });
    parts.push({ text: m[1]!, href: m[2]! });
    last = m.index + m[0].length;
  }
  if (last < credit.length) parts.push({ text: credit.slice(last) });
  return parts;
}
