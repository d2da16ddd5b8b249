/**
 * `recourse reproduce` end to end through the real command line: the quick profile into a temp folder
 * (tables, verdicts, figures; SVGs well formed; a row equal to a direct `explain`), and resumption after
 * SIGKILL with identical tables, with truncated or hand-edited cache files recomputed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR, HAVE_DATA, readCsv, runCli, stable, tempDir } from './helpers';

const skip = !HAVE_DATA && 'no data dir';

/** Rows of a CSV as objects (values as strings). */

/** True when every tag of an XML text opens and closes in order. */
function wellFormed(xml: string): boolean {
  const stack: string[] = [];
  for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:.-]*)[^>]*?(\/?)>/g)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]);
    else if (stack.pop() !== m[2]) return false;
  }
  return stack.length === 0 && xml.trimStart().startsWith('<svg');
}

test('reproduce --profile quick writes tables, verdicts and figures, and its rows equal a direct explain', { skip, timeout: 600_000 }, () => {
  const out = tempDir('reproduce-');
  const env = { RECOURSE_CACHE_DIR: tempDir('reproduce-cache-') };
  const r = runCli(['reproduce', '--profile', 'quick', '--out', out, '--json'], env);
  assert.equal(r.code, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(j.profile, 'quick');
  for (const f of ['models.csv', 'models-summary.csv', 'recourse.csv', 'summary.csv', 'verdicts.md', 'verdicts.json', 'summary.json']) {
    assert.ok(existsSync(join(out, 'results', f)), `results/${f}`);
  }
  const summary = JSON.parse(readFileSync(join(out, 'results', 'summary.json'), 'utf8'));
  for (const k of ['data', 'train', 'vae', 'recourse', 'figures']) assert.ok(Number.isFinite(summary.stageSeconds[k]), `stage ${k}`);
  assert.ok(summary.versions.node && summary.backend);
  const rows = readCsv(join(out, 'results', 'recourse.csv'));
  assert.equal(rows.length, j.units.recourse);
  assert.deepEqual([...new Set(rows.map((x) => x.dataset))].sort(), ['adult', 'compas']);
  assert.ok(existsSync(join(out, 'results', 'theory.csv')));
  // the first look shows the trade-off on models that are not degenerate: at most a quarter degenerate, at least 3 seeds
  const models = readCsv(join(out, 'results', 'models.csv'));
  const degenerate = models.filter((m) => m.degenerate === 'true').length;
  assert.ok(degenerate <= models.length / 4, `${degenerate} of ${models.length} quick-profile models are degenerate`);
  assert.ok(new Set(models.map((m) => m.seed)).size >= 3, 'at least 3 seeds');
  assert.ok(new Set(models.map((m) => m.eps)).size >= 3, 'at least 3 ε values');
  for (const x of rows) {
    const v = Number(x.validity);
    assert.ok(v >= 0 && v <= 1);
    if (Number(x.eps) === 0) assert.ok(x.costDiff === '0' || x.costDiff === 'NaN', 'the cost difference of the reference with itself');
  }
  const { verdicts } = JSON.parse(readFileSync(join(out, 'results', 'verdicts.json'), 'utf8'));
  assert.ok(verdicts.length >= 8 && verdicts.every((v: { verdict: string; evidence: string }) => v.verdict && v.evidence));
  const svgs = readdirSync(join(out, 'figures')).filter((f) => f.endsWith('.svg'));
  assert.ok(svgs.length >= 5, `${svgs.length} SVG files`);
  for (const f of svgs) assert.ok(wellFormed(readFileSync(join(out, 'figures', f), 'utf8')), `${f} is well-formed SVG`);
  assert.ok(readFileSync(join(out, 'figures', 'index.html'), 'utf8').includes('Plotly'), 'index.html embeds plotly.js');
  // the same unit through `explain`: the compas NN, ε = 0, SCFE, with the quick profile's sizes
  const e = runCli(
    ['explain', '--dataset', 'compas', '--model', 'mlp', '--eps', '0', '--method', 'scfe', '--n', '30', '--epochs', '15', '--opt', 'maxSteps=500', '--json'],
    env,
  );
  assert.equal(e.code, 0, e.stderr);
  const ex = JSON.parse(e.stdout);
  const row = rows.find((x) => x.dataset === 'compas' && x.model === 'mlp' && Number(x.eps) === 0 && x.method === 'scfe' && Number(x.seed) === 0)!;
  assert.equal(ex.n, Number(row.factuals));
  assert.equal(ex.validity, Number(row.validity));
  assert.equal(ex.meanCostValid, Number(row.cost));
  assert.equal(ex.meanCostAll, Number(row.paperCost));
  assert.equal(ex.modelAccuracy, Number(row.accuracy));
});

/** A small grid that runs in seconds: flags that shrink the quick profile. */
const SMALL = [
  'reproduce',
  '--profile',
  'quick',
  '--datasets',
  'german,compas',
  '--models',
  'lr',
  '--methods',
  'scfe,gsm',
  '--eps',
  '0,0.1',
  '--factuals',
  '15',
  '--epochs',
  '4',
  '--no-images',
  '--json',
];

test('reproduce says what it will compute and about how long before any work, and nothing once the cache holds it', { skip, timeout: 300_000 }, () => {
  const env = { RECOURSE_CACHE_DIR: tempDir('estimate-cache-') };
  const flags = [...SMALL.filter((x) => x !== '--json'), '--no-theory', '--out', tempDir('estimate-out-')];
  const first = runCli(flags, env);
  assert.equal(first.code, 0, first.stderr);
  const line = first.stderr
    .split('\n')
    .findIndex((l) => /^\[recourse\] to compute: (\d+) of \1 models, (\d+) of \2 recourse units, about \d+ (s|min), from rates measured on 2 cores$/.test(l));
  const work = first.stderr.split('\n').findIndex((l) => /^\[recourse\] (data|train) /.test(l));
  assert.ok(line >= 0 && line < work, first.stderr);
  // an empty cache: every unit of the run is missing, as many as it then computes
  const [, models, recourse] = /to compute: (\d+) of \d+ models, (\d+) of/.exec(first.stderr)!;
  assert.match(first.stderr, new RegExp(`\\] train ${models}/${models} `));
  assert.match(first.stderr, new RegExp(`\\] recourse ${recourse}/${recourse} `));
  const again = runCli(flags, env);
  assert.match(again.stderr, /^\[recourse\] every unit is in the cache: nothing to compute$/m, again.stderr);
});

test('a run killed with SIGKILL resumes to identical tables; truncated or edited cache files are recomputed', { skip, timeout: 600_000 }, async () => {
  const reference = tempDir('resume-ref-');
  const a = runCli([...SMALL, '--out', reference], { RECOURSE_CACHE_DIR: tempDir('resume-cache-a-') });
  assert.equal(a.code, 0, a.stderr);
  const cache = tempDir('resume-cache-b-');
  const out = tempDir('resume-out-');
  // start the same run, and kill it after its third recourse unit
  await new Promise<void>((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...SMALL.filter((x) => x !== '--json'), '--out', out], {
      env: { ...process.env, RECOURSE_CACHE_DIR: cache, RECOURSE_QUIET: undefined },
    }); // its progress lines say when to kill
    let units = 0;
    child.stderr.on('data', (b: Buffer) => {
      units += (b.toString().match(/\] recourse \d+\/\d+/g) ?? []).length;
      if (units >= 3) child.kill('SIGKILL');
    });
    child.on('exit', () => done());
  });
  assert.ok(!existsSync(join(out, 'results', 'recourse.csv')), 'the killed run wrote no tables');
  const resumed = runCli([...SMALL, '--out', out], { RECOURSE_CACHE_DIR: cache });
  assert.equal(resumed.code, 0, resumed.stderr);
  for (const t of ['recourse.csv', 'summary.csv', 'models.csv']) {
    assert.deepEqual(stable(readCsv(join(out, 'results', t))), stable(readCsv(join(reference, 'results', t))), `${t} equals the uninterrupted run`);
  }
  // truncate one unit file and edit the numbers of another: both are recomputed with a warning, tables unchanged
  const units = readdirSync(join(cache, 'results')).filter((f) => f.endsWith('.json'));
  assert.ok(units.length >= 4);
  const [t1, t2] = units.map((f) => join(cache, 'results', f));
  writeFileSync(t1, readFileSync(t1, 'utf8').slice(0, 40));
  const edited = JSON.parse(readFileSync(t2, 'utf8'));
  const body = JSON.parse(edited.body);
  body.found[0] = !body.found[0];
  writeFileSync(t2, JSON.stringify({ ...edited, body: JSON.stringify(body) }));
  const again = runCli([...SMALL.filter((x) => x !== '--json'), '--out', out], { RECOURSE_CACHE_DIR: cache });
  assert.equal(again.code, 0, again.stderr);
  assert.equal((again.stderr.match(/is invalid \(.*\); recomputing/g) ?? []).length, 2, again.stderr);
  assert.match(again.stderr, /checksum does not match/);
  assert.deepEqual(stable(readCsv(join(out, 'results', 'recourse.csv'))), stable(readCsv(join(reference, 'results', 'recourse.csv'))));
});

test('two shards in separate processes, then --merge, equal a single-process run; so does --jobs 2', { skip, timeout: 600_000 }, () => {
  const reference = tempDir('shard-ref-');
  const a = runCli([...SMALL, '--out', reference], { RECOURSE_CACHE_DIR: tempDir('shard-cache-a-') });
  assert.equal(a.code, 0, a.stderr);
  const cache = tempDir('shard-cache-b-');
  const early = runCli([...SMALL, '--merge', '--out', tempDir()], { RECOURSE_CACHE_DIR: cache });
  assert.equal(early.code, 1);
  assert.match(early.stderr, /units are not in the cache .*run every shard \(--shard i\/N\) into this cache before --merge/);
  const shards = ['1/2', '2/2'].map((s) => runCli([...SMALL, '--shard', s], { RECOURSE_CACHE_DIR: cache }));
  shards.forEach((s) => assert.equal(s.code, 0, s.stderr));
  const parts = shards.map((s) => JSON.parse(s.stdout).units.recourse);
  assert.ok(parts[0] > 0 && parts[1] > 0, `both shards computed units: ${parts}`);
  const merged = tempDir('shard-out-');
  const m = runCli([...SMALL, '--merge', '--out', merged], { RECOURSE_CACHE_DIR: cache });
  assert.equal(m.code, 0, m.stderr);
  assert.equal(parts[0] + parts[1], JSON.parse(m.stdout).units.recourse, 'the shards are disjoint and cover the plan');
  for (const t of ['recourse.csv', 'summary.csv', 'models.csv']) {
    assert.deepEqual(stable(readCsv(join(merged, 'results', t))), stable(readCsv(join(reference, 'results', t))), `${t} (shards)`);
  }
  // --jobs on a grid with enough work (12 groups of about half a second) that a job starting a second late still
  // finds groups to claim; on SMALL one job can finish everything before the other has loaded its data
  const jobsGrid = [...SMALL, '--seeds', '6', '--opt', 'gsm.samplesPerShell=2000'];
  const jobsReference = tempDir('jobs-ref-');
  assert.equal(runCli([...jobsGrid, '--out', jobsReference], { RECOURSE_CACHE_DIR: tempDir('jobs-cache-a-') }).code, 0);
  const jobsOut = tempDir('jobs-out-');
  const j = runCli([...jobsGrid, '--jobs', '2', '--out', jobsOut], { RECOURSE_CACHE_DIR: tempDir('jobs-cache-') });
  assert.equal(j.code, 0, j.stderr);
  for (const job of [1, 2]) assert.match(j.stderr, new RegExp(`job ${job} (train|recourse) `), `job ${job} computed units`);
  assert.deepEqual(
    stable(readCsv(join(jobsOut, 'results', 'recourse.csv'))),
    stable(readCsv(join(jobsReference, 'results', 'recourse.csv'))),
    'recourse.csv (--jobs 2)',
  );
});

test(
  'through the launcher (npx recourse), --jobs 2 runs both jobs to the end: they never take the coordinator for a dead launcher',
  { skip, timeout: 300_000 },
  () => {
    const out = tempDir('launcher-jobs-out-');
    const r = spawnSync(
      process.execPath,
      [
        'bin/recourse.js',
        'reproduce',
        '--profile',
        'quick',
        '--datasets',
        'compas',
        '--models',
        'lr',
        '--methods',
        'scfe',
        '--eps',
        '0,0.1',
        '--seeds',
        '2',
        '--factuals',
        '5',
        '--no-theory',
        '--no-images',
        '--jobs',
        '2',
        '--out',
        out,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, RECOURSE_DATA_DIR: DATA_DIR, RECOURSE_CACHE_DIR: tempDir('launcher-jobs-cache-'), RECOURSE_QUIET: '1' },
      },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /SIGTERM/);
    assert.equal(readCsv(join(out, 'results', 'recourse.csv')).length, 4, 'both seeds at both ε');
  },
);
