/**
 * content/topics.yaml against the real corpus (CORPUS_DIR, default
 * ../shared/corpus/tinycorp-meetings): the derivation rule of its topics, hand edits surviving a
 * re-import of a real meeting, and the fast matcher over every transcript line.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { importTranscript } from '../../src/lib/import/import-transcript.ts';
import { parseMeetingFile, serializeMeetingFile } from '../../src/lib/meeting-file.ts';
import { topicsFileSchema } from '../../src/lib/schema.ts';
import { createSpeakerRegistry, parseSpeakersFile } from '../../src/lib/import/speakers.ts';
import { assignTopics, matchTopics } from '../../src/lib/site/topics.ts';
import { corpusDir, repoRoot } from '../helpers/paths.ts';

// The derivation rule of content/topics.yaml, checked against the real archive.
const readRepoFile = (file: string) => readFileSync(join(repoRoot, file), 'utf8');

/** Agenda items of one transcript: the list under "## Meeting Agenda" or "### Meeting Agenda". */
function readAgenda(markdown: string): string[] {
  const section = markdown.match(/^#{2,3} Meeting Agenda\s*\n([\s\S]*?)(?=^#{1,3} |(?![\s\S]))/m);
  return [...(section?.[1] ?? '').matchAll(/^\s*[-*+]\s+(.+)$/gm)].map((m) => m[1]!.trim());
}

/** Case and punctuation normalised, so "Company updates," and "company updates" recur together. */
function normaliseAgendaItem(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

test('content/topics.yaml: every agenda item recurring in 3+ meetings matches a topic', () => {
  const fileTopics = topicsFileSchema.parse(parse(readRepoFile('content/topics.yaml')));
  const seen = new Map<string, { meetings: Set<string>; spellings: Set<string> }>();
  for (const dir of readdirSync(corpusDir)) {
    const file = join(corpusDir, dir, 'meeting-transcript.md');
    if (!existsSync(file)) continue;
    for (const item of readAgenda(readFileSync(file, 'utf8'))) {
      const key = normaliseAgendaItem(item);
      if (!key) continue;
      const entry = seen.get(key) ?? { meetings: new Set(), spellings: new Set() };
      entry.meetings.add(dir);
      entry.spellings.add(item);
      seen.set(key, entry);
    }
  }
  const recurring = [...seen].filter(([, e]) => e.meetings.size >= 3);
  assert.ok(
    recurring.length >= 20,
    `expected 20+ recurring agenda items, found ${recurring.length}`,
  );
  const unmatched = recurring.flatMap(([, e]) =>
    [...e.spellings].filter((s) => matchTopics(s, fileTopics).length === 0),
  );
  assert.deepEqual(unmatched, [], 'recurring agenda items without a topic');
});

test('hand edits in an MDX file survive a re-import and change the assignment', () => {
  const fileTopics = topicsFileSchema.parse(parse(readRepoFile('content/topics.yaml')));
  const registry = createSpeakerRegistry(parseSpeakersFile(readRepoFile('content/speakers.yaml')));
  const source = '2025-04-14/meeting-transcript.md';
  const transcript = readFileSync(join(corpusDir, source), 'utf8');
  const first = importTranscript(transcript, { source, registry });
  const automatic = assignTopics(first.meeting, fileTopics).topics;
  assert.ok(automatic.includes('webgpu') && !automatic.includes('tensor-cores'));
  // A maintainer edits the file: drops WebGPU, adds tensor cores.
  const edited = parseMeetingFile(first.file);
  edited.meeting.topicEdits = { add: ['tensor-cores'], remove: ['webgpu'] };
  const previous = serializeMeetingFile(edited.meeting, { source, body: edited.body });
  const again = importTranscript(transcript, { source, registry, previous });
  assert.deepEqual(again.meeting.topicEdits, { add: ['tensor-cores'], remove: ['webgpu'] });
  const topicsAfter = assignTopics(parseMeetingFile(again.file).meeting, fileTopics).topics;
  assert.ok(topicsAfter.includes('tensor-cores'), 'added topic kept');
  assert.ok(!topicsAfter.includes('webgpu'), 'removed topic stays removed');
  for (const id of ['driver', 'mlperf', 'scheduler']) assert.ok(topicsAfter.includes(id), id);
});

test('content/topics.yaml over every corpus turn: the fast path finds what the general one does', () => {
  const fileTopics = topicsFileSchema.parse(parse(readRepoFile('content/topics.yaml')));
  const general = [...fileTopics, { id: 'dot', name: 'Dot', description: '', terms: ['.zz'] }];
  let compared = 0;
  for (const dir of readdirSync(corpusDir)) {
    const file = join(corpusDir, dir, 'meeting-transcript.md');
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      assert.deepEqual(matchTopics(line, fileTopics), matchTopics(line, general), line);
      compared++;
    }
  }
  assert.ok(compared > 10_000, `compared ${compared} lines`);
});
