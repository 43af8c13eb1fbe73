/**
 * The source text of a file the check reads: strict UTF-8, no BOM, no NUL, no lone CR.
 *
 * Line endings: LF and CRLF are both accepted (Git on Windows checks files out with CRLF; the
 * parsers and Astro read both the same way). A lone CR is rejected: some tools treat it as a line
 * break and some do not, so positions and contents would disagree between them.
 */
import { offsetToLineColumn, type Diagnostic } from '../diagnostics.ts';
import { decodeUtf8 } from '../utf8.ts';
import { error } from './report.ts';

/** Decodes a file's bytes as UTF-8 (a BOM kept, so the check reports it), or locates the first invalid byte. */
export function decodeSourceBytes(
  file: string,
  bytes: Uint8Array,
): { text: string } | { diagnostic: Diagnostic } {
  const decoded = decodeUtf8(bytes);
  if ('text' in decoded) return decoded;
  const { line, column, message } = decoded.invalid;
  return { diagnostic: error(file, line, column, `${message}: save the file as UTF-8`) };
}

/** Reports a BOM, NUL bytes and lone CRs; returns the text without its BOM. */
export function checkCharacters(
  file: string,
  source: string,
  diagnostics: Diagnostic[],
): { text: string; fatal: boolean } {
  let text = source;
  if (text.charCodeAt(0) === 0xfeff) {
    diagnostics.push(
      error(
        file,
        1,
        1,
        'the file starts with a byte order mark (BOM): save it as UTF-8 without BOM',
      ),
    );
    text = text.slice(1);
  }
  let fatal = false;
  const nul = text.indexOf('\0');
  if (nul !== -1) {
    const { line, column } = offsetToLineColumn(text, nul);
    const more = countMatches(text, /\0/g) - 1;
    diagnostics.push(
      error(
        file,
        line,
        column,
        `NUL byte in the file${more > 0 ? ` (and ${more} more)` : ''}: delete it; a meeting file is plain text`,
      ),
    );
    fatal = true;
  }
  const loneCr = findLoneCr(text);
  if (loneCr !== -1) {
    const { line, column } = offsetToLineColumn(text, loneCr);
    diagnostics.push(
      error(
        file,
        line,
        column,
        'lone carriage return (CR) line ending: use LF (or CRLF) line endings throughout the file',
      ),
    );
    // Parsers count a lone CR as a line break and offsetToLineColumn does not: stop here rather
    // than report positions that point at the wrong line.
    fatal = true;
  }
  return { text, fatal };
}

function findLoneCr(text: string): number {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 0x0a) return i;
  }
  return -1;
}

function countMatches(text: string, re: RegExp): number {
  let n = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}
