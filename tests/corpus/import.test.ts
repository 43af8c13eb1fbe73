/**
 * The importer over the whole real corpus (CORPUS_DIR, default ../shared/corpus/tinycorp-meetings
 * from the repo root), read at run time and never copied into the repo.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import GithubSlugger from 'github-slugger';
import { toHeadingText } from '../../src/lib/import/anchors.ts';
import { decodeTranscript } from '../../src/lib/import/decode-input.ts';
import { importTranscript, type ImportResult } from '../../src/lib/import/import-transcript.ts';
import { matchSpeakerLine } from '../../src/lib/import/speaker-line.ts';
import { createSpeakerRegistry, parseSpeakersFile } from '../../src/lib/import/speakers.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const corpusDir = path.resolve(
  repoRoot,
  process.env['CORPUS_DIR'] ?? '../shared/corpus/tinycorp-meetings',
);
const registry = createSpeakerRegistry(
  parseSpeakersFile(readFileSync(path.join(repoRoot, 'content', 'speakers.yaml'), 'utf8')),
);

const sources = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((d) => existsSync(path.join(corpusDir, d, 'meeting-transcript.md')))
      .sort()
      .map((d) => `${d}/meeting-transcript.md`)
  : [];

const TRANSCRIPT_HEADING = /^#{1,6}\s+transcript\b/i;

const results = new Map<string, { text: string; result: ImportResult }>();
function load(source: string) {
  let entry = results.get(source);
  if (!entry) {
    const text = decodeTranscript(readFileSync(path.join(corpusDir, source))).replace(
      /\r\n?/g,
      '\n',
    );
    entry = { text, result: importTranscript(text, { source, registry }) };
    results.set(source, entry);
  }
  return entry;
}

test('corpus is present', () => {
  assert.ok(
    sources.length > 0,
    `no meeting-transcript.md under ${corpusDir}: set CORPUS_DIR to a copy of the corpus`,
  );
});

for (const source of sources) {
  test(`corpus ${source}`, () => {
    const { text, result } = load(source);
    const { meeting, warnings } = result;
    const lines = text.split('\n');
    const start = lines.findIndex((l) => TRANSCRIPT_HEADING.test(l));
    const body = lines.slice(start + 1);

    // Turn count = speaker lines, less those whose timestamp was unreadable (kept as text).
    const speakerLines = body.filter((l) => matchSpeakerLine(l) !== undefined);
    const unreadable = warnings.filter((w) => w.message.startsWith('unreadable timestamp')).length;
    assert.equal(meeting.turns.length, speakerLines.length - unreadable);

    // Ids unique per meeting.
    const ids = meeting.turns.map((t) => t.id);
    assert.equal(new Set(ids).size, ids.length, 'turn ids are unique');

    // No word lost: every word of every transcript line, in order, in the turn texts or labels.
    const words = meeting.turns
      .flatMap((t) => [...t.speaker.split(/\s+/), ...t.text.split(/\s+/)])
      .filter((w) => w !== '');
    let k = 0;
    for (const [n, line] of body.entries()) {
      // A speaker line's words are its label (in `speaker`) and text after its timestamp.
      const speaker = matchSpeakerLine(line);
      const m = speaker?.badTime === undefined ? speaker : undefined;
      const lineWords = (m ? `${m.label} ${m.tail}` : line).split(/\s+/).filter((w) => w !== '');
      for (const word of lineWords) {
        while (k < words.length && words[k] !== word) k++;
        assert.ok(k < words.length, `${source}:${start + 2 + n}: word "${word}" lost`);
        k++;
      }
    }

    // Ids match what GitHub generates for the file's headings (all of them, in document order).
    const slugger = new GithubSlugger();
    const headingSlugs = new Map<number, string>();
    lines.forEach((line, i) => {
      const h = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
      if (h) headingSlugs.set(i, slugger.slug(toHeadingText(h[2] ?? '')));
    });
    const turnLines = lines
      .map((l, i) => [l, i] as const)
      .filter(([l, i]) => i > start && /^#{5}\s+\*\*/.test(l) && matchSpeakerLine(l) !== undefined);
    const headingTurnIds = new Set(turnLines.map(([, i]) => headingSlugs.get(i)));
    for (const id of headingTurnIds)
      assert.ok(ids.includes(id!), `GitHub heading id ${id} is a turn id`);
  });
}

test('highlight resolution over the corpus', () => {
  const counts = { exact: 0, repaired: 0, unresolved: 0, withoutLink: 0 };
  const unresolved: string[] = [];
  for (const source of sources) {
    const { result } = load(source);
    result.meeting.highlights.forEach((h) => {
      if (h.anchor === undefined) counts.withoutLink++;
      else counts[h.resolution]++;
      if (h.anchor !== undefined && h.resolution === 'unresolved')
        unresolved.push(`${source}#${h.anchor}`);
    });
  }
  console.log(
    `highlights with a link: ${counts.exact} exact, ${counts.repaired} repaired, ${counts.unresolved} unresolved; ${counts.withoutLink} without a link (count)`,
  );
  if (unresolved.length > 0) console.log(`unresolved: ${unresolved.join(', ')}`);
  assert.deepEqual(unresolved, [], 'every linked highlight lands on a turn');
});
