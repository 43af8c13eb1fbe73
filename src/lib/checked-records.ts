/**
 * The folder of checked records that `npm run build` hands from the content check to Astro and
 * the index's staging (see ./meeting-record.ts). Kept apart, without dependencies, because the
 * build's own process reads it before it starts Astro.
 */
import path from 'node:path';

/** The environment variable naming the folder of checked records. */
export const checkedRecordsEnv = 'CHECKED_RECORDS_DIR';
/** In that folder, the file whose presence says that the check has passed. */
export const checkedRecordsReady = 'ready';

/**
 * In that folder, every checked meeting file's head (`CheckedHead`, its record without the turns)
 * in one JSON file, for Astro's content layer (src/data/heads-loader.ts). Without an extension,
 * so that no meeting file's record (`<name>.json`) takes its name.
 */
export const checkedHeadsFile = 'heads';

/** A checked meeting file's head: its name, its record without the turns, whether it has a body. */
export interface CheckedHead {
  /** The file's name in the meetings folder (`2025-04-14.mdx`). */
  file: string;
  head: Record<string, unknown>;
  /** Whether the file has an editorial MDX body (anything but white space after the frontmatter). */
  bodied: boolean;
}

/** Where the checked record of the meeting file `file` is kept in `dir`. */
export function checkedRecordFile(dir: string, file: string): string {
  return path.join(dir, `${path.basename(file, '.mdx')}.json`);
}
