/**
 * The baseline the bench compares build times with: a stock Starlight site (its defaults,
 * Pagefind included) over the same meetings, one page per meeting with a heading per turn (so
 * its search also lands on turns, as sub-results) and each turn's video link. Written into
 * `dir` (inside the repository, so it resolves the project's node_modules) and built there.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readMeetingRecords } from '../tests/helpers/site.ts';
import { runMeasured, type RunResult } from './measure.ts';

const clock = (t: number) =>
  [Math.floor(t / 3600), Math.floor(t / 60) % 60, t % 60]
    .map((n) => String(n).padStart(2, '0'))
    .join(':');

/** Markdown of one meeting: agenda, then every turn under its own heading. */
function meetingMarkdown(meeting: ReturnType<typeof readMeetingRecords>[number]): string {
  const agenda = meeting.agenda.map((a) => `- ${a.text.replaceAll('<', '&lt;')}`).join('\n');
  const turns = meeting.turns.map((t) => {
    const video = meeting.youtube
      ? ` [${clock(t.t)}](https://www.youtube.com/watch?v=${meeting.youtube}&t=${t.t})`
      : ` ${clock(t.t)}`;
    return `#### ${t.speaker.replaceAll('<', '&lt;')}${video}\n\n${t.text.replaceAll('<', '&lt;')}`;
  });
  const title = JSON.stringify(meeting.title);
  return `---\ntitle: ${title}\n---\n\n## Agenda\n\n${agenda}\n\n## Transcript\n\n${turns.join('\n\n')}\n`;
}

/** Writes the Starlight site for the meetings in `meetingsDir` into `dir` and builds it. */
export function buildStarlight(meetingsDir: string, dir: string): Promise<RunResult> {
  rmSync(dir, { recursive: true, force: true });
  const docs = path.join(dir, 'src/content/docs');
  mkdirSync(path.join(docs, 'meetings'), { recursive: true });
  writeFileSync(
    path.join(dir, 'astro.config.mjs'),
    `import starlight from '@astrojs/starlight';\nimport { defineConfig } from 'astro/config';\n` +
      `export default defineConfig({ integrations: [starlight({ title: 'Meetings' })] });\n`,
  );
  writeFileSync(
    path.join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\n` +
      `import { docsLoader } from '@astrojs/starlight/loaders';\n` +
      `import { docsSchema } from '@astrojs/starlight/schema';\n` +
      `export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n`,
  );
  writeFileSync(path.join(docs, 'index.md'), '---\ntitle: Meetings\n---\n\nThe weekly meetings.\n');
  for (const meeting of readMeetingRecords(meetingsDir)) {
    writeFileSync(path.join(docs, 'meetings', `${meeting.id}.md`), meetingMarkdown(meeting));
  }
  const astro = path.resolve('node_modules/astro/bin/astro.mjs');
  return runMeasured(process.execPath, [astro, 'build', '--root', dir], {});
}

if (import.meta.main) {
  const [meetingsDir, dir] = process.argv.slice(2);
  const built = await buildStarlight(meetingsDir!, path.resolve(dir ?? '.cache/starlight'));
  console.log(`starlight: ${built.seconds.toFixed(2)} s, ${(built.peakBytes / 1e6).toFixed(0)} MB`);
}
