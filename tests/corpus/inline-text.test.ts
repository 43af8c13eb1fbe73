/**
 * The plain-text shortcut of src/lib/site/inline-markdown.ts (`inlineSyntax`) against the real
 * corpus: every turn, summary and agenda item renders and indexes exactly as through the parser.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePlainText, toPlainText } from '../../src/lib/site/inline-markdown.ts';
import { parseInline, renderInline } from '../../src/lib/site/render-text.ts';
import { readMeetingRecords } from '../helpers/site.ts';

test('plain text renders and indexes as through the parser, over the whole corpus', () => {
  const texts = readMeetingRecords().flatMap((m) => [
    ...m.turns.map((t) => t.text),
    ...m.highlights.map((h) => h.summary),
    ...m.agenda.map((a) => a.text),
  ]);
  assert.ok(texts.length > 20_000, `only ${texts.length} texts`);
  for (const text of texts) {
    assert.equal(renderInline(text), parseInline(text), JSON.stringify(text));
    assert.equal(toPlainText(text), parsePlainText(text), JSON.stringify(text));
  }
});
