/** The site's URL rules and meeting labels, in one module. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  meetingHeading,
  meetingLabel,
  meetingShortLabel,
  meetingUrl,
  searchUrl,
  speakerUrl,
  topicUrl,
  turnUrl,
} from '../../../src/lib/site/links.ts';

test('URLs: lowercase ids, trailing slashes, turn fragments, search parameters', () => {
  assert.equal(meetingUrl('2025-04-14'), '/meetings/2025-04-14/');
  assert.equal(turnUrl('2025-04-14', 'geohot-000010'), '/meetings/2025-04-14/#geohot-000010');
  assert.equal(topicUrl('driver'), '/topics/driver/');
  assert.equal(speakerUrl('sied-lykles'), '/speakers/sied-lykles/');
  assert.equal(searchUrl(), '/search/');
  assert.equal(
    searchUrl({ q: 'flash attention', speaker: 'nimlgen' }),
    '/search/?q=flash+attention&speaker=nimlgen',
  );
});

test('meeting labels: the date when there is one, else the title', () => {
  const dated = { date: '2025-04-14', title: '2025-04-14 Meeting' };
  const undated = { date: null, title: 'Consensus talk' };
  assert.equal(meetingLabel(dated), 'Mon 14 Apr 2025');
  assert.equal(meetingHeading(dated), 'Meeting of Mon 14 Apr 2025');
  assert.equal(meetingShortLabel(dated), '2025-04-14');
  for (const label of [meetingLabel, meetingHeading, meetingShortLabel]) {
    assert.equal(label(undated), 'Consensus talk');
  }
});
