import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeSourceBytes } from '../../src/lib/check/source-text.ts';
import { decodeTranscript } from '../../src/lib/import/decode-input.ts';
import { SourceError } from '../../src/lib/source-error.ts';
import { decodeUtf8, findInvalidUtf8 } from '../../src/lib/utf8.ts';

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

test('the first invalid byte: bad lead bytes, cut sequences, overlong forms, surrogates', () => {
  assert.equal(findInvalidUtf8(bytes('abc')), 3);
  assert.equal(findInvalidUtf8(bytes('a', [0xff])), 1);
  assert.equal(findInvalidUtf8(bytes('é', [0xc3, 0x28])), 2);
  assert.equal(findInvalidUtf8(bytes([0xc0, 0xaf])), 0);
  assert.equal(findInvalidUtf8(bytes([0xe0, 0x80, 0xaf])), 0);
  assert.equal(findInvalidUtf8(bytes('ab', [0xed, 0xa0, 0x80])), 2);
  assert.equal(findInvalidUtf8(bytes('😀', [0xf0, 0x9f])), 4);
});

test('columns count UTF-16 code units, as every other diagnostic does; the importer and the check agree', () => {
  // 😀 is 4 bytes, 2 code units, 1 code point: the bad byte is at column 4.
  const input = bytes('line one\n😀é', [0xff], ' rest\n');
  const decoded = decodeUtf8(input);
  assert.ok('invalid' in decoded);
  assert.deepEqual(
    [decoded.invalid.line, decoded.invalid.column, decoded.invalid.offset, decoded.invalid.byte],
    [2, 4, 15, 0xff],
  );
  assert.equal(decoded.invalid.message, 'invalid UTF-8 (byte 0xFF at byte offset 15)');

  const checked = decodeSourceBytes('m.mdx', input);
  assert.ok('diagnostic' in checked);
  assert.deepEqual([checked.diagnostic.line, checked.diagnostic.column], [2, 4]);
  assert.throws(
    () => decodeTranscript(input),
    (e: unknown) =>
      e instanceof SourceError &&
      e.line === 2 &&
      e.column === 4 &&
      e.message.startsWith(decoded.invalid.message),
  );
});

test('valid UTF-8 decodes with its BOM kept', () => {
  assert.deepEqual(decodeUtf8(bytes('\uFEFFhé')), { text: '\uFEFFhé' });
});
