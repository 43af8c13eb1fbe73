/**
 * Search relevance on the built corpus site, by the judged set (tests/relevance/judged-set.ts):
 * the exact word first, nothing when nothing was said, mis-hearings read as the right term,
 * misspellings answered with "did you mean". A change to the index or the ranking that hurts
 * any of them fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  findBrowserSkipReason,
  launchBrowser,
  startStaticServer,
  type StaticServer,
} from '../helpers/browser.ts';
import { readMeetingRecords, requireBuiltSite } from '../helpers/site.ts';
import { runJudgedSet, type JudgedResult } from '../relevance/judged-set.ts';

const skip = findBrowserSkipReason();

describe('search relevance (judged set)', { skip }, () => {
  let browser: Browser;
  let server: StaticServer;
  let results: JudgedResult[] = [];
  let mrr = 0;

  before(async () => {
    server = await startStaticServer(requireBuiltSite());
    browser = await launchBrowser();
    const context = await browser.newContext();
    ({ results, mrr } = await runJudgedSet(context, server.url, readMeetingRecords()));
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const of = (kind: string) => results.filter((r) => r.case.kind === kind);
  const describeResult = (r: JudgedResult) => `“${r.case.q}”: ${r.detail}`;

  it('puts the turns that say the exact word first', () => {
    assert.ok(of('exact').length >= 5);
    for (const r of of('exact')) {
      assert.ok(r.mustLead >= 1, `“${r.case.q}” is said in no turn: fix the judged set`);
      assert.equal(r.leading, r.mustLead, describeResult(r));
    }
  });

  it('finds nothing when nothing was said', () => {
    for (const r of of('nothing')) assert.equal(r.score, 1, describeResult(r));
  });

  it('reads a known mis-hearing as the right term, and says so', () => {
    for (const r of of('misheard')) assert.equal(r.score, 1, describeResult(r));
  });

  it('offers the right word for a misspelling', () => {
    for (const r of of('suggest')) assert.equal(r.score, 1, describeResult(r));
  });

  it('scores at least 0.95 mean reciprocal rank over the whole set', () => {
    assert.ok(mrr >= 0.95, `MRR ${mrr.toFixed(3)}:\n${results.map(describeResult).join('\n')}`);
  });
});
