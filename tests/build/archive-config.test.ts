/**
 * Build test: another archive (tests/fixtures/archive: its own archive.yaml, speakers, topic and
 * meeting) builds through ARCHIVE_CONFIG, and its pages carry its name, credit and base URL, with
 * every internal link resolving.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'node-html-parser';
import { loadArchive } from '../../src/lib/archive-config.ts';
import { checkExternalLink } from '../../src/lib/site/link-policy.ts';
import { repoRoot } from '../helpers/paths.ts';

const configFile = path.join(repoRoot, 'tests/fixtures/archive/archive.yaml');

/** Every HTML page under `dist`, as [URL path, file]. */
function listHtml(dist: string): [string, string][] {
  return readdirSync(dist, { recursive: true, encoding: 'utf8' })
    .filter((rel) => rel.endsWith('.html'))
    .map((rel) => {
      const url = `/${rel.split(path.sep).join('/')}`.replace(/index\.html$/, '');
      return [url, path.join(dist, rel)];
    });
}

describe('an archive of its own, chosen with ARCHIVE_CONFIG', () => {
  const work = mkdtempSync(path.join(os.tmpdir(), 'archive-config-'));
  after(() => rmSync(work, { recursive: true, force: true }));
  const dist = path.join(work, 'dist');
  const env: NodeJS.ProcessEnv = { ...process.env, ARCHIVE_CONFIG: configFile };
  delete env['MEETINGS_DIR'];
  delete env['SITE_URL'];
  const archive = loadArchive(repoRoot, env);

  it('passes the check and builds', () => {
    const check = spawnSync(process.execPath, ['src/cli/check.ts'], {
      cwd: repoRoot,
      env,
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    assert.match(check.stdout, /^checked 3 files: 0 errors/m, 'one meeting, speakers, topics');
    const build = spawnSync(
      process.execPath,
      ['node_modules/astro/bin/astro.mjs', 'build', '--force', '--outDir', dist, '--silent'],
      { cwd: repoRoot, env, encoding: 'utf8' },
    );
    assert.equal(build.status, 0, build.stdout + build.stderr);
  });

  it('names the archive, credits its source and links its own pages on every page', () => {
    const pages = listHtml(dist);
    assert.ok(
      pages.some(([url]) => url === '/meetings/2030-01-07/'),
      'the meeting page',
    );
    assert.ok(
      pages.some(([url]) => url === '/speakers/brook/'),
      'a page per speaker',
    );
    assert.ok(
      pages.some(([url]) => url === '/topics/lamps/'),
      'the topic page',
    );
    for (const [url, file] of pages) {
      const root = parse(readFileSync(file, 'utf8'));
      assert.equal(root.querySelector('header .brand')?.textContent, archive.name, url);
      assert.match(root.querySelector('title')?.textContent ?? '', /Lantern Club minutes/, url);
      const footer = root.querySelector('footer')!;
      assert.equal(
        footer.textContent.replace(/\s+/g, ' ').trim(),
        'Minutes kept by the Lantern Club; written by hand.',
        url,
      );
      assert.equal(
        footer.querySelector('a')?.getAttribute('href'),
        'https://github.com/lantern-club/minutes',
      );
      const canonical = root.querySelector('link[rel="canonical"]')?.getAttribute('href');
      if (canonical) assert.ok(canonical.startsWith(`${archive.site}/`), `${url}: ${canonical}`);
      for (const a of root.querySelectorAll('a[href]')) {
        const href = a.getAttribute('href')!;
        const target = new URL(href, `${archive.site}${url}`);
        if (target.origin !== archive.site) {
          assert.equal(checkExternalLink(target.href, archive.linkHosts), undefined, href);
          continue;
        }
        const file = path.join(dist, decodeURIComponent(target.pathname));
        assert.ok(
          existsSync(file.endsWith('/') ? path.join(file, 'index.html') : file),
          `${url}: link ${href} resolves`,
        );
      }
    }
    const home = parse(readFileSync(path.join(dist, 'index.html'), 'utf8'));
    assert.equal(home.querySelector('h1')?.textContent, 'Lantern Club weekly minutes');
    const feed = readFileSync(path.join(dist, 'rss.xml'), 'utf8');
    assert.match(feed, /<title>Lantern Club minutes<\/title>/);
    assert.match(feed, /https:\/\/minutes\.lantern\.example\/meetings\/2030-01-07\//);
  });
});
