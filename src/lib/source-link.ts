/**
 * Where a meeting came from: the folder of its transcript in the upstream archive, recorded at
 * import time, and the links to that transcript (file, line) built from archive.yaml's upstream.
 */
import { upstreamFileUrl, type ArchiveConfig } from './archive-config.ts';

/**
 * The `folder` of a meeting record for a source name (`2025-04-14/meeting-transcript.md` ->
 * `{ folder: '2025-04-14' }`); empty when the name has no folder, so it spreads into the record.
 */
export function sourceFolder(source: string): { folder?: string } {
  const parts = source.split(/[\\/]/).filter((p) => p !== '' && p !== '.' && p !== '..');
  return parts.length >= 2 ? { folder: parts[parts.length - 2]! } : {};
}

/** The web address of a meeting's transcript upstream, or undefined when its folder is unknown. */
export function sourceFileUrl(
  upstream: ArchiveConfig['upstream'],
  folder: string | undefined,
): string | undefined {
  return folder === undefined ? undefined : upstreamFileUrl(upstream, folder);
}

/** The address of one line of a transcript file upstream (GitHub's `#L<line>` fragment). */
export function sourceLineUrl(fileUrl: string, line: number): string {
  return `${fileUrl}#L${line}`;
}
