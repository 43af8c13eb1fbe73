/**
 * The frontmatter of a meeting file or a YAML data file: read with js-yaml, as Astro reads it,
 * so the check validates the very values the build will see (js-yaml turns an unquoted
 * `2025-04-14` into a Date, for instance), then checked against its zod schema; each schema
 * issue is reported at the line and column of its path.
 */
import { load, YAMLException } from 'js-yaml';
import type { z } from 'astro/zod';
import type { Diagnostic } from '../diagnostics.ts';
import { hasFrontmatter, splitFrontmatter, type FrontmatterParts } from '../frontmatter.ts';
import { createYamlLocator, type LocateYamlPath } from '../yaml-locate.ts';
import { error } from './report.ts';

/** At most this many schema errors are listed per file; the rest are counted in one line. */
const MAX_SCHEMA_ISSUES = 100;

/** The frontmatter and body of a meeting file, or undefined after reporting why it has none. */
export function splitMeetingFile(
  file: string,
  text: string,
  diagnostics: Diagnostic[],
): FrontmatterParts | undefined {
  const split = splitFrontmatter(text);
  if (hasFrontmatter(split)) return split;
  diagnostics.push(error(file, split.line, split.column, split.problem));
  return undefined;
}

/**
 * Parses YAML the way Astro does and validates it; schema issues are reported at the line and
 * column of their path. Returns the parsed data (even when invalid) unless the YAML is broken.
 */
export function checkYamlRecord(
  file: string,
  yaml: string,
  startLine: number,
  schema: z.ZodType,
  diagnostics: Diagnostic[],
): { data: unknown; locate: LocateYamlPath; valid?: unknown } | undefined {
  let data: unknown;
  try {
    data = load(yaml);
  } catch (e) {
    if (e instanceof YAMLException) {
      // js-yaml marks are 0-based. An error at the end of the frontmatter points at its
      // closing `---` line, which is where the missing text belongs.
      diagnostics.push(
        error(
          file,
          startLine + e.mark.line,
          e.mark.column + 1,
          `the frontmatter is not valid YAML: ${e.reason}; fix the YAML (or re-import the meeting)`,
        ),
      );
    } else {
      diagnostics.push(
        error(file, startLine, 1, `the frontmatter could not be read as YAML: ${String(e)}`),
      );
    }
    return undefined;
  }
  const locate = createYamlLocator(yaml, startLine);
  const result = schema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues;
    for (const issue of issues.slice(0, MAX_SCHEMA_ISSUES)) {
      // An unknown key is reported where it is written, not at the start of its mapping.
      const at =
        issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined
          ? [...issue.path, issue.keys[0]]
          : issue.path;
      const { line, column } = locate(at);
      const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(frontmatter)';
      const value = valueAt(data, issue.path);
      diagnostics.push(error(file, line, column, `${path}: ${issue.message}${hintFor(value)}`));
    }
    if (issues.length > MAX_SCHEMA_ISSUES) {
      diagnostics.push(
        error(
          file,
          startLine,
          1,
          `${issues.length - MAX_SCHEMA_ISSUES} more schema errors in this file are not listed; fix the ones above and run the check again`,
        ),
      );
    }
  }
  return { data, locate, valid: result.success ? result.data : undefined };
}

function hintFor(value: unknown): string {
  if (value instanceof Date) {
    return "; YAML reads an unquoted date as a timestamp: quote it, e.g. '2025-04-14'";
  }
  if (value === undefined) return '; add the missing field (or re-import the meeting)';
  return '; fix this value in the frontmatter (or re-import the meeting)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}
