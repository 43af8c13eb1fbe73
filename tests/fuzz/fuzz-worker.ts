/**
 * Worker of the importer fuzz test: runs cases [from, to) and posts one message per case, so the
 * parent can time each case and notice a hang. A case passes when the importer either rejects the
 * input with a TranscriptError carrying a line and column, or writes a file that the MDX check
 * accepts, whose frontmatter parses and whose body is empty (nothing that could run as code).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { load } from 'js-yaml';
import { decodeTranscript } from '../../src/lib/decode-input.ts';
import { importTranscript } from '../../src/lib/import-transcript.ts';
import { checkMeetingFile } from '../../src/lib/mdx-check.ts';
import { TranscriptError } from '../../src/lib/transcript-error.ts';
import { registry } from '../unit/import-helpers.ts';
import { generateTranscript } from './generate-transcript.ts';

/** What the parent learns about one case. */
export interface CaseReport {
  index: number;
  ms: number;
  outcome: 'written' | 'rejected';
  /** Set when the case failed: what went wrong. */
  failure?: string;
}

/** Runs one case; returns a failure description or the outcome. */
export function runCase(index: number, seed: number): Omit<CaseReport, 'index' | 'ms'> {
  const bytes = generateTranscript(index, seed);
  let file: string;
  try {
    file = importTranscript(decodeTranscript(bytes), {
      source: `fuzz-${index}/meeting-transcript.md`,
      registry,
    }).file;
  } catch (error) {
    if (error instanceof TranscriptError && error.line >= 1 && error.column >= 1) {
      return { outcome: 'rejected' };
    }
    const e = error as Error;
    return { outcome: 'rejected', failure: `crashed: ${e.stack ?? e.message}` };
  }
  const errors = checkMeetingFile(`fuzz-${index}.mdx`, file).filter((d) => d.severity === 'error');
  if (errors.length > 0) {
    const d = errors[0]!;
    return {
      outcome: 'written',
      failure: `MDX check rejects the written file: ${d.line}:${d.column}: ${d.message}`,
    };
  }
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(file);
  if (!match) return { outcome: 'written', failure: 'written file has no frontmatter' };
  if (match[2] !== '')
    return {
      outcome: 'written',
      failure: `written file has a body: ${JSON.stringify(match[2]!.slice(0, 80))}`,
    };
  try {
    const record = load(match[1]!) as { turns?: unknown };
    if (typeof record !== 'object' || record === null || !Array.isArray(record.turns)) {
      return { outcome: 'written', failure: 'frontmatter is not a meeting record' };
    }
  } catch (error) {
    return {
      outcome: 'written',
      failure: `frontmatter does not parse: ${(error as Error).message}`,
    };
  }
  return { outcome: 'written' };
}

if (parentPort) {
  const { from, to, seed } = workerData as { from: number; to: number; seed: number };
  for (let index = from; index < to; index++) {
    const started = performance.now();
    const result = runCase(index, seed);
    parentPort.postMessage({
      index,
      ms: performance.now() - started,
      ...result,
    } satisfies CaseReport);
  }
}
