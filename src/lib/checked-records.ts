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

/** Where the checked record of the meeting file `file` is kept in `dir`. */
export function checkedRecordFile(dir: string, file: string): string {
  return path.join(dir, `${path.basename(file, '.mdx')}.json`);
}
