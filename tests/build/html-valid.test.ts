/**
 * Valid HTML: html-validate (config: .htmlvalidate.json, html-validate:recommended) over every
 * page of the built corpus site, zero errors. A failure lists page:line:col, rule and message.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { fileForUrl, listPages } from '../helpers/site.ts';

describe('valid HTML', () => {
  it('every page passes html-validate with zero errors', async () => {
    const validator = new HtmlValidate(new FileSystemConfigLoader());
    const pages = listPages();
    const errors: string[] = [];
    const started = performance.now();
    for (const page of pages) {
      const report = await validator.validateFile(fileForUrl(page)!);
      for (const result of report.results) {
        for (const m of result.messages) {
          if (m.severity !== 2) continue;
          errors.push(
            `${page}:${m.line}:${m.column}: ${m.ruleId}: ${m.message} (${m.selector ?? ''})`,
          );
        }
      }
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `html-validate: ${pages.length} pages validated in ${seconds} s, ${errors.length} errors`,
    );
    assert.ok(pages.length > 100, `over 100 pages (got ${pages.length})`);
    assert.deepEqual(errors.slice(0, 50), [], `${errors.length} HTML error(s)`);
  });
});
