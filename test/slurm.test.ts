/**
 * The job array on a real one-node Slurm cluster (scripts/cluster/local-slurm.sh): scripts/cluster/slurm-array.sh
 * as the README submits it — shards of a small grid into one shared cache, then the merge as a dependent job —
 * gives the tables of a single-process run; a task cancelled while it computes and submitted again changes
 * nothing; a merge while a shard is missing fails with one line. Skipped, with the reason, where Slurm is not
 * installed (.ci/run installs it).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DATA_DIR, readCsv, stable, tempDir } from './helpers';

const root = resolve('.');
const installed =
  ['/usr/sbin/slurmctld', '/usr/sbin/slurmd', '/usr/sbin/munged'].every(existsSync) &&
  spawnSync('sh', ['-c', 'command -v sbatch'], { encoding: 'utf8' }).status === 0;
const skip = !installed
  ? 'Slurm is not installed here (apt-get install slurm-wlm munge; .ci/run installs it)'
  : process.getuid?.() !== 0
    ? 'the one-node cluster needs root (slurmd runs jobs as their user)'
    : false;

const dir = tempDir('slurm-');
let env: Record<string, string> = {};
/** The grid: 2 datasets × LR × 3 seeds = 6 groups, two per shard. */
const EXTRA = '--datasets synthetic,compas --models lr --methods exact,scfe --eps 0,0.1 --seeds 3 --no-theory --no-images';

function sh(cmd: string, args: string[], extra: Record<string, string> = {}): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', env: { ...process.env, ...env, ...extra } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Submits the array script with sbatch, `vars` in the environment it exports to the job (--export=ALL: a value
 * with commas, such as EXTRA, cannot go in --export's own list); its output goes to `dir/<name>-<job>.out`.
 */
function submit(name: string, args: string[], vars: Record<string, string>): string {
  const out = join(dir, args.some((a) => a.startsWith('--array')) ? `${name}-%A_%a.out` : `${name}-%j.out`);
  const r = sh('sbatch', ['--parsable', '--cpus-per-task=1', '--export=ALL', '-o', out, ...args, 'scripts/cluster/slurm-array.sh'], vars);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim().split(';')[0];
}

/** The states of a job's tasks (scontrol), e.g. ['COMPLETED', 'RUNNING']. */
function states(job: string): string[] {
  const r = sh('scontrol', ['show', 'job', job]);
  return [...r.stdout.matchAll(/JobState=(\w+)/g)].map((m) => m[1]);
}

async function waitFor(job: string, seconds = 300): Promise<string[]> {
  for (let t = 0; t < seconds * 5; t++) {
    const s = states(job);
    if (s.length && s.every((x) => !['PENDING', 'RUNNING', 'CONFIGURING', 'COMPLETING'].includes(x))) return s;
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`job ${job} did not end within ${seconds} s: ${states(job).join(', ')}`);
}

/** A results table without the columns that measure time or say where a unit came from. */
const tableOf = (file: string) => stable(readCsv(file));

before(() => {
  if (skip) return;
  const r = sh('bash', ['scripts/cluster/local-slurm.sh', 'start', join(dir, 'cluster')]);
  assert.equal(r.status, 0, `the one-node cluster did not start: ${r.stderr}`);
  env = { SLURM_CONF: join(dir, 'cluster', 'slurm.conf'), RECOURSE_DATA_DIR: DATA_DIR, RECOURSE_QUIET: '1' };
});

after(() => {
  if (!skip) sh('bash', ['scripts/cluster/local-slurm.sh', 'stop', join(dir, 'cluster')]);
  rmSync(dir, { recursive: true, force: true });
});

test('a job array of 3 shards and a dependent merge give the tables of a single-process run', { skip, timeout: 600_000 }, async () => {
  const cache = join(dir, 'cache');
  const vars = { PROFILE: 'quick', EXTRA, SHARDS: '3', RECOURSE_CACHE_DIR: cache };
  const array = submit('shard', ['--array=1-3'], vars);
  const merge = submit('merge', [`--dependency=afterok:${array}`], { ...vars, MERGE: '1', OUT: join(dir, 'merged') });
  const logs = () =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.out'))
      .map((f) => `${f}: ${readFileSync(join(dir, f), 'utf8')}`)
      .join('\n');
  assert.deepEqual(await waitFor(array), ['COMPLETED', 'COMPLETED', 'COMPLETED'], logs());
  assert.deepEqual(await waitFor(merge), ['COMPLETED'], logs());
  const single = sh('npx', ['recourse', 'reproduce', '--profile', 'quick', ...EXTRA.split(' '), '--out', join(dir, 'single')], {
    RECOURSE_CACHE_DIR: join(dir, 'single-cache'),
  });
  assert.equal(single.status, 0, single.stderr);
  for (const t of ['recourse.csv', 'models.csv', 'summary.csv']) {
    assert.deepEqual(tableOf(join(dir, 'merged', 'results', t)), tableOf(join(dir, 'single', 'results', t)), t);
  }
});

test(
  'a task cancelled while it computes and submitted again leaves the merged result unchanged; a merge with a shard missing fails in one line',
  { skip, timeout: 600_000 },
  async () => {
    const cache = join(dir, 'cache-cancel');
    const vars = { PROFILE: 'quick', EXTRA, SHARDS: '3', RECOURSE_CACHE_DIR: cache };
    const array = submit('cancel', ['--array=1-3'], vars);
    // cancel task 2 once it runs
    for (let t = 0; t < 600 && !states(`${array}_2`).includes('RUNNING'); t++) await new Promise((ok) => setTimeout(ok, 100));
    assert.equal(sh('scancel', [`${array}_2`]).status, 0);
    await waitFor(array);
    assert.equal(states(`${array}_2`)[0], 'CANCELLED');
    // the merge now finds the cancelled shard's units missing
    const early = submit('early', [], { ...vars, MERGE: '1', OUT: join(dir, 'early') });
    assert.deepEqual(await waitFor(early), ['FAILED']);
    const log = readFileSync(join(dir, `early-${early}.out`), 'utf8')
      .trim()
      .split('\n');
    assert.match(
      log[log.length - 1],
      /^recourse: \d+ units are not in the cache \(.+\), e\.g\. .+: run every shard \(--shard i\/N\) into this cache before --merge$/,
    );
    assert.ok(!existsSync(join(dir, 'early', 'results', 'recourse.csv')), 'no table from an incomplete cache');
    // task 2 again, then the merge: the same tables as the uninterrupted array above
    const again = submit('again', ['--array=2'], vars);
    assert.deepEqual(await waitFor(again), ['COMPLETED']);
    const merge = submit('merge-after-cancel', [], { ...vars, MERGE: '1', OUT: join(dir, 'merged-after-cancel') });
    assert.deepEqual(await waitFor(merge), ['COMPLETED']);
    for (const t of ['recourse.csv', 'models.csv', 'summary.csv']) {
      assert.deepEqual(tableOf(join(dir, 'merged-after-cancel', 'results', t)), tableOf(join(dir, 'merged', 'results', t)), t);
    }
    const leftovers = readdirSync(cache, { recursive: true })
      .map(String)
      .filter((f) => /\.tmp|\.claim$/.test(f));
    assert.deepEqual(leftovers, [], 'no claim or temporary file is left in the shared cache');
  },
);
