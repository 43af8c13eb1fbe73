/**
 * Pre-build check: every meeting MDX file in MEETINGS_DIR (default: the archive's
 * content/meetings), plus its speakers.yaml and topics.yaml when present. Prints `file:line:col: error: ...`
 * for each problem and a one-line summary; exits 1 on any error.
 *
 * Usage: node src/cli/check.ts
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path, { join } from 'node:path';
import { loadArchive } from '../lib/archive-config.ts';
import { formatDiagnostic, type Diagnostic } from '../lib/diagnostics.ts';
import { checkDataFile, checkMeetingFile, decodeSourceBytes } from '../lib/mdx-check.ts';
import { speakersFileSchema, topicsFileSchema } from '../lib/schema.ts';

const started = performance.now();
const archive = loadArchive(path.resolve(import.meta.dirname, '..', '..'));
/** A path as the user sees it: relative to the working directory when inside it. */
const shown = (file: string) => path.relative(process.cwd(), file) || file;
const meetingsDir = shown(archive.meetingsDir);
const diagnostics: Diagnostic[] = [];
let checked = 0;

/** Reads a file as UTF-8 and runs `check` on it, collecting its diagnostics. */
function checkFile(file: string, check: (file: string, text: string) => Diagnostic[]): void {
  checked++;
  const decoded = decodeSourceBytes(file, readFileSync(file));
  if ('diagnostic' in decoded) diagnostics.push(decoded.diagnostic);
  else diagnostics.push(...check(file, decoded.text));
}

if (!existsSync(meetingsDir)) {
  console.error(`${meetingsDir}: error: meetings folder not found (set MEETINGS_DIR or create it)`);
  process.exit(1);
}
const names = readdirSync(meetingsDir)
  .filter((name) => name.endsWith('.mdx'))
  .sort();
for (const name of names) checkFile(join(meetingsDir, name), checkMeetingFile);

for (const [file, schema] of [
  [shown(archive.speakersFile), speakersFileSchema],
  [shown(archive.topicsFile), topicsFileSchema],
] as const) {
  if (existsSync(file)) checkFile(file, (f, text) => checkDataFile(f, text, schema));
}

for (const d of diagnostics) console.error(formatDiagnostic(d));
const errors = diagnostics.filter((d) => d.severity === 'error').length;
const seconds = ((performance.now() - started) / 1000).toFixed(2);
const summary = `checked ${checked} files: ${errors} error${errors === 1 ? '' : 's'} (${seconds} s)`;
if (errors > 0) {
  console.error(summary);
  process.exitCode = 1;
} else {
  console.log(summary);
}
