/**
 * `npm run permalinks:update`: imports the corpus (CORPUS_DIR) in memory and rewrites
 * tests/permalinks/turn-ids.json with every turn id per meeting. Run it on purpose, when
 * meetings were added or a change of ids was decided, then review the diff: ids may be added,
 * never removed or moved (tests/build/permalinks.test.ts enforces that against the stored file).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { collectTranscripts, toSourceName } from '../../src/cli/import.ts';
import { decodeTranscript } from '../../src/lib/import/decode-input.ts';
import { importTranscript } from '../../src/lib/import/import-transcript.ts';
import {
  collectTurnIds,
  findBrokenPermalinks,
  findNewPermalinks,
  type TurnIdIndex,
} from '../../src/lib/import/permalinks.ts';
import { createSpeakerRegistry, parseSpeakersFile } from '../../src/lib/import/speakers.ts';
import { corpusDir, repoRoot } from '../helpers/paths.ts';

/** The stored index of every corpus turn id. */
export const turnIdsFile = path.join(repoRoot, 'tests/permalinks/turn-ids.json');

const registry = createSpeakerRegistry(
  parseSpeakersFile(readFileSync(path.join(repoRoot, 'content/speakers.yaml'), 'utf8')),
);
const meetings = collectTranscripts([corpusDir]).files.map(
  (file) =>
    importTranscript(decodeTranscript(readFileSync(file)), {
      source: toSourceName(file),
      registry,
    }).meeting,
);
const current = collectTurnIds(meetings);
let stored: TurnIdIndex = {};
try {
  stored = JSON.parse(readFileSync(turnIdsFile, 'utf8')) as TurnIdIndex;
} catch {
  // first run: nothing stored yet
}
const broken = findBrokenPermalinks(stored, current);
const added = findNewPermalinks(stored, current);
writeFileSync(turnIdsFile, JSON.stringify(current, null, 2) + '\n');
const turns = Object.values(current).reduce((n, t) => n + Object.keys(t).length, 0);
console.log(
  `permalinks: stored ${turns} turn ids of ${meetings.length} meetings; ${added.length} added`,
);
if (broken.length > 0) {
  console.log(`permalinks: WARNING, this update breaks ${broken.length} permalink(s):`);
  for (const line of broken.slice(0, 50)) console.log(`  ${line}`);
}
