/** Measurement helpers for the benchmark: a command's wall time and its process tree's peak memory. */
import { stripVTControlCharacters } from 'node:util';
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statfsSync } from 'node:fs';

/** Resident memory (bytes) of `root` and all its descendants, read from /proc (Linux). */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // fields after the command name (which may contain spaces) start after the last ')'
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      rss.set(Number(name), Number(fields[21]) * 4096);
    } catch {
      // the process ended while we read it
    }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += bytes;
        break;
      }
    }
  }
  return total;
}

/**
 * Bytes in use in the RAM file system, where the build keeps its scratch files
 * (src/lib/scratch.ts): memory that no process's resident size counts.
 */
function ramFilesBytes(): number {
  try {
    const { blocks, bfree, bsize } = statfsSync('/dev/shm');
    return (blocks - bfree) * bsize;
  } catch {
    return 0;
  }
}

export interface RunResult {
  seconds: number;
  /**
   * Peak of the summed resident memory of the command's process tree plus what it added to the
   * RAM file system, sampled every 50 ms.
   */
  peakBytes: number;
  output: string;
}

/**
 * Runs a command, measuring wall time and peak memory; rejects when it exits non-zero. The file
 * system's pending writes are flushed first (`sync`), so that the kernel's writeback of earlier
 * steps (the bench deletes and writes tens of thousands of files) is not timed as this command's:
 * measured, a run's first build (1x) took 12.9 s where three builds of the same code after a `sync`
 * took 9.6-9.7 s.
 */
export function runMeasured(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  spawnSync('sync');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Each stream on its own, decoded across chunks: appended to one string as chunks arrive, a
    // chunk of one could cut a line of the other in two (a 4x run once printed no Astro steps).
    const streams = { stdout: '', stderr: '' };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].setEncoding('utf8');
      child[name].on('data', (d: string) => (streams[name] += d));
    }
    let peakBytes = 0;
    const ramFilesBefore = ramFilesBytes();
    const timer = setInterval(() => {
      if (!child.pid) return;
      const ramFiles = Math.max(0, ramFilesBytes() - ramFilesBefore);
      peakBytes = Math.max(peakBytes, treeRss(child.pid) + ramFiles);
    }, 50);
    child.on('close', (code) => {
      clearInterval(timer);
      const output = streams.stdout + streams.stderr;
      const seconds = (performance.now() - started) / 1000;
      // Without colour codes (Astro colours its log where CI is set), so the steps can be read.
      if (code === 0) resolve({ seconds, peakBytes, output: stripVTControlCharacters(output) });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${output}`));
    });
  });
}
