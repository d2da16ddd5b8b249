import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initBackend } from '../backend';
import type { ModelKind } from '../models/types';
import {
  claimer,
  estimateBasis,
  estimateRun,
  formatDuration,
  inShard,
  missingText,
  parseShard,
  profile,
  resolveGrid,
  runExperiment,
  withOverrides,
  type GridSpec,
  type Plan,
} from '../experiments/index';
import { decidedSentence, writeFigures, writeRunSummary, writeTables } from '../reports/index';
import { decideTable, judgeClaims } from '../verdicts/index';
import { RECOURSE_METHOD_NAMES } from '../recourse/index';
import { RecourseError } from '../util/errors';
import { writeOutputAtomically } from '../util/files';
import { all, int, list, numbers, output, str } from './args';
import { parseMethodOptions } from './method-options';
import { degenerateNote } from './degenerate-note';
import { runJobs } from './parallel-jobs';
import { unitProgress } from './unit-progress';
import type { ParsedArgs } from './args';

/** The plan with only the named grids (all of them when `names` is undefined); an unknown name is a RecourseError listing the profile's. */
function onlyGrids(plan: Plan, names: string[] | undefined, prof: string): Plan {
  if (!names) return plan;
  const known = plan.grids.map((g) => g.name ?? 'main');
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length) throw new RecourseError(`--grids: the ${prof} profile has no grid '${unknown[0]}'; its grids are ${known.join(', ')}`);
  return { ...plan, grids: plan.grids.filter((g, i) => names.includes(known[i])) };
}

/** Runs `recourse reproduce` with parsed flags (loaded only when the command runs). */
export async function runReproduce(args: ParsedArgs): Promise<number> {
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const prof = str(args, 'profile');
  const base = onlyGrids(profile(prof), args.grids !== undefined ? list(args, 'grids') : undefined, prof);
  // the flags' rules checked every name and number when the command line was parsed; the grid checks the rest
  const methods = args.methods !== undefined ? list(args, 'methods') : undefined;
  const over: Partial<GridSpec> = {
    datasets: args.datasets !== undefined ? list(args, 'datasets') : undefined,
    models: args.models !== undefined ? (list(args, 'models') as ModelKind[]) : undefined,
    methods,
    eps: args.eps !== undefined ? numbers(args, 'eps') : undefined,
    seeds: args.seeds !== undefined ? Array.from({ length: int(args, 'seeds') }, (_, i) => i) : undefined,
    setups: args.setup !== undefined ? list(args, 'setup') : undefined,
    factuals: args.factuals !== undefined ? int(args, 'factuals') : undefined,
    exactMlp: args['exact-mlp'] ? true : undefined,
    methodOptions: parseMethodOptions(all(args, 'opt'), methods ?? [...new Set(base.grids.flatMap((g) => g.methods ?? RECOURSE_METHOD_NAMES))]),
  };
  const overridden = withOverrides(base, over);
  const epochs = args.epochs !== undefined ? int(args, 'epochs') : undefined;
  const grids = overridden.grids.map((g) => (epochs !== undefined ? { ...g, training: { ...(g.training ?? {}), epochs } } : g));
  const out = resolve(str(args, 'out'));
  grids.forEach((g) => resolveGrid(g)); // every grid rule (e.g. a method that fits no model) before any work
  if (args.shard === undefined && args.claim === undefined) checkOutDir(out);
  const backend = await initBackend({ quiet: !!args.json });
  const say = args.json ? undefined : (m: string) => process.stderr.write(`[recourse] ${m}\n`);
  const jobs = int(args, 'jobs');
  const shard = args.shard !== undefined ? parseShard(str(args, 'shard')) : null;
  const parts = [jobs > 1, shard !== null, !!args.merge, args.claim !== undefined].filter(Boolean).length;
  if (parts > 1) throw new RecourseError('use one of --jobs, --shard and --merge at a time');
  if (args['no-cache'] && (parts || jobs > 1)) throw new RecourseError('--jobs, --shard and --merge share work through the cache: drop --no-cache');
  const plan = { grids, theory: args['no-theory'] ? [] : overridden.theory };
  if (say && !shard && args.claim === undefined && !args.merge && !args['no-cache']) say(await estimateLine(plan, jobs));
  let jobStages: Record<string, number>[] = [];
  if (jobs > 1) {
    say?.(`running ${jobs} jobs sharing the cache`);
    jobStages = await runJobs(
      process.argv.slice(3).filter((a, i, all) => a !== '--jobs' && all[i - 1] !== '--jobs' && !a.startsWith('--jobs=') && a !== '--json'),
      jobs,
      say,
    );
  }
  const owns = shard ? (_k: string, position: number) => inShard(position, shard) : args.claim !== undefined ? claimer(str(args, 'claim')) : undefined;
  const merged = await runExperiment(plan, {
    cache: !args['no-cache'],
    onProgress: unitProgress(!args.json || !!process.env.RECOURSE_JOB),
    onMessage: say,
    owns,
    cachedOnly: !!args.merge || jobs > 1,
  });
  // with --jobs the units were computed by the jobs: their stage seconds are summed into the run's
  const stageSeconds = { ...merged.stageSeconds };
  for (const js of jobStages) for (const k of Object.keys(stageSeconds) as (keyof typeof stageSeconds)[]) stageSeconds[k] += Number(js[k]) || 0;
  const run = { ...merged, stageSeconds };
  if (owns) {
    output(
      args,
      {
        shard: shard ? `${shard.index}/${shard.count}` : 'claimed',
        units: { models: run.units.models.length, recourse: run.units.recourse.length, theory: run.theoryRuns.length },
        stageSeconds: run.stageSeconds,
      },
      () => [
        `${shard ? `shard ${shard.index}/${shard.count}` : 'job'}: ${run.units.models.length} models, ${run.units.recourse.length} recourse units, ${run.theoryRuns.length} theory checks in the cache; run with --merge when every shard has finished`,
      ],
    );
    return 0;
  }
  // all or nothing: tables, figures, then summary.json with the figures' time, moved into --out together
  const meta = { profile: prof, command: `recourse reproduce ${process.argv.slice(3).join(' ')}`.trim(), startedAt, jobs };
  const dir = join(out, 'results');
  let figuresStart = 0;
  const figs = await writeOutputAtomically(out, async (staging) => {
    writeTables(run, staging, { ...meta, wallSeconds: (performance.now() - t0) / 1000 });
    figuresStart = performance.now();
    say?.('writing figures');
    const saved = await writeFigures(run, staging, { images: !args['no-images'] });
    writeRunSummary(run, staging, { ...meta, wallSeconds: (performance.now() - t0) / 1000 }, (performance.now() - figuresStart) / 1000);
    return saved;
  });
  const figureSeconds = (performance.now() - figuresStart) / 1000;
  const wallSeconds = (performance.now() - t0) / 1000;
  const degenerate = run.models.filter((m) => m.degenerate);
  const [verdicts, decide] = [judgeClaims(run.summary), decideTable(run.summary)];
  output(
    args,
    {
      profile: prof,
      out,
      backend,
      wallSeconds,
      stageSeconds: { ...run.stageSeconds, figures: figureSeconds },
      units: { models: run.units.models.length, recourse: run.units.recourse.length },
      figures: figs.html.length - 1,
      images: figs.images.length,
      degenerateModels: degenerate.length,
      verdicts: verdicts.map(({ claim, dataset, model, setup, verdict, withDegenerate }) => ({ claim, dataset, model, setup, verdict, withDegenerate })),
    },
    () => [
      `profile ${prof}: ${run.units.models.length} models, ${run.units.recourse.length} recourse units in ${wallSeconds.toFixed(0)} s (${backend})`,
      `  stages${jobs > 1 ? ` (summed over ${jobs} jobs)` : ''}: ${Object.entries({ ...run.stageSeconds, figures: figureSeconds })
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}`,
      `tables   ${dir}/ (models.csv, recourse.csv, summary.csv, verdicts.md, summary.json)`,
      `figures  ${out}/figures/index.html and ${figs.html.length - 1} per-figure HTML files${figs.images.length ? `, ${figs.images.length} SVG/PNG` : ''}`,
      ...(figs.note ? [`         ${figs.note}`] : []),
      ...(base.about && args.setup === undefined ? [`setup    ${base.about}`] : []),
      ...degenerateNote(
        run.models,
        'marked in every table and figure, left out of the verdicts',
        'to see which factor avoids the collapse, add --setup default,minority,matched (or run --profile decide)',
      ),
      '',
      'verdicts:',
      ...verdicts
        .filter((v) => v.setup !== 'all' || run.grids.some((g) => g.setups.length > 1))
        .map(
          (v) =>
            `  ${v.claim.padEnd(22)} ${v.dataset.padEnd(7)} ${v.model.padEnd(4)} ${v.setup.padEnd(9)} ${v.verdict}` +
            (v.withDegenerate !== v.verdict ? ` (with the degenerate models kept: ${v.withDegenerate})` : ''),
        ),
      '',
      'what decides it (results/verdicts.md has the table):',
      ...decide.rows.map((r) => `  ${r.claim.padEnd(22)} ${r.dataset.padEnd(7)} ${r.model.padEnd(4)} ${decidedSentence(decide.levels, r)}`),
    ],
  );
  return 0;
}

/** What the run will compute and about how long it takes, before any work ("nothing: every unit is in the cache"). */
async function estimateLine(plan: Plan, jobs: number): Promise<string> {
  const e = await estimateRun(plan);
  if (e.models.missing + e.recourse.missing + e.theory.missing === 0) return 'every unit is in the cache: nothing to compute';
  const wall = jobs > 1 ? `${formatDuration(e.seconds / jobs)} with ${jobs} jobs (${formatDuration(e.seconds)} in one process)` : formatDuration(e.seconds);
  return `to compute: ${missingText(e)}, ${wall}, ${estimateBasis(e)}`;
}

/** Fails before any work when the output folder cannot be created or written (e.g. --out names a file). */
function checkOutDir(out: string): void {
  const isFile = (p: string) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (isFile(out)) throw new RecourseError(`--out ${out} is a file; name a folder (it is created if missing)`);
  for (const sub of ['results', 'figures'])
    if (isFile(join(out, sub))) throw new RecourseError(`--out ${out}: ${sub} there is a file; remove it or name another folder`);
  const probe = join(out, `.write-check-${process.pid}`);
  try {
    mkdirSync(out, { recursive: true });
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (e) {
    throw new RecourseError(`cannot write in --out ${out} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); name a writable folder`);
  }
}
