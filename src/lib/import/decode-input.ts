/**
 * Turning transcript bytes into the text the parser reads: strict UTF-8, one newline style,
 * no NUL. Rejections carry the 1-based line and column of the offending character.
 */
import { offsetToLineColumn } from '../diagnostics.ts';
import { SourceError } from '../source-error.ts';
import { decodeUtf8 } from '../utf8.ts';

/** Decodes UTF-8 bytes strictly; throws a SourceError at the first invalid byte. */
export function decodeTranscript(bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return decoded.text;
  const { message, line, column } = decoded.invalid;
  throw new SourceError(`${message}: save the file as UTF-8 and import it again`, line, column);
}

/** Strips a BOM, turns CRLF and lone CR into LF, and rejects NUL characters. */
export function normalizeTranscript(text: string): string {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const nul = normalized.indexOf('\0');
  if (nul !== -1) {
    const { line, column } = offsetToLineColumn(normalized, nul);
    throw new SourceError(
      'NUL character in transcript; the file is probably binary or corrupted, remove it',
      line,
      column,
    );
  }
  return normalized;
}
