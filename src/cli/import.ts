/**
 * `npm run import -- [--out DIR] [--check] [--speakers FILE] <files or folders...>`
 * Imports meeting transcripts into content/meetings/<id>.mdx. Thin shell around src/lib: it reads
 * and writes files, reports `file:line:col: severity: message`, and keeps going past bad files.
 */
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { decodeTranscript } from '../lib/import/decode-input.ts';
import { formatDiagnostic, type Diagnostic } from '../lib/diagnostics.ts';
import { loadArchive } from '../lib/archive-config.ts';
import { importTranscript, SourceError } from '../lib/import/import-transcript.ts';
import { looksLikeTranscript } from '../lib/import/speaker-line.ts';
import {
  createSpeakerRegistry,
  parseSpeakersFile,
  type SpeakerRegistry,
} from '../lib/import/speakers.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

const USAGE = `usage: npm run import -- [--out DIR] [--check] [--speakers FILE] <files or folders...>
  A folder means every meeting-transcript.md under it, following symbolic links; in a folder
  without one, every *.md that looks like a transcript (other markdown is skipped and counted).
  --out DIR        where to write <id>.mdx files (default: the archive's content/meetings)
  --check          write nothing; exit 1 if any output file would change
  --speakers FILE  speaker registry (default: the archive's content/speakers.yaml)
  The archive is archive.yaml at the repository root, or the file ARCHIVE_CONFIG names.`;

/** What a set of command-line inputs holds: transcripts to import, other markdown passed over. */
export interface TranscriptSelection {
  /** Transcript files, sorted per folder, each once. */
  files: string[];
  /** Markdown files found in folders that are not transcripts (a README, templates, notes). */
  skipped: string[];
}

/**
 * Expands arguments to transcript files. Folders are searched recursively, following symbolic
 * links as `cp -r` does; in a folder, a transcript is its `meeting-transcript.md` or, in a folder
 * without one, a markdown file that looks like a transcript. A file named on the command line is
 * always taken.
 */
export function collectTranscripts(inputs: string[]): TranscriptSelection {
  const files: string[] = [];
  const skipped: string[] = [];
  const walked = new Set<string>();
  const walk = (dir: string) => {
    const real = realpathSync(dir);
    if (walked.has(real)) return; // a link back up the tree
    walked.add(real);
    const entries = readdirSync(dir)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((name) => ({
        name,
        full: path.join(dir, name),
        isDir: isDirectory(path.join(dir, name)),
      }));
    const hasTranscript = entries.some((e) => !e.isDir && e.name === TRANSCRIPT_NAME);
    for (const entry of entries) {
      if (entry.isDir) walk(entry.full);
      else if (!entry.name.endsWith('.md')) continue;
      else if (entry.name === TRANSCRIPT_NAME) files.push(entry.full);
      else if (!hasTranscript && looksLikeTranscript(readLoosely(entry.full)))
        files.push(entry.full);
      else skipped.push(entry.full);
    }
  };
  for (const input of inputs) {
    if (isDirectory(input)) walk(input);
    else files.push(input); // a missing file is reported as unreadable when imported
  }
  return { files: [...new Set(files)], skipped };
}

const TRANSCRIPT_NAME = 'meeting-transcript.md';

/** True for a folder or a link to one; false for anything else, a broken link included. */
function isDirectory(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** A file's text for a quick look, or '' when it cannot be read (the import reports that). */
function readLoosely(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Machine-independent source name: the file's folder and name, e.g. `2025-04-14/meeting-transcript.md`. */
export function toSourceName(file: string): string {
  const absolute = path.resolve(file);
  return `${path.basename(path.dirname(absolute))}/${path.basename(absolute)}`;
}

/** Writes a file atomically: a temporary file in the same folder, then a rename. */
function writeAtomically(file: string, text: string): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the temporary file was never created
    }
    throw error;
  }
}

function readOptional(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The command's options, read from its arguments. */
interface ImportArgs {
  inputs: string[];
  outDir: string;
  check: boolean;
  speakersFile: string;
}

/** Reads the arguments; a number is the exit code when there is nothing to import. */
function parseImportArgs(argv: string[]): ImportArgs | number {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: 'string' },
        check: { type: 'boolean', default: false },
        speakers: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.positionals.length === 0) {
    process.stderr.write(`error: no transcript files or folders given\n${USAGE}\n`);
    return 2;
  }
  const archive = loadArchive(repoRoot, { ...process.env, MEETINGS_DIR: '' });
  return {
    inputs: args.positionals,
    outDir: args.values.out ?? archive.meetingsDir,
    check: args.values.check,
    speakersFile: args.values.speakers ?? archive.speakersFile,
  };
}

/** A path as the user sees it: relative to the working directory when inside it. */
function shown(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** Reads the speaker registry, or reports why it cannot and returns undefined. */
function loadRegistry(speakersFile: string): SpeakerRegistry | undefined {
  try {
    return createSpeakerRegistry(parseSpeakersFile(readFileSync(speakersFile, 'utf8')));
  } catch (error) {
    const at = error instanceof SourceError ? `${error.line}:${error.column}` : '1:1';
    process.stderr.write(`${shown(speakersFile)}:${at}: error: ${(error as Error).message}\n`);
    return undefined;
  }
}

/** What one run has done so far, for the summary line. */
interface Tally {
  meetings: number;
  turns: number;
  exact: number;
  repaired: number;
  unresolved: number;
  noLink: number;
  warnings: number;
  errors: number;
  written: number;
  unchanged: number;
  drift: number;
}

/** One run's shared state: its options, registry, the ids already taken and the tally. */
interface ImportRun extends ImportArgs {
  registry: SpeakerRegistry;
  /** Which file each meeting id was imported from. */
  owners: Map<string, string>;
  tally: Tally;
}

function report(d: Diagnostic): void {
  process.stderr.write(`${formatDiagnostic(d)}\n`);
}

function reportError(runState: ImportRun, file: string, at: [number, number], message: string) {
  runState.tally.errors++;
  report({ file, line: at[0], column: at[1], message, severity: 'error' });
}

/** Imports one transcript file into the run: parse, merge hand edits, write or compare. */
function importFile(runState: ImportRun, file: string): void {
  const { registry, owners, tally } = runState;
  const source = toSourceName(file);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    reportError(runState, file, [1, 1], `cannot read file (${why}); check the path`);
    return;
  }
  const text = decodeTranscript(bytes);
  // The id is only known after parsing; parse once to find it, then merge the previous file.
  const first = importTranscript(text, { source, registry });
  const id = first.meeting.id;
  const owner = owners.get(id);
  if (owner !== undefined) {
    const message = `meeting id "${id}" is already imported from ${owner}; nothing written for this file (give one of them a different date or folder)`;
    reportError(runState, file, [1, 1], message);
    return;
  }
  owners.set(id, file);
  const outFile = path.join(runState.outDir, `${id}.mdx`);
  const previous = readOptional(outFile);
  let result;
  try {
    result =
      previous === undefined ? first : importTranscript(text, { source, registry, previous });
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    reportError(runState, shown(outFile), [e.line, e.column], e.message);
    return;
  }
  for (const w of result.warnings) report({ ...w, file });
  tally.warnings += result.warnings.length;
  tally.meetings++;
  tally.turns += result.meeting.turns.length;
  for (const h of result.meeting.highlights) {
    if (h.anchor === undefined) tally.noLink++;
    else tally[h.resolution]++;
  }
  storeResult(runState, outFile, previous, result.file);
}

/** Writes the meeting file, or under --check reports that it would change. */
function storeResult(
  runState: ImportRun,
  outFile: string,
  previous: string | undefined,
  text: string,
): void {
  const { tally } = runState;
  if (previous === text) {
    tally.unchanged++;
  } else if (runState.check) {
    tally.drift++;
    const change = previous === undefined ? 'be created' : 'change';
    process.stderr.write(`${shown(outFile)}: would ${change}\n`);
  } else {
    mkdirSync(runState.outDir, { recursive: true });
    writeAtomically(outFile, text);
    tally.written++;
  }
}

/** The one-line summary of a run. */
function formatSummary(tally: Tally, check: boolean, skipped: number): string {
  const action = check
    ? `${tally.drift} would change, ${tally.unchanged} up to date`
    : `${tally.written} written, ${tally.unchanged} unchanged`;
  const highlights = `${tally.exact} exact / ${tally.repaired} repaired / ${tally.unresolved} unresolved (${tally.noLink} without a link)`;
  return `import: ${tally.meetings} meetings (${action}), ${tally.turns} turns, highlights ${highlights}, ${tally.warnings} warnings, ${tally.errors} errors, ${skipped} other markdown files skipped`;
}

/** Runs the import command with its arguments (without `node` and the script); returns the exit code. */
export function run(argv: string[]): number {
  const args = parseImportArgs(argv);
  if (typeof args === 'number') return args;
  const registry = loadRegistry(args.speakersFile);
  if (registry === undefined) return 2;
  const { files, skipped } = collectTranscripts(args.inputs);
  for (const file of skipped) {
    process.stderr.write(`${file}: skipped: markdown without a speaker line, not a transcript\n`);
  }
  const tally: Tally = {
    ...{ meetings: 0, turns: 0, exact: 0, repaired: 0, unresolved: 0, noLink: 0 },
    ...{ warnings: 0, errors: 0, written: 0, unchanged: 0, drift: 0 },
  };
  const runState: ImportRun = { ...args, registry, owners: new Map(), tally };
  const progress = process.stderr.isTTY === true;
  files.forEach((file, index) => {
    if (progress) process.stderr.write(`[${index + 1}/${files.length}] ${file}\n`);
    try {
      importFile(runState, file);
    } catch (e) {
      if (e instanceof SourceError) reportError(runState, file, [e.line, e.column], e.message);
      else
        reportError(runState, file, [1, 1], `internal error: ${(e as Error).stack ?? String(e)}`);
    }
  });
  process.stdout.write(`${formatSummary(tally, args.check, skipped.length)}\n`);
  return tally.errors > 0 || tally.drift > 0 ? 1 : 0;
}

if (import.meta.main) process.exitCode = run(process.argv.slice(2));
