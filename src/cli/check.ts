/**
 * `npm run check` (and the first step of every build): checks every meeting MDX file in
 * MEETINGS_DIR (default: the archive's content/meetings), plus the archive's speakers.yaml and
 * topics.yaml when present. Prints `file:line:col: error: ...` for each problem and a one-line
 * summary; exits 1 on any error.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadArchive } from '../lib/archive-config.ts';
import { formatDiagnostic, type Diagnostic } from '../lib/diagnostics.ts';
import { checkDataFile, checkMeetingSource } from '../lib/check/content-check.ts';
import { decodeSourceBytes } from '../lib/check/source-text.ts';
import { checkedHeadsFile, checkedRecordFile, type CheckedHead } from '../lib/checked-records.ts';
import { speakersFileSchema, topicsFileSchema } from '../lib/schema.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const USAGE = `usage: node src/cli/check.ts [--records DIR]
  Checks every meeting .mdx file (no code: imports, exports, expressions, unknown components)
  and the archive's speakers.yaml and topics.yaml; prints file:line:col for each problem.
  --records DIR  also writes each meeting's checked record into DIR as JSON, and their heads
                 into DIR/heads, for the build (src/lib/meeting-record.ts)
  MEETINGS_DIR   folder of meeting .mdx files (default: the archive's content/meetings)
  ARCHIVE_CONFIG the archive's configuration (default: archive.yaml)`;

/** A path as the user sees it: relative to the working directory when inside it. */
function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** `1 file`, `2 files`. */
function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Reads a file as UTF-8 and runs `check` on it; its diagnostics. */
function checkFile(
  file: string,
  check: (file: string, text: string) => Diagnostic[],
): Diagnostic[] {
  const decoded = decodeSourceBytes(file, readFileSync(file));
  return 'diagnostic' in decoded ? [decoded.diagnostic] : check(file, decoded.text);
}

/** Reads the arguments; a number is the exit code when there is nothing to check. */
function parseCheckArgs(argv: string[]): number | { records: string | undefined } {
  try {
    const args = parseArgs({
      args: argv,
      options: { help: { type: 'boolean', short: 'h' }, records: { type: 'string' } },
    });
    if (!args.values.help) return { records: args.values.records };
    process.stdout.write(`${USAGE}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
}

/**
 * Checks every content file of the archive, prints each problem and a summary line, and returns
 * the exit code (1 on any error). With `records`, writes each meeting's checked record into that
 * folder as JSON, and every checked meeting's head into its `checkedHeadsFile`, for the build
 * (src/lib/meeting-record.ts, src/data/heads-loader.ts).
 */
export function checkContent(records?: string): number {
  const started = performance.now();
  const archive = loadArchive(repoRoot);
  const meetingsDir = shown(archive.meetingsDir);
  if (!existsSync(meetingsDir)) {
    console.error(
      `${meetingsDir}: error: meetings folder not found (set MEETINGS_DIR or create it)`,
    );
    return 1;
  }
  const files = readdirSync(meetingsDir)
    .filter((name) => name.endsWith('.mdx'))
    .sort()
    .map((name) => path.join(meetingsDir, name));
  // Each head as JSON at once: its strings are slices of the file's text, and kept as they are
  // they would keep every file's text alive (measured at 4x: 70 MB more at the build's peak).
  const heads: string[] = [];
  const diagnostics = files.flatMap((file) =>
    checkFile(file, (f, text) => {
      const { diagnostics, record, bodied = false } = checkMeetingSource(f, text);
      if (record && records) {
        writeFileSync(checkedRecordFile(records, f), JSON.stringify(record));
        const { turns: _turns, ...head } = record;
        const checkedHead: CheckedHead = { file: path.basename(f), head, bodied };
        heads.push(JSON.stringify(checkedHead));
      }
      return diagnostics;
    }),
  );
  if (records) writeFileSync(path.join(records, checkedHeadsFile), `[${heads.join(',')}]`);
  for (const [file, schema] of [
    [shown(archive.speakersFile), speakersFileSchema],
    [shown(archive.topicsFile), topicsFileSchema],
  ] as const) {
    if (!existsSync(file)) continue;
    files.push(file);
    diagnostics.push(...checkFile(file, (f, text) => checkDataFile(f, text, schema)));
  }
  for (const d of diagnostics) console.error(formatDiagnostic(d));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const summary = `checked ${plural(files.length, 'file')}: ${plural(errors, 'error')} (${seconds} s)`;
  if (errors === 0) console.log(summary);
  else console.error(summary);
  return errors > 0 ? 1 : 0;
}

/** Runs the check with its arguments (without `node` and the script); returns the exit code. */
export function run(argv: string[]): number {
  const args = parseCheckArgs(argv);
  return typeof args === 'number' ? args : checkContent(args.records);
}

if (import.meta.main) process.exitCode = run(process.argv.slice(2));
