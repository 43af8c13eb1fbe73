/**
 * Reads one meeting record for the build (the site's pages and the search index): js-yaml, then
 * the schema, as Astro's content layer reads frontmatter, 8x faster than the importer's
 * `yaml`-based reader (./meeting-file.ts), which is used only to name file:line:col on an error.
 *
 * Within `npm run build`, the content check has already parsed every file: it writes each
 * record, as the schema gives it, to the folder named by `checkedRecordsEnv`
 * (./checked-records.ts), and the build marks the folder complete (`checkedRecordsReady`) once
 * the check has passed. The readers then
 * take the record from there, JSON instead of YAML (measured at 4x: 2.6 s of YAML in
 * `astro build` and 2.1 s in the index's staging), and wait for the mark, since Astro starts
 * beside the check. Without that variable (`astro build`, `astro dev`) they read the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import yaml from 'js-yaml';
import {
  checkedHeadsFile,
  checkedRecordFile,
  checkedRecordsEnv,
  checkedRecordsReady,
  type CheckedHead,
} from './checked-records.ts';
import { readFrontmatterYaml } from './frontmatter.ts';
import { parseMeetingFile } from './meeting-file.ts';
import { meetingSchema, type Meeting } from './schema.ts';

let ready: Promise<string | undefined> | undefined;

/** The folder of checked records once the check has passed; undefined outside `npm run build`. */
function checkedRecords(): Promise<string | undefined> {
  ready ??= (async () => {
    const dir = process.env[checkedRecordsEnv];
    if (!dir) return undefined;
    // The build stops this process if the check fails, so the wait ends either way.
    while (!existsSync(path.join(dir, checkedRecordsReady))) await sleep(20);
    return dir;
  })();
  return ready;
}

/**
 * The heads of every meeting file the check has passed, once it has passed; undefined outside
 * `npm run build`.
 */
export async function readCheckedHeads(): Promise<CheckedHead[] | undefined> {
  const dir = await checkedRecords();
  const file = dir ? path.join(dir, checkedHeadsFile) : undefined;
  if (!file || !existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as CheckedHead[];
}

/**
 * The record of the meeting file `file`; an error names file:line:col. It is taken from the folder
 * of checked records `checked` (default: `checkedRecords()`) where that holds it, read at once
 * (src/cli/build.ts stages the index in the process that runs its other steps, and keeps the
 * thread pool out of it), else from the file: one the check did not see was added during the
 * build.
 */
export async function readMeetingRecord(file: string, checked?: string): Promise<Meeting> {
  const dir = checked ?? (await checkedRecords());
  const record = dir ? checkedRecordFile(dir, file) : undefined;
  if (record && existsSync(record)) return JSON.parse(readFileSync(record, 'utf8')) as Meeting;
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
