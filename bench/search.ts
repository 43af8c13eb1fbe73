/**
 * Search benchmark over a built site, in headless Chromium: bytes a reader downloads for the
 * first search (Pagefind library + index metadata + the chunks and fragments of that search),
 * typed or opened from a shared link with filters only, and for each later search; and the
 * time from the last keystroke to the results on screen.
 * `measureSearch(distDir)` is called by bench/run.ts; `node bench/search.ts [distDir]` runs it
 * alone (default: the corpus site tests/prepare.ts builds) and prints every query's numbers.
 */
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser, startStaticServer } from '../tests/helpers/browser.ts';
import { corpusSite } from '../tests/helpers/paths.ts';

/** Words and phrases readers search for, from the archive's recurring subjects. */
const queries = [
  'scheduler',
  'tenstorrent',
  '"flash attention"',
  'bounty',
  'webgpu',
  'llvm',
  'usb gpu',
  'rangeify',
  'mlperf',
  'beam search',
  'kernelize',
  'tinybox',
  'symbolic',
  'am driver',
  'onnx',
  'tensor cores',
  'viz',
  'openpilot',
  'multi gpu',
  'hcq',
];

/** Filter-only browses a reader opens from a shared link (the first search of a visit). */
const browses = ['?speaker=chenyu&year=2025', '?meeting=2025-04-14', '?topic=mlperf&year=2026'];

export interface SearchMeasurement {
  /**
   * Bytes over the wire (after HTTP compression) for a reader's first search, library
   * included, with the query entered at once (pasted, or typed faster than a search takes):
   * the median over `queries`, each in a fresh browser context.
   */
  firstSearchBytes: number;
  /** The largest first search, and each query's, when it is the reader's first. */
  firstSearchBytesMax: number;
  firstSearchBytesEach: number[];
  /** The same for each later search, in `queries` order after the first. */
  laterSearchBytes: number[];
  /** Median of `laterSearchBytes`, and the largest. */
  laterSearchBytesMedian: number;
  laterSearchBytesMax: number;
  /**
   * Bytes when the queries are typed key by key (`typingDelayMs` apart): every keystroke
   * searches, so prefixes fetch index chunks and results of their own. First, then median.
   */
  typedFirstSearchBytes: number;
  typedLaterSearchBytesMedian: number;
  typingDelayMs: number;
  /** Milliseconds from the last keystroke to the results shown, per typed query. */
  keystrokeToResultsMs: number[];
  keystrokeToResultsMedianMs: number;
  /** Bytes for each of `browses` opened as the first search of a visit (from its URL). */
  firstBrowseBytesEach: number[];
  /** The search page's own script (bundled, site code), not counted above. */
  pageScriptBytes: number;
  queries: string[];
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Time between keystrokes when typing: a quick typist (~12 characters a second). */
const typingDelayMs = 80;

/**
 * Enters `query` in the search box (clearing it first), typed key by key or all at once;
 * resolves with the time from the last keystroke to the results on screen, in ms.
 */
async function enterQuery(page: Page, query: string, typed: boolean): Promise<number> {
  await page.locator('#search-q').fill('');
  await page.waitForFunction(
    () => document.querySelector('#search-results')?.getAttribute('data-query') === '',
  );
  const expected = `?${new URLSearchParams({ q: query })}`;
  await page.evaluate((expected) => {
    const w = window as unknown as { benchDone?: Promise<number>; benchLastKey?: number };
    const list = document.querySelector('#search-results')!;
    w.benchDone = new Promise((resolve) => {
      new MutationObserver((_, observer) => {
        if (list.getAttribute('data-query') === expected) {
          observer.disconnect();
          resolve(performance.now());
        }
      }).observe(list, { attributes: true, attributeFilter: ['data-query'] });
    });
    document.addEventListener('keydown', () => (w.benchLastKey = performance.now()), {
      capture: true,
    });
  }, expected);
  if (typed) await page.locator('#search-q').pressSequentially(query, { delay: typingDelayMs });
  else {
    await page.evaluate(() => {
      (window as unknown as { benchLastKey: number }).benchLastKey = performance.now();
    });
    await page.locator('#search-q').fill(query);
  }
  return page.evaluate(async () => {
    const w = window as unknown as { benchDone: Promise<number>; benchLastKey: number };
    const done = await w.benchDone;
    // Paint: the results are on screen one frame after the DOM has them.
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    return done - w.benchLastKey;
  });
}

/** Runs the search benchmark against a built site (a folder with /search/ and /pagefind/). */
export async function collectSearchMeasurement(distDir: string): Promise<SearchMeasurement> {
  const server = await startStaticServer(distDir);
  const browser = await launchBrowser();
  try {
    let pageScriptBytes = 0;
    /** Bytes and latency for every query, in a fresh context (empty cache: a new reader). */
    const runAll = async (typed: boolean, list: readonly string[] = queries) => {
      const context = await browser.newContext();
      let pagefindBytes = 0;
      // Context-level events also see the Pagefind worker's requests (wasm, index chunks).
      const counted: Promise<void>[] = [];
      context.on('requestfinished', (request) => {
        counted.push(
          request.sizes().then((sizes) => {
            const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
            const url = request.url();
            if (url.includes('/pagefind/')) pagefindBytes += bytes;
            else if (/\/_astro\/.*\.js$/.test(url)) pageScriptBytes = bytes;
          }),
        );
      });
      const page = await context.newPage();
      await page.goto(`${server.url}search/`);
      await page.waitForFunction(() => document.documentElement.dataset['search'] === 'ready');
      const bytes: number[] = [];
      const times: number[] = [];
      for (const query of list) {
        // The first search counts from page load: the library is fetched as the page opens.
        const before = bytes.length === 0 ? 0 : pagefindBytes;
        times.push(await enterQuery(page, query, typed));
        // Requests still in flight for the shown results finish, and their sizes are in.
        await page.waitForTimeout(100);
        await Promise.all(counted);
        bytes.push(pagefindBytes - before);
      }
      await context.close();
      return { bytes, times };
    };
    const pasted = await runAll(false);
    const typed = await runAll(true);
    const later = pasted.bytes.slice(1);
    // Filter-only browses opened from their URL, each in a fresh context.
    const firstBrowseBytesEach: number[] = [];
    for (const browse of browses) {
      const context = await browser.newContext();
      const sizes: Promise<number>[] = [];
      context.on('requestfinished', (request) => {
        if (!request.url().includes('/pagefind/')) return;
        sizes.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
      });
      const page = await context.newPage();
      await page.goto(`${server.url}search/${browse}`);
      await page.waitForFunction(
        (expected) =>
          document.querySelector('#search-results')?.getAttribute('data-query') === expected,
        browse,
      );
      await page.waitForTimeout(100);
      firstBrowseBytesEach.push((await Promise.all(sizes)).reduce((n, b) => n + b, 0));
      await context.close();
    }
    // Every query once more as a reader's first search, since its index chunks vary in size.
    const firsts: number[] = [];
    for (const query of queries) firsts.push((await runAll(false, [query])).bytes[0] ?? 0);
    return {
      firstSearchBytes: median(firsts),
      firstSearchBytesMax: Math.max(...firsts),
      firstSearchBytesEach: firsts,
      laterSearchBytes: later,
      laterSearchBytesMedian: median(later),
      laterSearchBytesMax: Math.max(...later),
      firstBrowseBytesEach,
      typedFirstSearchBytes: typed.bytes[0] ?? 0,
      typedLaterSearchBytesMedian: median(typed.bytes.slice(1)),
      typingDelayMs,
      keystrokeToResultsMs: typed.times.map((t) => Math.round(t)),
      keystrokeToResultsMedianMs: Math.round(median(typed.times)),
      pageScriptBytes,
      queries,
    };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** One benchmark line for bench/run.ts: bytes with unit 'KB', times with unit 'ms'. */
export interface BenchLine {
  value: number;
  unit: string;
  budget?: number;
}

/**
 * The search numbers as bench/run.ts records them, with the budgets: 150 KB for a first
 * search and 50 KB for each later one (on the largest, since every search must fit), 150 ms
 * from the last keystroke to results (on the median).
 */
export async function measureSearch(
  distDir: string,
  { firstBudget = 150 * 1024 }: { firstBudget?: number } = {},
): Promise<Record<string, BenchLine>> {
  const m = await collectSearchMeasurement(distDir);
  const n = m.queries.length;
  return {
    [`search: first search, median of ${n} queries`]: { value: m.firstSearchBytes, unit: 'KB' },
    'search: first search, largest': {
      value: m.firstSearchBytesMax,
      unit: 'KB',
      budget: firstBudget,
    },
    [`search: first search by filters only, largest of ${m.firstBrowseBytesEach.length}`]: {
      value: Math.max(...m.firstBrowseBytesEach),
      unit: 'KB',
      budget: firstBudget,
    },
    [`search: later search, median of ${n - 1}`]: { value: m.laterSearchBytesMedian, unit: 'KB' },
    'search: later search, largest': {
      value: m.laterSearchBytesMax,
      unit: 'KB',
      budget: 50 * 1024,
    },
    [`search: later search typed at ${m.typingDelayMs} ms/key, median`]: {
      value: m.typedLaterSearchBytesMedian,
      unit: 'KB',
    },
    'search: last keystroke to results, median': {
      value: m.keystrokeToResultsMedianMs,
      unit: 'ms',
      budget: 150,
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dist = process.argv[2] ?? corpusSite.dist;
  const m = await collectSearchMeasurement(dist);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(
    `search: first search ${kb(m.firstSearchBytes)} median, ${kb(m.firstSearchBytesMax)} max transferred (budget 150 KB); each: ${m.firstSearchBytesEach.map((b) => (b / 1024).toFixed(0)).join(', ')} KB`,
  );
  console.log(
    `search: later searches ${kb(m.laterSearchBytesMedian)} median, ${kb(m.laterSearchBytesMax)} max transferred (budget 50 KB each); each: ${m.laterSearchBytes.map((b) => (b / 1024).toFixed(0)).join(', ')} KB`,
  );
  console.log(
    `search: first search by filters only: ${m.firstBrowseBytesEach.map((b) => (b / 1024).toFixed(1)).join(', ')} KB for ${browses.join(', ')} (budget 150 KB)`,
  );
  console.log(
    `search: typed at ${m.typingDelayMs} ms a key: first ${kb(m.typedFirstSearchBytes)}, later ${kb(m.typedLaterSearchBytesMedian)} median transferred`,
  );
  console.log(
    `search: last keystroke to results ${m.keystrokeToResultsMedianMs} ms median over ${m.queries.length} queries (budget 150 ms); each: ${m.keystrokeToResultsMs.join(', ')} ms`,
  );
  console.log(`search: page script ${kb(m.pageScriptBytes)} transferred (not counted above)`);
}
