/** Shared helpers for importer tests: fixtures, the real speaker registry, a quick import. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { importTranscript, type ImportResult } from '../../src/lib/import/import-transcript.ts';
import { createSpeakerRegistry, parseSpeakersFile } from '../../src/lib/import/speakers.ts';
import { repoRoot } from './paths.ts';

export { repoRoot };
export const fixturesDir = path.join(repoRoot, 'tests', 'fixtures', 'transcripts');

/** The registry from content/speakers.yaml. */
export const registry = createSpeakerRegistry(
  parseSpeakersFile(readFileSync(path.join(repoRoot, 'content', 'speakers.yaml'), 'utf8')),
);

/** Reads one fixture transcript as text. */
export function readFixture(name: string): string {
  return readFileSync(path.join(fixturesDir, name), 'utf8');
}

/** Imports transcript text with the real registry. */
export function importText(
  text: string,
  source = 'fixture/meeting-transcript.md',
  previous?: string,
): ImportResult {
  return importTranscript(text, {
    source,
    registry,
    ...(previous !== undefined ? { previous } : {}),
  });
}

/** Imports one fixture file. */
export function importFixture(name: string): ImportResult {
  return importText(readFixture(name), `fixtures/${name}`);
}
