/** Browser test: a turn's permalink opens with that turn in view and highlighted. */
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

const skip = findBrowserSkipReason();

describe('turn permalinks in Chromium', { skip }, () => {
  let browser: Browser;
  let server: StaticServer;
  const meetings = readMeetingRecords();
  const largest = [...meetings].sort((a, b) => b.turns.length - a.turns.length)[0]!;

  before(async () => {
    server = await startStaticServer(requireBuiltSite());
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Where the turn is relative to the viewport, and its background against the page's. */
  async function inspectTurn(url: string, turnId: string, width: number) {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    await page.goto(url);
    const state = await page.evaluate((id) => {
      const el = document.getElementById(id)!.closest('.turn')!;
      const rect = el.getBoundingClientRect();
      return {
        top: rect.top,
        bottom: rect.bottom,
        viewport: window.innerHeight,
        scrollY: window.scrollY,
        background: getComputedStyle(el).backgroundColor,
        pageBackground: getComputedStyle(document.documentElement).backgroundColor,
        neighbourBackground: getComputedStyle(el.nextElementSibling ?? el.previousElementSibling!)
          .backgroundColor,
      };
    }, turnId);
    await page.close();
    return state;
  }

  for (const width of [360, 1280]) {
    it(`opens a deep turn of the largest meeting in view and highlighted (${width} px wide)`, async () => {
      const turn = largest.turns[Math.floor(largest.turns.length * 0.8)]!;
      const state = await inspectTurn(
        `${server.url}meetings/${largest.id}/#${turn.id}`,
        turn.id,
        width,
      );
      assert.ok(state.scrollY > 1000, `the page scrolled to the turn (scrollY ${state.scrollY})`);
      assert.ok(
        state.top >= -1 && state.top < state.viewport / 2,
        `turn top ${state.top} is in the upper half of the view`,
      );
      assert.notEqual(state.background, 'rgba(0, 0, 0, 0)', 'the targeted turn has a background');
      assert.notEqual(state.background, state.neighbourBackground, 'and its neighbours do not');
    });
  }

  it('follows a highlight link to its turn', async () => {
    const meeting = meetings.find((m) => m.id === '2025-04-14') ?? meetings[0]!;
    const highlight = meeting.highlights.find((h) => h.turn)!;
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${server.url}meetings/${meeting.id}/`);
    await page.click(`section.highlights a[href="#${highlight.turn}"]`);
    assert.equal(new URL(page.url()).hash, `#${highlight.turn}`);
    const top = await page.evaluate(
      (id) => document.getElementById(id)!.closest('.turn')!.getBoundingClientRect().top,
      highlight.turn!,
    );
    assert.ok(
      top >= -1 && top < 400,
      `the highlight's turn is at the top of the view (top ${top})`,
    );
    await page.close();
  });
});
