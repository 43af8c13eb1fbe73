/**
 * Permalinks stay: the importer's output for the corpus (what tests/prepare.ts imported) keeps
 * every turn id stored in tests/permalinks/turn-ids.json, each on the same turn. New ids are fine.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import {
  collectTurnIds,
  findBrokenPermalinks,
  findNewPermalinks,
  type TurnIdIndex,
} from '../../src/lib/import/permalinks.ts';
import { repoRoot } from '../helpers/paths.ts';
import { readMeetingRecords } from '../helpers/site.ts';

const stored = JSON.parse(
  readFileSync(path.join(repoRoot, 'tests/permalinks/turn-ids.json'), 'utf8'),
) as TurnIdIndex;

describe('permalinks', () => {
  it('no stored turn id is removed or moved to another turn', () => {
    const current = collectTurnIds(readMeetingRecords());
    const broken = findBrokenPermalinks(stored, current);
    const added = findNewPermalinks(stored, current);
    const storedCount = Object.values(stored).reduce((n, t) => n + Object.keys(t).length, 0);
    console.log(
      `permalinks: ${storedCount} stored turn ids of ${Object.keys(stored).length} meetings checked; ${added.length} new`,
    );
    assert.ok(storedCount > 20000, 'the stored list covers the corpus');
    assert.deepEqual(
      broken.slice(0, 50),
      [],
      `${broken.length} permalink(s) broken. Permalinks people posted must keep working: fix the ` +
        'importer, or, if the change is deliberate, run `npm run permalinks:update` and explain it in the commit.',
    );
  });

  it('detects a removed and a moved id', () => {
    const before: TurnIdIndex = { m: { 'geohot-000010': 10, 'chenyu-000020': 20 } };
    assert.deepEqual(findBrokenPermalinks(before, { m: { 'geohot-000010': 10, x: 1 } }), [
      'meeting m: turn id chenyu-000020 (at 20 s) was removed',
    ]);
    assert.deepEqual(
      findBrokenPermalinks(before, { m: { 'geohot-000010': 12, 'chenyu-000020': 20 } }),
      ['meeting m: turn id geohot-000010 moved from 10 s to 12 s'],
    );
    assert.deepEqual(findBrokenPermalinks(before, {}), ['meeting m: gone (it had 2 turn ids)']);
  });
});
