/**
 * Strict UTF-8 decoding for every file a user edits (transcripts, meeting files, YAML data):
 * one rule for what is invalid and where it is. Columns count UTF-16 code units, as every other
 * diagnostic here does (offsetToLineColumn, the YAML and MDX parsers) and as editors jump.
 */
import { offsetToLineColumn } from './diagnostics.ts';

/** The first byte that breaks UTF-8, with its 1-based line and column. */
export interface InvalidUtf8 {
  /** The byte's value. */
  byte: number;
  /** Its 0-based offset in the file. */
  offset: number;
  line: number;
  column: number;
  /** `invalid UTF-8 (byte 0xC3 at byte offset 62)` */
  message: string;
}

/** Decodes bytes as strict UTF-8 (a BOM is kept), or locates the first invalid byte. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { invalid: InvalidUtf8 } {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { text: decoder.decode(bytes) };
  } catch {
    const offset = findInvalidUtf8(bytes);
    const prefix = decoder.decode(bytes.subarray(0, offset));
    const { line, column } = offsetToLineColumn(prefix, prefix.length);
    const byte = bytes[offset] ?? 0;
    const hex = byte.toString(16).toUpperCase().padStart(2, '0');
    const message = `invalid UTF-8 (byte 0x${hex} at byte offset ${offset})`;
    return { invalid: { byte, offset, line, column, message } };
  }
}

/** The offset of the first byte that is not part of a valid UTF-8 sequence (bytes.length if none). */
export function findInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    let cp = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += length;
  }
  return i;
}
