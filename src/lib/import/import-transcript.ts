/**
 * Entry point of the importer: transcript text in, meeting record and MDX file text out.
 * Pure: the caller reads files and passes the existing MDX file so hand edits survive.
 */
import { normalizeTranscript } from './decode-input.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { parseMeetingFile, serializeMeetingFile } from '../meeting-file.ts';
import { parseTranscript } from './parse-transcript.ts';
import { meetingSchema, type Meeting } from '../schema.ts';
import type { SpeakerRegistry } from './speakers.ts';
import { SourceError } from '../source-error.ts';

export { SourceError } from '../source-error.ts';

/** Options of one import. */
export interface ImportOptions {
  /** Relative, machine-independent source name written into the file, e.g. `2025-04-14/meeting-transcript.md`. */
  source: string;
  registry: SpeakerRegistry;
  /** Text of the meeting's existing MDX file: its topicEdits and body are kept. */
  previous?: string;
}

/** The result of importing one transcript. */
export interface ImportResult {
  meeting: Meeting;
  warnings: Diagnostic[];
  /** The MDX file text to write (byte-identical for the same inputs). */
  file: string;
}

/** Imports one transcript; throws SourceError (with line and column) for input it rejects. */
export function importTranscript(text: string, options: ImportOptions): ImportResult {
  const normalized = normalizeTranscript(text);
  const parsed = parseTranscript(normalized, {
    source: options.source,
    registry: options.registry,
  });
  let body = '';
  const meeting = parsed.meeting;
  if (options.previous !== undefined) {
    let previous;
    try {
      previous = parseMeetingFile(options.previous);
    } catch (error) {
      if (!(error instanceof SourceError)) throw error;
      throw new SourceError(
        `existing meeting file is invalid (${error.message}); fix or delete it, then import again, so its hand edits are not lost`,
        error.line,
        error.column,
      );
    }
    meeting.topicEdits = previous.meeting.topicEdits;
    body = previous.body;
  }
  const checked = meetingSchema.safeParse(meeting);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new SourceError(
      `cannot represent this transcript: ${issue?.path.join('.')} ${issue?.message}; please report it with the file`,
      1,
      1,
    );
  }
  const file = serializeMeetingFile(meeting, { source: options.source, body });
  return { meeting, warnings: parsed.warnings, file };
}
