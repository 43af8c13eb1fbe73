/** The archive configuration the build uses (archive.yaml, or the file ARCHIVE_CONFIG names). */
import { loadArchive } from '../lib/archive-config.ts';

/** Read once per build from the project root, where every npm script runs. */
export const archive = loadArchive(process.cwd());
