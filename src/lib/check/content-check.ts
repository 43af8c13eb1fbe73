/**
 * The pre-build check of meeting MDX files (see DESIGN.md, "Untrusted text never runs").
 *
 * A meeting file is YAML frontmatter holding the whole record, then an MDX body for hand-written
 * editorial notes. MDX is a programming language, so the body is parsed with the real MDX parser
 * and only plain markdown plus the components in EDITORIAL_COMPONENTS, with string-literal
 * attributes, is accepted. Everything else (import/export, `{}` expressions, other elements,
 * anything the parser rejects) is reported as `file:line:col` with what to do about it.
 *
 * The frontmatter is read with js-yaml, as Astro reads it, so the check validates the very values
 * the build will see (js-yaml turns an unquoted `2025-04-14` into a Date, for instance). The
 * `yaml` library's Document API is used only to locate a schema error's path in the text.
 */
import type { z } from 'astro/zod';
import type { Diagnostic } from '../diagnostics.ts';
import { meetingSchema, type Meeting } from '../schema.ts';
import { checkYamlRecord, splitMeetingFile } from './frontmatter.ts';
import { checkBody, checkPastedTranscript } from './mdx-body.ts';
import { checkTurnReferences, checkUniqueIds } from './references.ts';
import { sortDiagnostics } from './report.ts';
import { checkCharacters } from './source-text.ts';

/** Checks one meeting file (frontmatter record and MDX body); an empty list means it is fine. */
export function checkMeetingFile(file: string, source: string): Diagnostic[] {
  return checkMeetingSource(file, source).diagnostics;
}

/**
 * `checkMeetingFile`, with the meeting's record as the schema gives it (the value the build reads,
 * `readMeetingRecord`) and whether it has an editorial body, when the file has no error.
 */
export function checkMeetingSource(
  file: string,
  source: string,
): { diagnostics: Diagnostic[]; record?: Meeting; bodied?: boolean } {
  const diagnostics: Diagnostic[] = [];
  const { text, fatal } = checkCharacters(file, source, diagnostics);
  if (fatal) return { diagnostics };

  const parts = splitMeetingFile(file, text, diagnostics);
  if (!parts) return { diagnostics };

  const record = checkYamlRecord(file, parts.yaml, parts.yamlLine, meetingSchema, diagnostics);
  if (record) checkTurnReferences(file, record.data, record.locate, diagnostics);

  const bodied = parts.body.trim() !== '';
  if (bodied) {
    checkPastedTranscript(file, parts.body, parts.bodyLine, diagnostics);
    checkBody(file, parts.body, parts.bodyLine, diagnostics);
  }
  const failed = diagnostics.some((d) => d.severity === 'error');
  return {
    diagnostics: sortDiagnostics(diagnostics),
    ...(record?.valid && !failed ? { record: record.valid as Meeting, bodied } : {}),
  };
}

/** Checks a YAML data file (content/speakers.yaml, content/topics.yaml) against its schema. */
export function checkDataFile(file: string, source: string, schema: z.ZodType): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const { text, fatal } = checkCharacters(file, source, diagnostics);
  if (fatal) return diagnostics;
  const record = checkYamlRecord(file, text, 1, schema, diagnostics);
  if (record) checkUniqueIds(file, record.data, record.locate, diagnostics);
  return sortDiagnostics(diagnostics);
}
