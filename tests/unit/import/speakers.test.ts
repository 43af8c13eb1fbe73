import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createSpeakerRegistry,
  parseSpeakersFile,
  resolveSpeakerLabel,
} from '../../../src/lib/import/speakers.ts';
import { SourceError } from '../../../src/lib/source-error.ts';
import { registry } from '../../helpers/import-fixtures.ts';

test('aliases and letter case map to one person', () => {
  for (const label of ['Sieds Lykles', 'Sied Lykkles', 'Siedslykles', 'SIED LYKLES']) {
    assert.deepEqual(resolveSpeakerLabel(registry, label), { ids: ['sied-lykles'], unknown: [] });
  }
  assert.deepEqual(resolveSpeakerLabel(registry, 'Chneyu').ids, ['chenyu']);
  assert.deepEqual(resolveSpeakerLabel(registry, 'B1TG').ids, ['b1tg']);
  assert.deepEqual(resolveSpeakerLabel(registry, 'chenyu').ids, ['chenyu']);
});

test('NFD spellings match their NFC aliases', () => {
  const r = createSpeakerRegistry([{ id: 'jose', name: 'Jos\u00e9', aliases: [] }]);
  assert.deepEqual(resolveSpeakerLabel(r, 'Jose\u0301').ids, ['jose']);
});

test('several people in one label map to each known id', () => {
  assert.deepEqual(resolveSpeakerLabel(registry, 'Geohot & Chenyu').ids, ['geohot', 'chenyu']);
  assert.deepEqual(resolveSpeakerLabel(registry, 'Geohot or Chenyu').ids, ['geohot', 'chenyu']);
  assert.deepEqual(resolveSpeakerLabel(registry, 'Geohot,Chenyu & Nimlgen').ids, [
    'geohot',
    'chenyu',
    'nimlgen',
  ]);
  assert.deepEqual(resolveSpeakerLabel(registry, 'Chenyu and Geohot').ids, ['chenyu', 'geohot']);
});

test('anonymous labels give no id and no warning; unknown ones are reported', () => {
  assert.deepEqual(resolveSpeakerLabel(registry, 'Unknown'), { ids: [], unknown: [] });
  assert.deepEqual(resolveSpeakerLabel(registry, 'SPEAKER_05'), { ids: [], unknown: [] });
  assert.deepEqual(resolveSpeakerLabel(registry, 'Zed & Geohot'), {
    ids: ['geohot'],
    unknown: ['Zed'],
  });
});

test('the speakers file is validated: bad YAML, bad ids, shared spellings', () => {
  assert.throws(() => parseSpeakersFile('- id: a\n  name: [x'), SourceError);
  assert.throws(() => parseSpeakersFile('- id: Not Valid\n  name: X\n'), /invalid speaker entry/);
  assert.throws(() => parseSpeakersFile('- {id: a, name: A}\n- {id: a, name: B}\n'), /duplicate/);
  assert.throws(
    () =>
      createSpeakerRegistry([
        { id: 'a', name: 'A', aliases: ['X'] },
        { id: 'b', name: 'B', aliases: ['x'] },
      ]),
    /belongs to both a and b/,
  );
});
