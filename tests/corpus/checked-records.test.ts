/**
 * The records the content check hands to the build (`check.ts --records`, read by
 * src/lib/meeting-record.ts within `npm run build`) are the records the files hold: for every
 * meeting of the imported corpus, the checked JSON equals what the YAML reader gives and its head
 * (for Astro's content layer) is that record without the turns, a file with an error gets
 * neither, and a reader in the build waits for the check to pass before it reads.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import {
  checkedHeadsFile,
  checkedRecordFile,
  checkedRecordsEnv,
  checkedRecordsReady,
  type CheckedHead,
} from '../../src/lib/checked-records.ts';
import { readMeetingRecord } from '../../src/lib/meeting-record.ts';
import { corpusSite, repoRoot } from '../helpers/paths.ts';
import { requireBuiltSite } from '../helpers/site.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'checked-records-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** Runs the check over `meetings` with `--records records`; its result. */
function check(meetings: string, records: string) {
  return spawnSync(process.execPath, ['src/cli/check.ts', '--records', records], {
    cwd: repoRoot,
    env: { ...process.env, MEETINGS_DIR: meetings },
    encoding: 'utf8',
  });
}

/** The heads the check wrote into the folder of checked records `records`. */
function readHeads(records: string): CheckedHead[] {
  return JSON.parse(readFileSync(path.join(records, checkedHeadsFile), 'utf8')) as CheckedHead[];
}

describe('check --records', () => {
  it('writes, for every corpus meeting, the record the YAML reader gives', async () => {
    requireBuiltSite();
    const records = path.join(work, 'corpus');
    mkdirSync(records);
    const result = check(corpusSite.mdx, records);
    assert.equal(result.status, 0, result.stderr);
    const files = readdirSync(corpusSite.mdx).filter((name) => name.endsWith('.mdx'));
    assert.ok(files.length >= 84, `${files.length} corpus meetings`);
    const written = readdirSync(records).filter((name) => name.endsWith('.json'));
    assert.equal(written.length, files.length, 'one record per meeting file');
    const heads = readHeads(records);
    assert.deepEqual(
      heads.map((h) => h.file),
      [...files].sort(),
      'one head per meeting file, in file order',
    );
    for (const name of files) {
      const file = path.join(corpusSite.mdx, name);
      const checked: unknown = JSON.parse(readFileSync(checkedRecordFile(records, file), 'utf8'));
      const { turns, ...head } = await readMeetingRecord(file);
      assert.deepEqual(checked, { ...head, turns }, name);
      assert.deepEqual(
        heads.find((h) => h.file === name),
        { file: name, head, bodied: false },
        `${name}: its head, without the turns; the imported corpus has no editorial body`,
      );
    }
  });

  it('says which heads have an editorial body', () => {
    const meetings = path.join(work, 'bodied-meetings');
    const records = path.join(work, 'bodied-records');
    mkdirSync(meetings);
    mkdirSync(records);
    const seed = readFileSync(path.join(repoRoot, 'content/meetings/2025-04-14.mdx'), 'utf8');
    const bare = seed.replace(/\n---\n[\s\S]*$/, '\n---\n');
    writeFileSync(path.join(meetings, '2025-04-14.mdx'), `${bare}\nA note from the editors.\n`);
    writeFileSync(
      path.join(meetings, '2025-04-21.mdx'),
      `${bare.replaceAll('2025-04-14', '2025-04-21')}\n  \n`,
    );
    const result = check(meetings, records);
    assert.equal(result.status, 0, result.stderr);
    const heads = readHeads(records);
    assert.deepEqual(
      heads.map(({ file, bodied, head }) => [file, bodied, 'turns' in head]),
      [
        ['2025-04-14.mdx', true, false],
        ['2025-04-21.mdx', false, false],
      ],
    );
  });

  it('writes no record for a file with an error', () => {
    const meetings = path.join(work, 'bad-meetings');
    const records = path.join(work, 'bad-records');
    mkdirSync(meetings);
    mkdirSync(records);
    const seed = path.join(repoRoot, 'content/meetings/2025-04-14.mdx');
    copyFileSync(seed, path.join(meetings, '2025-04-14.mdx'));
    writeFileSync(
      path.join(meetings, '2025-04-21.mdx'),
      readFileSync(seed, 'utf8').replace(/^date: .*$/m, 'date: 14 April'),
    );
    const result = check(meetings, records);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /2025-04-21\.mdx:\d+:\d+: error: date/);
    assert.deepEqual(readdirSync(records).sort(), ['2025-04-14.json', checkedHeadsFile]);
    const heads = readHeads(records);
    assert.deepEqual(
      heads.map((h) => h.file),
      ['2025-04-14.mdx'],
    );
  });
});

describe('readMeetingRecord within the build', () => {
  it('waits for the check to pass, then reads the checked record', async () => {
    const records = path.join(work, 'waiting');
    mkdirSync(records);
    const file = path.join(repoRoot, 'content/meetings/2025-04-14.mdx');
    const record = await readMeetingRecord(file);
    // A title the file does not hold, so the output says where the record came from.
    const marked = { ...record, title: 'read from the checked record' };
    writeFileSync(checkedRecordFile(records, file), JSON.stringify(marked));
    const script = `import { readMeetingRecord } from ${JSON.stringify(path.join(repoRoot, 'src/lib/meeting-record.ts'))};
      const started = performance.now();
      console.log('reading');
      const r = await readMeetingRecord(${JSON.stringify(file)});
      console.log(JSON.stringify({ title: r.title, waited: performance.now() - started }));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      env: { ...process.env, [checkedRecordsEnv]: records },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.on('close', resolve));
    while (!output.includes('reading')) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(output, 'reading\n', 'nothing is read before the check has passed');
    writeFileSync(path.join(records, checkedRecordsReady), '');
    assert.equal(await exited, 0);
    const read = JSON.parse(output.slice('reading\n'.length)) as { title: string; waited: number };
    assert.equal(read.title, 'read from the checked record');
    assert.ok(read.waited >= 250, `waited ${read.waited} ms for the mark`);
    assert.ok(existsSync(path.join(records, checkedRecordsReady)));
  });
});
