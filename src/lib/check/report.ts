/** How the content check reports: errors at file:line:col, in file order, values shortened. */
import type { Diagnostic } from '../diagnostics.ts';

/** An error diagnostic. */
export function error(file: string, line: number, column: number, message: string): Diagnostic {
  return { file, line, column, message, severity: 'error' };
}

/** Diagnostics in file order (stable for the same position). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A value shown in a message: whitespace runs as one space, at most `max` characters. */
export function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** True for a plain object (a YAML mapping). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
