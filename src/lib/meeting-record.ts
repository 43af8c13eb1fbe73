/**
 * Reads one meeting record for the build (the site's pages and the search index): js-yaml, then
 * the schema, as Astro's content layer reads frontmatter, 8x faster than the importer's
 * `yaml`-based reader (./meeting-file.ts), which is used only to name file:line:col on an error.
 */
import { readFile } from 'node:fs/promises';
import yaml from 'js-yaml';
import { readFrontmatterYaml } from './frontmatter.ts';
import { parseMeetingFile } from './meeting-file.ts';
import { meetingSchema, type Meeting } from './schema.ts';

/** The record of the meeting file `file`; an error names file:line:col. */
export async function readMeetingRecord(file: string): Promise<Meeting> {
  const source = await readFile(file, 'utf8');
  const frontmatter = readFrontmatterYaml(source);
  const parsed = meetingSchema.safeParse(frontmatter ? yaml.load(frontmatter) : undefined);
  if (parsed.success) return parsed.data;
  try {
    parseMeetingFile(source);
  } catch (error) {
    const { line = 1, column = 1 } = error as { line?: number; column?: number };
    throw new Error(`${file}:${line}:${column}: ${(error as Error).message}`);
  }
  throw new Error(`${file}:1:1: invalid meeting record: ${parsed.error.issues[0]?.message}`);
}
