import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  blankFrontmatter,
  blankFrontmatterKey,
  hasFrontmatter,
  readFrontmatterYaml,
  splitFrontmatter,
} from '../../src/lib/frontmatter.ts';
import { parseMeetingFile } from '../../src/lib/meeting-file.ts';
import { SourceError } from '../../src/lib/source-error.ts';
import { checkMeetingFile } from '../../src/lib/check/content-check.ts';
import { importFixture } from '../helpers/import-fixtures.ts';

test('splitFrontmatter: the YAML, the body and the lines each starts on', () => {
  assert.deepEqual(splitFrontmatter('---\nid: "x"\n---\n\nA note.\n'), {
    yaml: 'id: "x"\n',
    yamlLine: 2,
    body: '\nA note.\n',
    bodyLine: 4,
    closeEnd: 15,
  });
  const crlf = splitFrontmatter('---\r\nid: "x"\r\n---\r\nbody\r\n');
  assert.ok(hasFrontmatter(crlf));
  assert.equal(crlf.yaml, 'id: "x"\r\n');
  assert.equal(crlf.body, 'body\r\n');
});

test('splitFrontmatter: spaces or tabs after a --- delimiter are allowed; other text after the closing --- is not', () => {
  // Astro ends the frontmatter at the first line starting with `---`; what follows `---` on that
  // line stays in the body, which is harmless for blanks and wrong for anything else.
  const spaced = splitFrontmatter('--- \nid: "x"\n---\t \nbody\n');
  assert.ok(hasFrontmatter(spaced));
  assert.equal(spaced.yaml, 'id: "x"\n');
  assert.equal(spaced.body, 'body\n');
  const text = splitFrontmatter('---\nid: "x"\n--- notes\nid: "y"\n---\n');
  assert.ok(!hasFrontmatter(text));
  assert.deepEqual([text.line, text.column], [3, 4]);
  assert.match(text.problem, /closing line must be `---` with nothing after it, found `--- notes`/);
});

test('splitFrontmatter: a missing opening line, an unclosed frontmatter', () => {
  for (const [source, message] of [
    ['', /empty file/],
    ['# Notes\n', /missing frontmatter/],
    ['---x\nid: "x"\n---\n', /missing frontmatter/],
    ['---\nid: "x"\n', /never closed/],
  ] as const) {
    const split = splitFrontmatter(source);
    assert.ok(!hasFrontmatter(split), source);
    assert.deepEqual([split.line, split.column], [1, 1]);
    assert.match(split.problem, message);
  }
});

test('every reader agrees: importer, content check, MDX body compiler and indexer', () => {
  const file = importFixture('heading-links.md').file;
  const spaced = file.replace(/^---$/m, '---  ').replace(/\n---\n/, '\n---\t\n');
  assert.notEqual(spaced, file);
  assert.deepEqual(parseMeetingFile(spaced).meeting, parseMeetingFile(file).meeting);
  assert.deepEqual(checkMeetingFile('m.mdx', spaced), []);
  assert.equal(readFrontmatterYaml(spaced), readFrontmatterYaml(file));
  assert.equal(blankFrontmatter(spaced), blankFrontmatter(file));

  const leaking = file.replace(/\n---\n/, '\n--- leak\n');
  assert.throws(() => parseMeetingFile(leaking), SourceError);
  assert.equal(checkMeetingFile('m.mdx', leaking).length, 1);
  assert.equal(readFrontmatterYaml(leaking), undefined);
  assert.equal(blankFrontmatter(leaking), leaking);
});

test('blankFrontmatter empties the frontmatter but keeps its lines (MDX body errors keep their line numbers)', () => {
  const text = '---\nid: "2025-04-14"\nturns: []\n---\n\nA note.\n';
  const blanked = blankFrontmatter(text);
  assert.equal(blanked, '---\n\n\n---\n\nA note.\n');
  assert.equal(blanked.split('\n').length, text.split('\n').length);
  assert.equal(blankFrontmatter('no frontmatter'), 'no frontmatter');
});

test('readFrontmatterYaml returns the YAML between the --- lines, or undefined without them', () => {
  assert.equal(
    readFrontmatterYaml('---\nid: "x"\nturns: []\n---\n\nbody\n'),
    'id: "x"\nturns: []\n',
  );
  assert.equal(readFrontmatterYaml('---\r\nid: "x"\r\n---\r\n'), 'id: "x"\r\n');
  assert.equal(readFrontmatterYaml('---\n---\n'), '');
  assert.equal(readFrontmatterYaml('id: "x"\n'), undefined);
});

test('blankFrontmatterKey blanks one top-level key and what is under it, keeping every line', () => {
  const text = [
    '---',
    'id: "x"',
    'turns:',
    '  - id: a-1',
    '    text: |-',
    '      speech: with a colon',
    '',
    '      # not a comment',
    '  - id: a-2',
    '# a comment',
    'topicEdits: []',
    '---',
    'Body line 13',
  ].join('\n');
  const blanked = blankFrontmatterKey(text, 'turns');
  assert.equal(blanked.split('\n').length, text.split('\n').length);
  assert.equal(blanked.split('\n')[12], 'Body line 13');
  assert.deepEqual(
    blanked.split('\n').filter((l) => l !== ''),
    // A comment before the next key goes with the blanked block: it is not data.
    ['---', 'id: "x"', 'topicEdits: []', '---', 'Body line 13'],
  );
  // The last key of the frontmatter, and a file without the key or without frontmatter.
  const last = blankFrontmatterKey('---\nid: x\nturns: []\n---\nbody', 'turns');
  assert.equal(last, '---\nid: x\n\n---\nbody');
  assert.equal(blankFrontmatterKey('---\nid: x\n---\n', 'turns'), '---\nid: x\n---\n');
  assert.equal(blankFrontmatterKey('no frontmatter', 'turns'), 'no frontmatter');
});
