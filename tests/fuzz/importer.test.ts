/**
 * Fuzz test of the importer and the MDX check: FUZZ_CASES (default 10,000) generated transcripts
 * (tests/fuzz/generate-transcript.ts, seeded by FUZZ_SEED, default 20250414) run in two worker
 * threads. Every case must finish within 2 s, never crash (only TranscriptError rejections with
 * line and column) and, when a file is written, pass the MDX check with an empty body. A failure
 * names the case; reproduce one with `FUZZ_CASE=<n> node --test tests/fuzz/importer.test.ts`.
 */
import assert from 'node:assert/strict';
import os from 'node:os';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import type { CaseReport } from './fuzz-worker.ts';

const seed = Number(process.env['FUZZ_SEED'] ?? 20250414);
const single = process.env['FUZZ_CASE'];
const [first, total] = single
  ? [Number(single), 1]
  : [0, Number(process.env['FUZZ_CASES'] ?? 10_000)];
const workers = single ? 1 : Math.max(1, Math.min(2, os.availableParallelism()));
/** A case slower than this fails; a worker silent for longer than this is a hang. */
const caseLimitMs = 2000;

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
      // Generous for the first case, which also loads the modules.
      watchdog = setTimeout(
        () => {
          void worker.terminate();
          reject(
            new Error(
              `case ${next} (seed ${seed}) hung: no result after ${caseLimitMs} ms; reproduce with FUZZ_CASE=${next}`,
            ),
          );
        },
        next === from ? caseLimitMs + 10_000 : caseLimitMs * 2,
      );
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

describe('importer fuzz', () => {
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
      const slowest = reports.reduce((a, b) => (b.ms > a.ms ? b : a));
      console.log(
        `fuzz: ${reports.length} cases (seed ${seed}) in ${seconds.toFixed(1)} s on ${workers} threads: ` +
          `${written} written, ${reports.length - written} rejected with line:col; ` +
          `slowest case ${slowest.index} took ${slowest.ms.toFixed(0)} ms`,
      );
      assert.equal(reports.length, total, 'every case ran');
      const failures = reports
        .filter((r) => r.failure || r.ms > caseLimitMs)
        .map(
          (r) =>
            `case ${r.index}: ${r.failure ?? `took ${r.ms.toFixed(0)} ms (limit ${caseLimitMs} ms)`} (reproduce: FUZZ_CASE=${r.index})`,
        );
      assert.deepEqual(failures.slice(0, 20), [], `${failures.length} fuzz case(s) failed`);
      assert.ok(written > total / 2, `most cases reach a written file (${written} of ${total})`);
    },
  );
});
