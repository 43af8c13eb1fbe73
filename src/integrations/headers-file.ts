/**
 * Writes `_headers` at the end of `astro build`: the Content-Security-Policy of src/lib/site/csp.ts
 * (and the other security headers) for static hosts that read one.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { renderHeadersFile } from '../lib/site/csp.ts';

/** The Astro integration. */
export function createHeadersFileIntegration(): AstroIntegration {
  return {
    name: 'headers-file',
    hooks: {
      'astro:build:done': async ({ dir }) => {
        await writeFile(path.join(fileURLToPath(dir), '_headers'), renderHeadersFile());
      },
    },
  };
}
