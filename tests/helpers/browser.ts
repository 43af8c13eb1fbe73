/**
 * Browser-test plumbing shared by every browser test and the benchmark: a static file server for
 * a built site and a headless Chromium (playwright-core) launched the way this machine needs.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type OutgoingHttpHeaders, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Where Debian's `apt-get install -y chromium` puts the browser; `CHROMIUM_PATH` overrides. */
export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Why browser tests cannot run here, or undefined when they can. Without Chromium they skip
 * (with a loud message) on a developer machine, but under `CI=true` a missing browser is a
 * failure: this throws, so CI never goes green without having run them.
 */
export function findBrowserSkipReason(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const reason = `Chromium not found at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env['CI'] === 'true')
    throw new Error(`${reason}; browser tests cannot be skipped on CI`);
  console.warn(`\n!!! SKIPPING BROWSER TESTS: ${reason} !!!\n`);
  return reason;
}

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.woff2': 'font/woff2',
  // Pagefind's own files: already gzip-compressed binary (.pagefind is its wasm).
  '.pagefind': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
};

/** A running static server; `url` is its origin with a trailing slash. */
export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

export interface StaticServerOptions {
  /** Extra headers on every response, e.g. a Content-Security-Policy. */
  headers?: OutgoingHttpHeaders;
  /**
   * Also send the `/*` headers of the site's own `_headers` file (Netlify / Cloudflare Pages
   * format), so pages run under the Content-Security-Policy the site ships. Default true.
   */
  siteHeaders?: boolean;
  /**
   * Gzip text responses when the client accepts it, as static hosts do, so byte counts are the
   * ones readers pay. Pagefind's own files are already compressed and go as they are. Default true.
   */
  compress?: boolean;
}

const compressible = /^(text\/|application\/(json|javascript|xml)|image\/svg)/;

/** The headers a `_headers` file gives every path (its `/*` block); empty when there is none. */
export async function readSiteHeaders(root: string): Promise<OutgoingHttpHeaders> {
  const text = await readFile(path.join(root, '_headers'), 'utf8').catch(() => '');
  const headers: OutgoingHttpHeaders = {};
  let inAll = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      inAll = line.trim() === '/*';
      continue;
    }
    const colon = line.indexOf(':');
    if (inAll && colon > 0) headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * Serves `root` on 127.0.0.1 at a random port like a static host: `/dir/` serves
 * `dir/index.html`, `/dir` redirects to `/dir/`, anything missing gets `/404.html` with status 404.
 */
export async function startStaticServer(
  root: string,
  options: StaticServerOptions = {},
): Promise<StaticServer> {
  const base = path.resolve(root);
  const extra = {
    ...(options.siteHeaders === false ? {} : await readSiteHeaders(base)),
    ...options.headers,
  };
  const gzipCache = new Map<string, Buffer>();
  const server: Server = createServer(async (req, res) => {
    const send = (status: number, body: Buffer | string, type: string, key?: string) => {
      const headers: OutgoingHttpHeaders = { 'content-type': type, ...extra };
      let payload = typeof body === 'string' ? Buffer.from(body) : body;
      const accepts = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
      if (options.compress !== false && accepts && compressible.test(type)) {
        const cached = key ? gzipCache.get(key) : undefined;
        payload = cached ?? gzipSync(payload);
        if (key) gzipCache.set(key, payload);
        headers['content-encoding'] = 'gzip';
        headers['vary'] = 'accept-encoding';
      }
      headers['content-length'] = payload.length;
      res.writeHead(status, headers);
      res.end(req.method === 'HEAD' ? undefined : payload);
    };
    try {
      const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = path.join(base, pathname);
      if (!file.startsWith(base)) return send(403, 'forbidden', 'text/plain');
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { location: `${pathname}/`, ...extra });
          return res.end();
        }
        file = path.join(file, 'index.html');
      }
      const body = await readFile(file).catch(() => undefined);
      if (body) {
        const type = contentTypes[path.extname(file)] ?? 'application/octet-stream';
        return send(200, body, type, file);
      }
      const notFound = await readFile(path.join(base, '404.html')).catch(() => 'not found');
      return send(404, notFound, 'text/html; charset=utf-8');
    } catch {
      return send(400, 'bad request', 'text/plain');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
