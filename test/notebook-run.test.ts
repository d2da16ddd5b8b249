/**
 * Running from a notebook cell: the estimate before work (units missing from the cache, seconds from priors
 * calibrated by the cache's timings), the budget that stops a long cell before it computes anything, the stop
 * signal that ends a run between units (and a re-run that resumes to the same numbers), and the one-line
 * messages a kernel prints for them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { tempDir } from './helpers';

process.env.RECOURSE_CACHE_DIR = tempDir('nbrun-cache-');
const { estimateRun, formatDuration, notebookRun, runExperiment, RunStopped, priorTrainSeconds, priorRecourseSeconds, readTimings, PRIOR_SECONDS } =
  await import('../src/experiments/index');
const { resolveTrainOptions } = await import('../src/models/options');
const { RecourseError } = await import('../src/util/errors');
const { initBackend } = await import('../src/backend');
await initBackend({ quiet: true });

/** A small grid on the synthetic dataset: 2 seeds × 3 ε × LR = 6 models, 12 recourse units. */
const grid = (over: object = {}) => ({
  name: 'main',
  datasets: ['synthetic'],
  models: ['lr' as const],
  eps: [0, 0.05, 0.1],
  methods: ['exact', 'scfe'],
  seeds: [0, 1],
  factuals: 10,
  ...over,
});
const unitFiles = () => {
  const dir = join(process.env.RECOURSE_CACHE_DIR!, 'results');
  return existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
};

test('priors: training time grows with the rows seen and PGD; recourse time with the factuals', () => {
  const plain = priorTrainSeconds(resolveTrainOptions({ kind: 'mlp', eps: 0, epochs: 10 }), 1000, 10);
  const pgd = priorTrainSeconds(resolveTrainOptions({ kind: 'mlp', eps: 0.1, epochs: 10 }), 1000, 10);
  const twice = priorTrainSeconds(resolveTrainOptions({ kind: 'mlp', eps: 0, epochs: 20 }), 1000, 10);
  const wide = priorTrainSeconds(resolveTrainOptions({ kind: 'mlp', eps: 0, epochs: 10, width: 200 }), 1000, 10);
  assert.ok(pgd > plain && Math.abs(twice / plain - 2) < 1e-9 && wide > plain, `${plain} ${pgd} ${twice} ${wide}`);
  assert.equal(priorRecourseSeconds('gsm', 100), 100 * PRIOR_SECONDS.recourse.gsm);
  assert.deepEqual(['about 5 s', 'about 3 min', 'about 2.0 h'], [5, 170, 7200].map(formatDuration));
});

test('the estimate counts what is missing before any work, and nothing once the run has filled the cache', async () => {
  const before = await estimateRun([grid()]);
  assert.deepEqual([before.models, before.recourse, before.calibrated], [{ total: 6, missing: 6 }, { total: 12, missing: 12 }, 0]);
  assert.ok(before.seconds > 0);
  assert.deepEqual(unitFiles(), [], 'estimating computes nothing');
  await runExperiment([grid()]);
  const after = await estimateRun([grid()]);
  assert.deepEqual([after.models.missing, after.recourse.missing, after.seconds], [0, 0, 0]);
  // the run recorded its timings: a grid of the same kinds (another seed) is now estimated from them
  assert.ok(readTimings().size > 0);
  const next = await estimateRun([grid({ seeds: [2] })]);
  assert.equal(next.calibrated, next.models.missing + next.recourse.missing, 'every missing unit has a timing of its kind');
});

test('over its budget, notebookRun computes nothing and throws one line with the estimate, the terminal command and the edits', async () => {
  const g = grid({ seeds: [7] });
  const files = unitFiles();
  await assert.rejects(notebookRun([g], { maxSeconds: 0, name: 'config.main' }), (e: Error) => {
    assert.ok(e instanceof RecourseError);
    assert.match(
      e.message,
      /^config\.main needs 3 of 3 models, 6 of 6 recourse units not in the cache, about \d+ s of work \(from this cache's timings\), more than a cell starts on its own \(0 s\): precompute them in a terminal with `npx recourse reproduce --profile paper --jobs 2`.*RECOURSE_PROFILE=small.*maxSeconds: \d+/,
    );
    assert.equal(inspect(e), `recourse: ${e.message}`, 'a kernel prints it as one line, no stack trace');
    return true;
  });
  assert.deepEqual(unitFiles(), files, 'no unit was computed');
  // within the budget it runs
  const run = await notebookRun([g], { maxSeconds: 1e6 });
  assert.equal(run.recourse.length, 6);
});

test('an aborted signal stops the run between units; the re-run resumes to the numbers of an uninterrupted run', async () => {
  const g = grid({ seeds: [3, 4], methods: ['scfe'] });
  const controller = new AbortController();
  let seen = 0;
  await assert.rejects(
    runExperiment([g], {
      signal: controller.signal,
      onProgress: (e) => {
        if (e.stage === 'recourse' && ++seen === 2) controller.abort();
      },
    }),
    (e: Error) => {
      assert.ok(e instanceof RunStopped);
      assert.match(e.message, /^stopped after \d+ of 12 units; run it again to resume from the cache$/);
      return true;
    },
  );
  const left = await estimateRun([g]);
  assert.ok(left.recourse.missing > 0 && left.recourse.missing < 6, `${left.recourse.missing} recourse units left`);
  const resumed = await runExperiment([g]);
  process.env.RECOURSE_CACHE_DIR = tempDir('nbrun-fresh-');
  const fresh = await runExperiment([g]);
  const strip = (rows: readonly object[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/seconds|Seconds|fromCache/.test(k))));
  assert.deepEqual(strip(resumed.recourse), strip(fresh.recourse));
});

test('SIGINT during notebookRun: the run stops at its next unit, and the kernel\'s "Interrupted asynchronously" error prints as one line', () => {
  // in a child process: the test runner's own SIGINT handling stays out of it
  const script = `
    process.env.RECOURSE_CACHE_DIR = ${JSON.stringify(tempDir('nbrun-sigint-'))};
    const { notebookRun, RunStopped } = await import(${JSON.stringify(join(process.cwd(), 'src/experiments/index.ts'))});
    let n = 0;
    const grid = { datasets: ['synthetic'], models: ['lr'], eps: [0, 0.05, 0.1], methods: ['scfe'], seeds: [0, 1, 2], factuals: 10 };
    const run = notebookRun([grid], { maxSeconds: 1e6 });
    // what tslab does on Interrupt Kernel: its SIGINT listener rejects the cell, which it prints with console.error
    const poll = setInterval(() => { if (process.listenerCount('SIGINT') > 0 && ++n === 3) { clearInterval(poll); process.emit('SIGINT'); console.error(new Error('Interrupted asynchronously')); } }, 5);
    try { await run; console.log('finished'); } catch (e) { console.log(e instanceof RunStopped ? 'stopped' : 'other ' + e); }
    console.log('listeners ' + process.listenerCount('SIGINT'));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, RECOURSE_QUIET: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['stopped', 'listeners 0'], r.stderr);
  const lines = r.stderr
    .trim()
    .split('\n')
    .filter((l) => !l.startsWith('[recourse]') && !/^(checking|config|this grid|train|recourse \d)/.test(l) && !/·/.test(l));
  assert.ok(
    lines.some((l) => /^recourse: stopped after \d+ of 18 units; run the cell again to resume from the cache$/.test(l)),
    r.stderr,
  );
  assert.doesNotMatch(r.stderr, /Interrupted asynchronously|\n\s+at /);
});

test('notebookSteps: each step is shown with the time left, and SIGINT stops the cell before its next step with one line', () => {
  const script = `
    const { notebookSteps } = await import(${JSON.stringify(join(process.cwd(), 'src/experiments/index.ts'))});
    const { Stopped } = await import(${JSON.stringify(join(process.cwd(), 'src/util/stop.ts'))});
    const ran = [];
    const busy = (ms) => new Promise((ok) => setTimeout(ok, ms));
    const work = notebookSteps('pairs', 5, async (begin) => {
      for (const e of [0.1, 0.2, 0.3, 0.4, 0.5]) {
        await begin('pair ε = ' + e);
        await busy(60);
        ran.push(e);
        if (ran.length === 2) { process.emit('SIGINT'); console.error(new Error('Interrupted asynchronously')); }
      }
      return ran;
    });
    try { await work; console.log('finished'); } catch (e) { console.log(e instanceof Stopped ? 'stopped ' + ran.join(',') : 'other ' + e); }
    console.log('listeners ' + process.listenerCount('SIGINT'));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, RECOURSE_QUIET: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.trim().split('\n'), ['stopped 0.1,0.2', 'listeners 0'], r.stderr);
  assert.match(r.stderr, /^pairs: step 1\/5 · pair ε = 0\.1 · 1 s so far$/m);
  assert.match(r.stderr, /^pairs: step 2\/5 · pair ε = 0\.2 · 1 s so far, about \d+ s left$/m);
  assert.doesNotMatch(r.stderr, /step 3\/5/, 'no step starts after the interrupt');
  assert.match(r.stderr, /^recourse: pairs: stopped after 2 of 5 steps; run the cell again to redo it$/m);
  assert.doesNotMatch(r.stderr, /Interrupted asynchronously|\n\s+at /);
});

test('text that follows the data: the grid sentence is written from the grid, and a test-size run labels every verdict', async () => {
  const { gridSentence, verdictMarkdown, verdictSummaryRows, decideMarkdown, TEST_SIZE_LABEL } = await import('../src/reports/index');
  assert.equal(
    gridSentence(grid({ name: 'variants', setups: ['default', 'carla'] }), 'the setup comparison'),
    'The `variants` grid (the setup comparison) ran synthetic; lr; 3 ε values (0, 0.05, 0.1); 2 seeds; 10 factuals per model; setups default, carla.',
  );
  assert.match(gridSentence(null, 'the setup comparison'), /did not run/);
  const vs = [
    {
      subject: { kind: 'adversarial', dataset: 'adult', model: 'mlp' },
      setup: 'default',
      verdict: 'reproduced',
      evidence: { kind: 'neighbourhood', validAtZero: 3, validAtEps: 1, factuals: 4, eps: 0.3 },
      leftOut: null,
    } as const,
  ];
  assert.ok(verdictMarkdown('Fig. 2', vs, { testSize: true }).startsWith(`*${TEST_SIZE_LABEL}* — **Fig. 2: reproduced**`));
  assert.ok(verdictMarkdown('Fig. 2', vs).startsWith('**Fig. 2: reproduced**'), 'a full run has no label');
  assert.equal(verdictSummaryRows({ 'Fig. 2': vs }, {}, { testSize: true })[0].verdict, `reproduced (${TEST_SIZE_LABEL})`);
  assert.equal(decideMarkdown({ rows: [], levels: [] } as never, { testSize: true })[0], '(the run has no grid point on the main architecture)');
});
