/**
 * Runs an experiment plan: loads the data, then group by group — a group is the models of one dataset, model
 * kind, shape, seed and training setup over the ε grid, with their recourse units — trains (or loads) the
 * models, trains the C-CHVAE autoencoders the group needs, and runs its recourse units; then the theory
 * checks; then the results tables and verdicts. Every unit is cached under its content key, so an interrupted
 * run resumes where it stopped, a re-run after a small edit only computes what changed, and several processes
 * can share one cache, each computing the groups it owns (shards, parallel jobs) before one merges.
 */
import { getDataset } from '../data/index';
import { featureLayout } from '../data/layout';
import { subsampleTrain } from '../data/subsample';
import type { Dataset } from '../data/types';
import type { ModelMetrics } from '../models/evaluate';
import { evaluateModel } from '../models/evaluate';
import { fitGrid } from '../models/train-fit';
import type { Net } from '../models/net';
import { fitVae, type VaeOptions } from '../recourse/index';
import { RecourseError } from '../util/errors';
import { resolveGrid, type GridSpec } from './grid';
import { decodeMeasurements, encodeMeasurements, measureRecourse, recourseProblem, type RecourseMeasurements } from './recourse-run';
import { modelRow, recourseRow, summarizeOverSeeds, type ModelRow, type RecourseRow, type SummaryRow } from './results';
import { decodeTheory, measureTheory, theoryKey, theoryProblem, theoryRows, type TheoryCheck, type TheoryMeasurements, type TheoryRow } from './theory-units';
import { unitCache, type UnitCache } from './unit-cache';
import { contentKey, dataKey, expandGrid, recourseUnitId, type ModelUnit, type RecourseUnit } from './units';
import { judgeClaims, type ClaimVerdict } from './verdicts';

export type StageName = 'data' | 'train' | 'eval' | 'vae' | 'recourse' | 'theory' | 'tables';

/** What a run computes: grids of models × methods, and Section 4 theory checks. */
export interface Plan {
  readonly grids: readonly Partial<GridSpec>[];
  readonly theory?: readonly TheoryCheck[];
}

/** One finished unit. */
export interface ProgressEvent {
  readonly stage: StageName;
  readonly done: number;
  readonly total: number;
  readonly label: string;
  /** Seconds this unit took (0 for a cache hit). */
  readonly seconds: number;
  readonly cached: boolean;
}

export interface RunOptions {
  /** Use and fill the caches (default true). */
  cache?: boolean;
  onProgress?: (e: ProgressEvent) => void;
  /** Warnings (invalid cache files, skipped checks) and long-work messages. */
  onMessage?: (msg: string) => void;
  /** The groups this process computes, by key and position in the plan's order (default all); others are left to other processes sharing the cache. */
  owns?: (groupKey: string, position: number) => boolean;
  /** Build the results from the cache only; a unit missing from it is an error (merging shards). */
  cachedOnly?: boolean;
}

export interface RunResult {
  readonly grids: readonly GridSpec[];
  readonly datasets: ReadonlyMap<string, Dataset>;
  readonly models: ModelRow[];
  readonly recourse: RecourseRow[];
  readonly summary: SummaryRow[];
  readonly verdicts: ClaimVerdict[];
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
  return contentKey({ data: u.data, kind: u.kind, arch: u.arch, seed: u.seed, training: u.training, options: { ...u.options, eps: 0 } });
}

/** Loads every dataset a plan names (with the grids' training subsamples). */
async function loadData(grids: readonly GridSpec[], plan: Plan, o: RunOptions): Promise<Map<string, Dataset>> {
  const names = [...new Set([...grids.flatMap((g) => g.datasets), ...(plan.theory ?? []).map((c) => c.dataset)])];
  const out = new Map<string, Dataset>();
  for (const [i, n] of names.entries()) {
    out.set(n, await getDataset(n));
    o.onProgress?.({ stage: 'data', done: i + 1, total: names.length, label: n, seconds: 0, cached: false });
  }
  for (const g of grids) for (const n of g.datasets) if (g.trainRows > 0) out.set(dataKey(n, g), subsampleTrain(out.get(n)!, g.trainRows));
  return out;
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

/** Runs a plan (a list of grids is a plan without theory checks); units shared between grids run once. */
export async function runExperiment(planOrGrids: Plan | readonly Partial<GridSpec>[], o: RunOptions = {}): Promise<RunResult> {
  const plan: Plan = Array.isArray(planOrGrids) ? { grids: planOrGrids } : (planOrGrids as Plan);
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
  const datasets = await timed('data', () => loadData(grids, plan, o));
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
  for (const [position, g] of groups.entries()) {
    if (!owns(g.key, position)) continue;
    mine.push(g);
    const nets = new Map<string, Net>();
    try {
      await timed('train', () => {
        // the group's ε grid shares every option but ε: its missing models train as one stacked run
        const ds = datasets.get(g.models[0].data)!;
        const byEps = new Map(g.models.map((u) => [u.options.eps, u]));
        let last = performance.now();
        const fit = fitGrid(ds, g.models[0].options, g.models.map((u) => u.options.eps), {
          evalEps: evalEps.get(g.models[0].key), cache: o.cache !== false,
          onModel: (m) => {
            const u = byEps.get(m.options.eps)!;
            const want = evalEps.get(u.key)!;
            const mm = m.metrics.evalEps === want ? m.metrics : evaluateModel(m.net, ds.test, want);
            nets.set(u.key, m.net);
            metrics.set(u.key, { metrics: mm, row: modelRow(u, mm, { epochs: m.epochs, trainSeconds: m.trainSeconds, fromCache: m.fromCache }) });
            const now = performance.now();
            o.onProgress?.({ stage: 'train', done: ++done.train, total: totals.train, label: modelLabel(u), seconds: (now - last) / 1000, cached: m.fromCache });
            last = now;
          },
        });
        evaluation += fit.evalSeconds;
      });
      await timed('vae', () => vaeStage(g.recourse, datasets, vaesDone, done, o));
      await timed('recourse', async () => {
        for (const u of g.recourse) {
          const t0 = performance.now();
          const known = measurements.get(u.key);
          const { m, cached } = known ? { m: known, cached: true } : await recourseUnit(u, datasets.get(u.data)!, nets, cache, o);
          measurements.set(u.key, m);
          o.onProgress?.({ stage: 'recourse', done: ++done.recourse, total: totals.recourse, seconds: (performance.now() - t0) / 1000, cached,
            label: `${u.dataset} ${u.model.kind} ε=${u.model.options.eps} ${u.method} seed ${u.model.seed} ${u.setup.name}` });
        }
      });
    } finally {
      for (const n of nets.values()) n.dispose();
    }
  }
  // the train stage's time includes evaluating the models; report it as its own stage
  stageSeconds.train -= evaluation;
  stageSeconds.eval += evaluation;
  const theoryRuns = await timed('theory', () => theoryStage(checks.filter((c, i) => owns(c.key, groups.length + i)), datasets, cache, o));
  return timed('tables', () => {
    const units = { models: mine.flatMap((g) => g.models), recourse: mine.flatMap((g) => g.recourse) };
    const recourse = units.recourse.map((u) => recourseRow(u, measurements.get(u.key)!, measurements.get(u.referenceKey)!, metrics.get(u.model.key)!.metrics));
    const summary = summarizeOverSeeds(recourse);
    return {
      grids, datasets, models: units.models.map((u) => metrics.get(u.key)!.row), recourse, summary, verdicts: judgeClaims(summary),
      theory: theoryRuns.flatMap(theoryRows), theoryRuns, measurements, units, stageSeconds,
    };
  });
}

function modelLabel(u: ModelUnit): string {
  return `${u.dataset} ${u.kind}${u.kind === 'mlp' ? ` ${u.arch.depth}×${u.arch.width || '2d'}` : ''} ε=${u.options.eps} seed ${u.seed} ${u.training.protocol}/${u.training.classWeight}`;
}

/** A recourse unit from the cache, or computed with the group's trained nets and stored. */
async function recourseUnit(u: RecourseUnit, ds: Dataset, nets: ReadonlyMap<string, Net>, cache: UnitCache, o: RunOptions) {
  const cachedM = cache.read(u.key, decodeMeasurements, (x) => recourseProblem(x, u.key, ds.test.x.cols, ds.test.x.rows));
  if (cachedM) return { m: cachedM, cached: true };
  const m = await measureRecourse(ds, u, nets.get(u.model.key)!, nets.get(u.reference.key)!, o.onMessage);
  cache.write(u.key, encodeMeasurements(m));
  return { m, cached: false };
}

/** Trains (or loads) each distinct C-CHVAE autoencoder a group needs, once per run, before the searches. */
function vaeStage(units: readonly RecourseUnit[], datasets: ReadonlyMap<string, Dataset>, seen: Set<string>, done: { vae: number }, o: RunOptions): void {
  for (const u of units) {
    if (u.method !== 'cchvae') continue;
    const job = { dataset: u.data, vae: u.options.vae as VaeOptions };
    const key = contentKey(job);
    if (seen.has(key)) continue;
    seen.add(key);
    const ds = datasets.get(job.dataset)!;
    const t0 = performance.now();
    const r = fitVae(ds.train, featureLayout(ds.train.x.cols, ds.spec), ds.spec.name, job.vae, { cache: o.cache !== false, onProgress: o.onMessage });
    r.vae.dispose();
    o.onProgress?.({ stage: 'vae', done: ++done.vae, total: done.vae, label: `${job.dataset} VAE seed ${job.vae.seed}`, seconds: (performance.now() - t0) / 1000, cached: r.fromCache });
  }
}

async function theoryStage(checks: readonly { check: TheoryCheck; key: string }[], datasets: ReadonlyMap<string, Dataset>, cache: UnitCache, o: RunOptions): Promise<TheoryMeasurements[]> {
  const out: TheoryMeasurements[] = [];
  for (const [i, { check: c, key }] of checks.entries()) {
    const ds = datasets.get(c.dataset)!;
    const t0 = performance.now();
    let m = cache.read(key, decodeTheory, (x) => theoryProblem(x, key));
    const cached = m !== null;
    if (!m) {
      m = await measureTheory(ds, c, o.onMessage);
      cache.write(key, m);
    }
    if (m.note) o.onMessage?.(`theory ${c.model} ε=${c.eps} on ${c.dataset}: ${m.note}`);
    out.push(m);
    o.onProgress?.({ stage: 'theory', done: i + 1, total: checks.length, label: `${c.dataset} ${c.model} pair ε=${c.eps}`, seconds: (performance.now() - t0) / 1000, cached });
  }
  return out;
}

/** Fails before any work when a recourse or theory unit is not in the cache (e.g. a shard has not run). */
function requireCached(groups: readonly UnitGroup[], checks: readonly { check: TheoryCheck; key: string }[], datasets: ReadonlyMap<string, Dataset>, cache: UnitCache): void {
  const missing: string[] = [];
  for (const g of groups) {
    for (const u of g.recourse) {
      const ds = datasets.get(u.data)!;
      if (!cache.read(u.key, decodeMeasurements, (x) => recourseProblem(x, u.key, ds.test.x.cols, ds.test.x.rows))) missing.push(`${u.dataset} ${u.model.kind} ε=${u.model.options.eps} ${u.method} seed ${u.model.seed}`);
    }
  }
  for (const c of checks) if (!cache.read(c.key, decodeTheory, (x) => theoryProblem(x, c.key))) missing.push(`theory ${c.check.model} ε=${c.check.eps}`);
  if (missing.length) {
    throw new RecourseError(`${missing.length} units are not in the cache (${cache.dir}), e.g. ${missing.slice(0, 3).join('; ')}: run every shard (--shard i/N) into this cache before --merge`);
  }
}
