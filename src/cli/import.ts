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
import { decodeTranscript } from '../lib/decode-input.ts';
import { formatDiagnostic, type Diagnostic } from '../lib/diagnostics.ts';
import { loadArchive } from '../lib/archive-config.ts';
import { importTranscript, TranscriptError } from '../lib/import-transcript.ts';
import { looksLikeTranscript } from '../lib/parse-transcript.ts';
import { createSpeakerRegistry, parseSpeakersFile, type SpeakerRegistry } from '../lib/speakers.ts';

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

/** Runs the import command; returns the process exit code. */
export function runImport(argv: string[]): number {
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
  const outDir = args.values.out ?? archive.meetingsDir;
  const check = args.values.check;
  const speakersFile = args.values.speakers ?? archive.speakersFile;
  const speakersLabel = path.relative(process.cwd(), speakersFile) || speakersFile;

  let registry: SpeakerRegistry;
  try {
    registry = createSpeakerRegistry(parseSpeakersFile(readFileSync(speakersFile, 'utf8')));
  } catch (error) {
    const at = error instanceof TranscriptError ? `${error.line}:${error.column}` : '1:1';
    process.stderr.write(`${speakersLabel}:${at}: error: ${(error as Error).message}\n`);
    return 2;
  }

  const { files, skipped } = collectTranscripts(args.positionals);
  for (const file of skipped) {
    process.stderr.write(`${file}: skipped: markdown without a speaker line, not a transcript\n`);
  }
  const progress = process.stderr.isTTY === true;
  const report = (d: Diagnostic) => process.stderr.write(`${formatDiagnostic(d)}\n`);
  const error = (file: string, line: number, column: number, message: string) =>
    report({ file, line, column, message, severity: 'error' });
  const owners = new Map<string, string>();
  const totals = { meetings: 0, turns: 0, exact: 0, repaired: 0, unresolved: 0, noLink: 0 };
  let warnings = 0;
  let errors = 0;
  let written = 0;
  let unchanged = 0;
  const drift: string[] = [];

  files.forEach((file, index) => {
    if (progress) process.stderr.write(`[${index + 1}/${files.length}] ${file}\n`);
    const source = toSourceName(file);
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      errors++;
      error(
        file,
        1,
        1,
        `cannot read file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`,
      );
      return;
    }
    let result;
    try {
      const text = decodeTranscript(bytes);
      // The id is only known after parsing; parse once to find it, then merge the previous file.
      const first = importTranscript(text, { source, registry });
      const outFile = path.join(outDir, `${first.meeting.id}.mdx`);
      const owner = owners.get(first.meeting.id);
      if (owner !== undefined) {
        errors++;
        error(
          file,
          1,
          1,
          `meeting id "${first.meeting.id}" is already imported from ${owner}; nothing written for this file (give one of them a different date or folder)`,
        );
        return;
      }
      owners.set(first.meeting.id, file);
      const previous = readOptional(outFile);
      try {
        result =
          previous === undefined ? first : importTranscript(text, { source, registry, previous });
      } catch (e) {
        if (e instanceof TranscriptError) {
          errors++;
          error(path.relative(process.cwd(), outFile) || outFile, e.line, e.column, e.message);
          return;
        }
        throw e;
      }
      for (const w of result.warnings) {
        warnings++;
        report({ ...w, file });
      }
      totals.meetings++;
      totals.turns += result.meeting.turns.length;
      for (const h of result.meeting.highlights) {
        if (h.anchor === undefined) totals.noLink++;
        else totals[h.resolution]++;
      }
      if (previous === result.file) {
        unchanged++;
      } else if (check) {
        drift.push(outFile);
        process.stderr.write(
          `${path.relative(process.cwd(), outFile) || outFile}: would ${previous === undefined ? 'be created' : 'change'}\n`,
        );
      } else {
        mkdirSync(outDir, { recursive: true });
        writeAtomically(outFile, result.file);
        written++;
      }
    } catch (e) {
      errors++;
      if (e instanceof TranscriptError) error(file, e.line, e.column, e.message);
      else error(file, 1, 1, `internal error: ${(e as Error).stack ?? String(e)}`);
    }
  });

  const action = check
    ? `${drift.length} would change, ${unchanged} up to date`
    : `${written} written, ${unchanged} unchanged`;
  process.stdout.write(
    `import: ${totals.meetings} meetings (${action}), ${totals.turns} turns, highlights ${totals.exact} exact / ${totals.repaired} repaired / ${totals.unresolved} unresolved (${totals.noLink} without a link), ${warnings} warnings, ${errors} errors, ${skipped.length} other markdown files skipped\n`,
  );
  return errors > 0 || drift.length > 0 ? 1 : 0;
}

if (import.meta.main) process.exitCode = runImport(process.argv.slice(2));
