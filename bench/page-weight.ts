/** Page weight as a reader's browser fetches it: the HTML plus the CSS and JS it references, gzipped. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

function brotliSize(file: string): number {
  return brotliCompressSync(readFileSync(file)).length;
}

/** Bytes (gzip) of the page at `htmlFile` in `dist`, with its stylesheets and scripts. */
export function measurePageWeight(
  dist: string,
  htmlFile: string,
): { html: number; assets: number; total: number; brotli: number } {
  const html = readFileSync(htmlFile, 'utf8');
  const assets = new Set<string>();
  for (const m of html.matchAll(
    /<(?:link[^>]*rel="stylesheet"[^>]*href|script[^>]*src)="(\/[^"]+)"/g,
  )) {
    const file = path.join(dist, m[1]!);
    if (existsSync(file)) assets.add(file);
  }
  // module scripts import their chunks; count those the page loads up front
  for (const file of [...assets]) {
    if (!file.endsWith('.js')) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"/g)) {
      const dep = path.join(path.dirname(file), m[1]!);
      if (existsSync(dep)) assets.add(dep);
    }
  }
  const htmlBytes = gzipSize(htmlFile);
  const assetBytes = [...assets].reduce((n, f) => n + gzipSize(f), 0);
  const brotli = [htmlFile, ...assets].reduce((n, f) => n + brotliSize(f), 0);
  return { html: htmlBytes, assets: assetBytes, total: htmlBytes + assetBytes, brotli };
}
