/**
 * Runs an experiment plan: loads the data, then group by group — a group is the models of one dataset, model
 * kind, shape, seed and training setup over the ε grid, with their recourse units — trains (or loads) the
 * models, trains the C-CHVAE autoencoders the group needs, and runs its recourse units; then the theory
 * checks; then the results tables (verdicts/ judges them). Every unit is cached under its content key, so an interrupted
 * run resumes where it stopped, a re-run after a small edit only computes what changed, and several processes
 * can share one cache, each computing the groups it owns (shards, parallel jobs) before one merges.
 */
import type { Dataset } from '../data/types';
import type { ModelMetrics } from '../models/evaluate';
import { evaluateModel } from '../models/evaluate';
import { fitGrid } from '../models/train-fit';
import type { Net } from '../models/net';
import type { TrainedModel } from '../models/model-file';
import { logitsOf } from '../models/predict';
import { matchThreshold, positiveRateOf } from '../models/threshold';
import { radiusScaleFor } from '../models/radius';
import { majorityRate } from '../data/summary';
import { resolveGrid, type GridSpec } from './grid';
import type { RecourseMeasurements } from './recourse-run';
import { modelRow, recourseRow, summarizeOverSeeds, type ModelRow, type RecourseRow, type SummaryRow } from './results';
import { priorRecourseSeconds, priorTrainSeconds, recordTiming, recourseTimingKind, trainTimingKind } from './timings';
import {
  checkpoint,
  loadData,
  modelLabel,
  recourseUnit,
  requireCached,
  stoppable,
  theoryStage,
  artefactStage,
  type ProgressEvent,
  type RunOptions,
  type StageName,
} from './run-stages';
import { theoryKey, theoryRows, type TheoryCheck, type TheoryMeasurements, type TheoryRow } from './theory-units';
import { unitCache, type UnitCache } from './unit-cache';
import { contentKey, expandGrid, recourseUnitId, type ModelUnit, type RecourseUnit } from './units';

export type { ProgressEvent, RunOptions, StageName };
export { RunStopped } from './run-stages';

/** What a run computes: grids of models × methods, and Section 4 theory checks. */
export interface Plan {
  readonly grids: readonly Partial<GridSpec>[];
  readonly theory?: readonly TheoryCheck[];
  /** Which setup the plan uses and why, for the run's summary. */
  readonly about?: string;
}

/** A run's grids, datasets, per-model and per-recourse rows, theory runs and stage seconds: what tables, figures and verdicts are made from. */
export interface RunResult {
  readonly grids: readonly GridSpec[];
  readonly datasets: ReadonlyMap<string, Dataset>;
  readonly models: ModelRow[];
  readonly recourse: RecourseRow[];
  readonly summary: SummaryRow[];
  /** One row per statement of every theory check, and the checks' full results. */
  readonly theory: TheoryRow[];
  readonly theoryRuns: readonly TheoryMeasurements[];
  /** Per-factual measurements by unit key (for figures that need the points, e.g. the t-SNE view). */
  readonly measurements: ReadonlyMap<string, RecourseMeasurements>;
  /** The units this process computed or read (all of them unless `owns` left some out). */
  readonly units: { readonly models: readonly ModelUnit[]; readonly recourse: readonly RecourseUnit[] };
  /** Wall seconds per stage. */
  readonly stageSeconds: Readonly<Record<StageName, number>>;
}

/** The units of one group: models sharing dataset, kind, shape, seed and training setup, and their recourse units. */
export interface UnitGroup {
  readonly key: string;
  readonly models: ModelUnit[];
  readonly recourse: RecourseUnit[];
}

/** The group key of a model unit (every ε of it shares one group, and so do its recourse units). */
export function groupKey(u: ModelUnit): string {
  return contentKey({ data: u.fingerprint, kind: u.kind, arch: u.arch, seed: u.seed, training: u.training, options: { ...u.options, eps: 0 } });
}

/** The plan's units in groups, deduplicated, in a stable order. */
export function groupUnits(grids: readonly GridSpec[], datasets: ReadonlyMap<string, Dataset>): { groups: UnitGroup[]; evalEps: Map<string, number> } {
  const groups = new Map<string, { key: string; models: Map<string, ModelUnit>; recourse: Map<string, RecourseUnit> }>();
  const evalEps = new Map<string, number>();
  for (const g of grids) {
    const e = expandGrid(g, datasets);
    for (const m of e.models) {
      evalEps.set(m.key, g.evalEps);
      const k = groupKey(m);
      if (!groups.has(k)) groups.set(k, { key: k, models: new Map(), recourse: new Map() });
      groups.get(k)!.models.set(m.key, m);
    }
    for (const r of e.recourse) groups.get(groupKey(r.model))!.recourse.set(recourseUnitId(r), r);
  }
  return { groups: [...groups.values()].map((x) => ({ key: x.key, models: [...x.models.values()], recourse: [...x.recourse.values()] })), evalEps };
}

/**
 * One row per model and per factor levels of the setups that use it: a model shared by setups that make it
 * alike (the ε = 0 model of a matched setup, a target that flips no label) is listed under each, so every
 * setup finds its models by trainedBy.
 */
function modelRows(groups: readonly UnitGroup[], metrics: ReadonlyMap<string, { row: ModelRow }>): ModelRow[] {
  const out: ModelRow[] = [];
  for (const g of groups) {
    for (const m of g.models) {
      const levels = new Map<string, { target: string; threshold: string }>();
      for (const r of g.recourse)
        if (r.model.key === m.key) levels.set(`${r.setup.target}/${r.setup.threshold}`, { target: r.setup.target, threshold: r.setup.threshold });
      if (!levels.size) levels.set('', { target: m.target, threshold: m.threshold });
      for (const l of levels.values()) out.push({ ...metrics.get(m.key)!.row, ...l });
    }
  }
  return out;
}

/** A plan as given, or a list of grids as a plan without theory checks. */
export function asPlan(planOrGrids: Plan | readonly Partial<GridSpec>[]): Plan {
  return Array.isArray(planOrGrids) ? { grids: planOrGrids } : (planOrGrids as Plan);
}

/** Runs a plan (a list of grids is a plan without theory checks); units shared between grids run once. */
export async function runExperiment(planOrGrids: Plan | readonly Partial<GridSpec>[], o: RunOptions = {}): Promise<RunResult> {
  const plan = asPlan(planOrGrids);
  const say = o.onMessage ?? (() => {});
  const cache: UnitCache = unitCache(o.cache === false ? null : undefined);
  const stageSeconds: Record<StageName, number> = { data: 0, train: 0, eval: 0, vae: 0, recourse: 0, theory: 0, tables: 0 };
  const timed = async <T>(stage: StageName, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      stageSeconds[stage] += (performance.now() - t0) / 1000;
    }
  };
  const grids = plan.grids.map(resolveGrid);
  const datasets = await timed('data', () => loadData(grids, plan.theory ?? [], o));
  const { groups, evalEps } = groupUnits(grids, datasets);
  const checks = (plan.theory ?? []).map((c) => ({ check: c, key: theoryKey(datasets.get(c.dataset)!, c) }));
  const owns = o.owns ?? (() => true);
  if (o.cachedOnly) requireCached(groups, checks, datasets, cache);
  const totals = { train: groups.reduce((s, g) => s + g.models.length, 0), recourse: groups.reduce((s, g) => s + g.recourse.length, 0) };
  const done = { train: 0, vae: 0, recourse: 0 };
  const vaesDone = new Set<string>();
  const metrics = new Map<string, { metrics: ModelMetrics; row: ModelRow }>();
  const measurements = new Map<string, RecourseMeasurements>();
  const mine: UnitGroup[] = [];
  let evaluation = 0;
  const unitsDone = () => done.train + done.recourse;
  const unitsTotal = totals.train + totals.recourse;
  for (const [position, g] of groups.entries()) {
    if (!owns(g.key, position)) continue;
    await checkpoint(o, unitsDone(), unitsTotal);
    mine.push(g);
    const nets = new Map<string, Net>();
    const made: Net[] = [];
    try {
      await timed('train', () => {
        // the group's ε grid shares every option but ε: its missing models train as one stacked run
        const ds = datasets.get(g.models[0].data)!;
        const epsGrid = [...new Set(g.models.map((u) => u.options.eps))];
        const trained = new Map<number, TrainedModel>();
        let last = performance.now();
        const fit = fitGrid(ds, g.models[0].options, epsGrid, {
          evalEps: evalEps.get(g.models[0].key),
          cache: o.cache !== false,
          onModel: (m) => {
            trained.set(m.options.eps, m);
            made.push(m.net);
          },
        });
        evaluation += fit.evalSeconds;
        const t0 = performance.now();
        const referenceRate = trained.has(0) ? positiveRateOf(logitsOf(trained.get(0)!.net, ds.train.x)) : NaN;
        const majority = majorityRate(ds);
        for (const u of g.models) {
          const m = trained.get(u.options.eps)!;
          const want = evalEps.get(u.key)!;
          let net = m.net;
          let shift = 0;
          if (u.threshold === 'matched') {
            ({ net, shift } = matchThreshold(m.net, ds.train.x, referenceRate));
            made.push(net);
          }
          const mm =
            m.metrics.evalEps === want && shift === 0 ? m.metrics : evaluateModel(net, ds.test, want, { radiusScale: radiusScaleFor(u.options, ds.train) });
          nets.set(u.key, net);
          if (!m.fromCache && o.cache !== false)
            recordTiming(trainTimingKind(u.dataset, u.kind), m.trainSeconds, priorTrainSeconds(u.options, ds.train.x.rows, ds.train.x.cols));
          metrics.set(u.key, {
            metrics: mm,
            row: modelRow(u, mm, { epochs: m.epochs, trainSeconds: m.trainSeconds, fromCache: m.fromCache, thresholdShift: shift, majorityRate: majority }),
          });
          const now = performance.now();
          o.onProgress?.({ stage: 'train', done: ++done.train, total: totals.train, label: modelLabel(u), seconds: (now - last) / 1000, cached: m.fromCache });
          last = now;
        }
        evaluation += (performance.now() - t0) / 1000;
      });
      await timed('vae', () => artefactStage(g.recourse, datasets, vaesDone, done, o));
      await timed('recourse', async () => {
        for (const u of g.recourse) {
          await checkpoint(o, unitsDone(), unitsTotal);
          const t0 = performance.now();
          const known = measurements.get(u.key);
          const { m, cached } = known
            ? { m: known, cached: true }
            : await stoppable(() => recourseUnit(u, datasets.get(u.data)!, nets, cache, o), unitsDone, unitsTotal);
          measurements.set(u.key, m);
          if (!cached && o.cache !== false) recordTiming(recourseTimingKind(u), m.seconds, priorRecourseSeconds(u.method, m.indices.length, u.model.kind));
          o.onProgress?.({
            stage: 'recourse',
            done: ++done.recourse,
            total: totals.recourse,
            seconds: (performance.now() - t0) / 1000,
            cached,
            label: `${u.dataset} ${u.model.kind} ε=${u.model.options.eps} ${u.method} seed ${u.model.seed} ${u.setup.name}`,
          });
        }
      });
    } finally {
      for (const n of made) n.dispose();
    }
  }
  // the train stage's time includes evaluating the models; report it as its own stage
  stageSeconds.train -= evaluation;
  stageSeconds.eval += evaluation;
  const theoryRuns = await timed('theory', () =>
    theoryStage(
      checks.filter((c, i) => owns(c.key, groups.length + i)),
      datasets,
      cache,
      o,
    ),
  );
  return timed('tables', () => {
    const units = { models: mine.flatMap((g) => g.models), recourse: mine.flatMap((g) => g.recourse) };
    const recourse = units.recourse.map((u) =>
      recourseRow(u, measurements.get(u.key)!, measurements.get(u.referenceKey)!, metrics.get(u.model.key)!.row, datasets.get(u.data)!.test.x),
    );
    const summary = summarizeOverSeeds(recourse);
    return {
      grids,
      datasets,
      models: modelRows(mine, metrics),
      recourse,
      summary,
      theory: theoryRuns.flatMap(theoryRows),
      theoryRuns,
      measurements,
      units,
      stageSeconds,
    };
  });
}
