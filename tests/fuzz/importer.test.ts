/**
 * Fuzz test of the importer and the MDX check: FUZZ_CASES (default 10,000) generated transcripts
 * (tests/fuzz/generate-transcript.ts, seeded by FUZZ_SEED, default 20250414) run in two worker
 * threads (tests/fuzz/fuzz-worker.ts). Every case's import and check must finish within 2 s, never
 * crash (only SourceError rejections with line and column) and, when a file is written, pass
 * the content check with an empty body and render to HTML without markup from the text. A failure
 * names the case; reproduce one with `FUZZ_CASE=<n> node --test tests/fuzz/importer.test.ts`.
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { findMarkupProblem, type CaseReport } from './fuzz-worker.ts';

const seed = Number(process.env['FUZZ_SEED'] ?? 20250414);
const single = process.env['FUZZ_CASE'];
const [first, total] = single
  ? [Number(single), 1]
  : [0, Number(process.env['FUZZ_CASES'] ?? 10_000)];
const workers = single ? 1 : Math.max(1, Math.min(2, os.availableParallelism()));
/** Import plus content check of one case slower than this fails. */
const caseLimitMs = 2000;
/**
 * Rendering a written record to HTML is build-time work, timed on its own: linear, but slower on
 * the 2 MB lines of inline markdown some cases carry (Shiki highlights every code span).
 */
const renderLimitMs = 10_000;
/** A worker silent for longer than this is hung (the first case also loads the modules). */
const silenceLimitMs = caseLimitMs + renderLimitMs;

const importMs = (r: CaseReport): number => r.ms - (r.renderMs ?? 0);

/** Runs cases [from, to) in a worker; resolves with their reports or rejects on a hang. */
function runWorker(from: number, to: number): Promise<CaseReport[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./fuzz-worker.ts', import.meta.url), {
      workerData: { from, to, seed },
    });
    const reports: CaseReport[] = [];
    let next = from;
    let watchdog: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(watchdog);
      const limit = silenceLimitMs + (next === from ? 10_000 : 0);
      watchdog = setTimeout(() => {
        void worker.terminate();
        reject(
          new Error(
            `case ${next} (seed ${seed}) hung: no result after ${limit} ms; reproduce with FUZZ_CASE=${next}`,
          ),
        );
      }, limit);
    };
    arm();
    worker.on('message', (report: CaseReport) => {
      reports.push(report);
      next = report.index + 1;
      arm();
    });
    worker.on('error', (error) => {
      clearTimeout(watchdog);
      reject(
        new Error(`case ${next} (seed ${seed}) killed the worker: ${error.stack ?? error.message}`),
      );
    });
    worker.on('exit', () => {
      clearTimeout(watchdog);
      resolve(reports);
    });
  });
}

/** Why a case failed, or undefined when it passed. */
function findFailure(r: CaseReport): string | undefined {
  if (r.failure) return r.failure;
  if (importMs(r) > caseLimitMs) {
    return `import and content check took ${importMs(r).toFixed(0)} ms (limit ${caseLimitMs} ms)`;
  }
  if ((r.renderMs ?? 0) > renderLimitMs) {
    return `rendering took ${r.renderMs!.toFixed(0)} ms (limit ${renderLimitMs} ms)`;
  }
  return undefined;
}

describe('importer fuzz', () => {
  it('the rendered-HTML oracle catches markup that did not come from the renderers', () => {
    assert.equal(findMarkupProblem('<div class="turn"><p>a <code>b</code></p></div>'), undefined);
    assert.match(findMarkupProblem('<p><img src=x onerror=alert(1)></p>')!, /<img>/);
    assert.match(findMarkupProblem('<a href="javascript:alert(1)">x</a>')!, /href/);
    assert.match(findMarkupProblem('<p onclick="x()">x</p>')!, /onclick/);
    assert.match(findMarkupProblem('<span style="x">x</span>')!, /style/);
  });

  it(
    `${total} generated transcripts: no crash, no hang, no code in any output`,
    { timeout: 300_000 },
    async () => {
      const started = performance.now();
      const share = Math.ceil(total / workers);
      const chunks = await Promise.all(
        Array.from({ length: workers }, (_, w) =>
          runWorker(first + w * share, first + Math.min(total, (w + 1) * share)),
        ),
      );
      const reports = chunks.flat();
      const seconds = (performance.now() - started) / 1000;
      const written = reports.filter((r) => r.outcome === 'written').length;
      const slowest = reports.reduce((a, b) => (importMs(b) > importMs(a) ? b : a));
      const slowestRender = reports.reduce((a, b) =>
        (b.renderMs ?? 0) > (a.renderMs ?? 0) ? b : a,
      );
      console.log(
        `fuzz: ${reports.length} cases (seed ${seed}) in ${seconds.toFixed(1)} s on ${workers} threads: ` +
          `${written} written, ${reports.length - written} rejected with line:col; ` +
          `slowest import+check: case ${slowest.index}, ${importMs(slowest).toFixed(0)} ms; ` +
          `slowest render: case ${slowestRender.index}, ${(slowestRender.renderMs ?? 0).toFixed(0)} ms`,
      );
      assert.equal(reports.length, total, 'every case ran');
      const failures = reports.flatMap((r) => {
        const failure = findFailure(r);
        return failure ? [`case ${r.index}: ${failure} (reproduce: FUZZ_CASE=${r.index})`] : [];
      });
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} fuzz case(s) failed`);
      assert.ok(written > total / 2, `most cases reach a written file (${written} of ${total})`);
    },
  );
});
