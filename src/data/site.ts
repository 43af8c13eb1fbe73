/** Build-time access to the content collections, loaded once per build and shared by pages. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { getCollection, type CollectionEntry } from 'astro:content';
import yaml from 'js-yaml';
import { archive } from './archive.ts';
import { readMeetingRecord } from '../lib/meeting-record.ts';
import { terminologyFileSchema, type TerminologyEntry } from '../lib/search/terminology.ts';
import { sortMeetings } from '../lib/site/meetings.ts';
import type { Meeting, Speaker, Topic } from '../lib/schema.ts';

let meetingsPromise: Promise<Meeting[]> | undefined;
let editorialPromise: Promise<Map<string, CollectionEntry<'meetings'>>> | undefined;
let speakersPromise: Promise<Speaker[]> | undefined;
let topicsPromise: Promise<Topic[]> | undefined;

/**
 * Every meeting record, turns included, newest first: read from the files the content layer
 * found (its store keeps only their heads; see src/content.config.ts).
 */
export function loadMeetings(): Promise<Meeting[]> {
  meetingsPromise ??= getCollection('meetings').then(async (entries) =>
    sortMeetings(
      await Promise.all(
        entries.map((e) => {
          if (!e.filePath) throw new Error(`meeting ${e.id}: the content layer gave no file`);
          return readMeetingRecord(path.resolve(e.filePath));
        }),
      ),
    ),
  );
  return meetingsPromise;
}

/**
 * The content entries of meetings with a hand-written MDX body, by meeting id, for `render()`.
 */
export function loadEditorialEntries(): Promise<Map<string, CollectionEntry<'meetings'>>> {
  editorialPromise ??= getCollection('meetings').then(
    (entries) => new Map(entries.filter((e) => e.body?.trim()).map((e) => [e.data.id, e])),
  );
  return editorialPromise;
}

/** Every person in content/speakers.yaml. */
export function loadSpeakers(): Promise<Speaker[]> {
  speakersPromise ??= getCollection('speakers').then((entries) => entries.map((e) => e.data));
  return speakersPromise;
}

/** Every topic in content/topics.yaml. */
export function loadTopics(): Promise<Topic[]> {
  topicsPromise ??= getCollection('topics').then((entries) => entries.map((e) => e.data));
  return topicsPromise;
}

/** Display names keyed by speaker id. */
export async function loadSpeakerNames(): Promise<Map<string, string>> {
  return new Map((await loadSpeakers()).map((s) => [s.id, s.name]));
}

/** Known mis-hearings: the archive's terminology.yaml; none when the archive has no such file. */
export async function loadTerminology(): Promise<TerminologyEntry[]> {
  if (!existsSync(archive.terminologyFile)) return [];
  const text = await readFile(archive.terminologyFile, 'utf8');
  return terminologyFileSchema.parse(yaml.load(text) ?? []);
}
