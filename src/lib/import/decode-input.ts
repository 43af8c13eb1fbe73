/**
 * Turning transcript bytes into the text the parser reads: strict UTF-8, one newline style,
 * no NUL. Rejections carry the 1-based line and column of the offending character.
 */
import { SourceError } from '../source-error.ts';

/** Decodes UTF-8 bytes strictly; throws a SourceError at the first invalid byte. */
export function decodeTranscript(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = findInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (bytes[i] === 0x0a) {
        line++;
        lineStart = i + 1;
      }
    }
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(lineStart, offset));
    const column = [...prefix].length + 1;
    const byte = (bytes[offset] ?? 0).toString(16).padStart(2, '0');
    throw new SourceError(
      `invalid UTF-8 (byte 0x${byte}); save the file as UTF-8 and import it again`,
      line,
      column,
    );
  }
}

/** Returns the offset of the first byte that is not part of a valid UTF-8 sequence. */
function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

/** Strips a BOM, turns CRLF and lone CR into LF, and rejects NUL characters. */
export function normalizeTranscript(text: string): string {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const nul = normalized.indexOf('\0');
  if (nul !== -1) {
    const before = normalized.slice(0, nul);
    const line = before.split('\n').length;
    const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
    throw new SourceError(
      'NUL character in transcript; the file is probably binary or corrupted, remove it',
      line,
      column,
    );
  }
  return normalized;
}
