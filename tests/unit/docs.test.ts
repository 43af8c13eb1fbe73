/** The weekly workflow runs the README's own commands, so the documented way is the tested way. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { repoRoot } from '../helpers/paths.ts';

interface Workflow {
  jobs: Record<string, { steps: { run?: string; name?: string }[] }>;
}

test('every one-line command of .github/workflows/weekly.yml is in the README', () => {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const workflow = parse(
    readFileSync(path.join(repoRoot, '.github/workflows/weekly.yml'), 'utf8'),
  ) as Workflow;
  const commands = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .flatMap((step) => (step.run !== undefined && !step.run.includes('\n') ? [step.run] : []));
  assert.ok(commands.length >= 4, `found ${commands.length} commands`);
  for (const command of commands) {
    assert.ok(readme.includes(`    ${command}\n`), `README shows \`${command}\``);
  }
});
