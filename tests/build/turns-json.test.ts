/**
 * `/meetings/<id>/turns.json` over the whole corpus: every turn's `line` is its speaker line in
 * the corpus file, and its `id` and `t` are the page's (the turn heading's id, the video link's `t=`).
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadArchive } from '../../src/lib/archive-config.ts';
import { formatTime } from '../../src/lib/format.ts';
import { parseTimeLabel } from '../../src/lib/import/speaker-line.ts';
import type { TurnsJson } from '../../src/lib/site/turns-json.ts';
import { corpusDir, repoRoot } from '../helpers/paths.ts';
import { pageTurns, readMeetingRecords, readPage, requireBuiltSite } from '../helpers/site.ts';

const dist = requireBuiltSite();
const meetings = readMeetingRecords();
const { upstream } = loadArchive(repoRoot, {});

/**
 * Whether a speaker line says second `t`: as written, in its link's `t=`, as a label with a field
 * of 60 carried over (`00:15:60`), or, on a line without any time, the previous turn's second.
 */
function hasTime(line: string, t: number, previous: number): boolean {
  if (line.includes(formatTime(t)) || line.includes(`t=${t}`)) return true;
  const label = /\*\*\s*\[\[?([^\]]*)\]/.exec(line)?.[1];
  if (label === undefined) return t === previous;
  return parseTimeLabel(label) === t;
}

describe('turns.json', () => {
  it('points every turn at its speaker line in the source file, with the page ids and times', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const m of meetings) {
      const file = path.join(dist, 'meetings', m.id, 'turns.json');
      if (!existsSync(file)) {
        bad.push(`${m.id}: no turns.json`);
        continue;
      }
      const json = JSON.parse(readFileSync(file, 'utf8')) as TurnsJson;
      const folder = decodeURIComponent(json.source?.split('/').at(-2) ?? '');
      const expected = upstream.repository + '/blob/' + upstream.branch + '/';
      const want = expected + upstream.path.replace('<folder>', encodeURIComponent(folder));
      if (json.source !== want) bad.push(`${m.id}: source ${json.source}, want ${want}`);
      const sourceFile = path.join(corpusDir, folder, 'meeting-transcript.md');
      const lines = readFileSync(sourceFile, 'utf8').replace(/\r\n?/g, '\n').split('\n');
      const page = readPage(`/meetings/${m.id}/`);
      const turns = pageTurns(page);
      if (turns.length !== json.turns.length)
        bad.push(`${m.id}: ${json.turns.length} turns in turns.json, ${turns.length} on the page`);
      json.turns.forEach((turn, i) => {
        const shown = turns[i];
        const where = `${m.id} turn ${i} (${turn.id})`;
        if (!shown) return;
        const { id, el } = shown;
        checked++;
        if (id !== turn.id) bad.push(`${where}: the page has ${id}`);
        const href = el.querySelector('a.ts')?.getAttribute('href');
        if (m.youtube && href !== undefined && !href.endsWith(`&t=${turn.t}`))
          bad.push(`${where}: t ${turn.t}, the page's video link is ${href}`);
        if (!m.youtube && el.querySelector('.ts')?.text !== formatTime(turn.t))
          bad.push(`${where}: t ${turn.t}, the page shows ${el.querySelector('.ts')?.text}`);
        const label = el.querySelector('.spk')?.text ?? '';
        const line = turn.line === null ? undefined : lines[turn.line - 1];
        if (line === undefined) bad.push(`${where}: line ${turn.line} is not in ${sourceFile}`);
        else if (!line.includes(`**${label}**`))
          bad.push(`${where}: line ${turn.line} lacks the speaker "${label}": ${line}`);
        else if (!hasTime(line, turn.t, json.turns[i - 1]?.t ?? 0))
          bad.push(`${where}: line ${turn.line} lacks the time ${formatTime(turn.t)}: ${line}`);
      });
    }
    console.log(`turns.json: ${checked} turns of ${meetings.length} meetings checked`);
    assert.deepEqual(bad.slice(0, 30), [], `${bad.length} problem(s)`);
  });
});
