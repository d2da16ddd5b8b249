/**
 * Runs an experiment plan: loads the data, trains (or loads) every model unit, trains the C-CHVAE
 * autoencoders, runs every recourse unit, and builds the results tables and verdicts. Every unit is cached
 * under its content key, so an interrupted run resumes where it stopped and a re-run after a small edit only
 * computes what changed. Progress is reported per finished unit.
 */
import { getDataset } from '../data/index';
import { featureLayout } from '../data/layout';
import type { Dataset } from '../data/types';
import { fitModel, type TrainedModel } from '../models/store';
import { fitVae, type VaeOptions } from '../recourse/index';
import { contentKey, expandGrid, recourseUnitId, type ModelUnit, type RecourseUnit } from './units';
import { resolveGrid, type GridSpec } from './grid';
import { decodeMeasurements, encodeMeasurements, measureRecourse, recourseProblem, type RecourseMeasurements } from './recourse-run';
import { modelRow, recourseRow, summarizeOverSeeds, type ModelRow, type RecourseRow, type SummaryRow } from './results';
import { unitCache, type UnitCache } from './unit-cache';
import { judgeClaims, type ClaimVerdict } from './verdicts';

export type StageName = 'data' | 'train' | 'vae' | 'recourse' | 'tables';

/** One finished unit (or a stage boundary when `label` is empty). */
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
  /** Warnings (invalid cache files, skipped units) and long-work messages. */
  onMessage?: (msg: string) => void;
}

export interface RunResult {
  readonly grids: readonly GridSpec[];
  readonly datasets: ReadonlyMap<string, Dataset>;
  readonly models: ModelRow[];
  readonly recourse: RecourseRow[];
  readonly summary: SummaryRow[];
  readonly verdicts: ClaimVerdict[];
  /** Per-factual measurements by unit key (for figures that need the points, e.g. the t-SNE view). */
  readonly measurements: ReadonlyMap<string, RecourseMeasurements>;
  readonly units: { readonly models: readonly ModelUnit[]; readonly recourse: readonly RecourseUnit[] };
  /** Wall seconds per stage. */
  readonly stageSeconds: Readonly<Record<StageName, number>>;
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  return [...new Map(items.map((t) => [key(t), t])).values()];
}

/** Runs every grid of a plan (units shared between grids run once). */
export async function runExperiment(plan: readonly Partial<GridSpec>[], o: RunOptions = {}): Promise<RunResult> {
  const say = o.onMessage ?? (() => {});
  const cache: UnitCache = unitCache(o.cache === false ? null : undefined, say);
  const stageSeconds: Record<StageName, number> = { data: 0, train: 0, vae: 0, recourse: 0, tables: 0 };
  const timed = async <T>(stage: StageName, f: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      stageSeconds[stage] += (performance.now() - t0) / 1000;
    }
  };
  const grids = plan.map(resolveGrid);
  const datasets = await timed('data', async () => {
    const names = [...new Set(grids.flatMap((g) => g.datasets))];
    const out = new Map<string, Dataset>();
    for (const [i, n] of names.entries()) {
      out.set(n, await getDataset(n));
      o.onProgress?.({ stage: 'data', done: i + 1, total: names.length, label: n, seconds: 0, cached: false });
    }
    return out;
  });
  const expanded = grids.map((g) => ({ grid: g, ...expandGrid(g, datasets) }));
  const modelUnits = uniqueBy(expanded.flatMap((e) => e.models), (u) => u.key);
  const recourseUnits = uniqueBy(expanded.flatMap((e) => e.recourse), recourseUnitId);
  const evalEps = new Map(expanded.flatMap((e) => e.models.map((u) => [u.key, e.grid.evalEps] as const)));
  const trained = new Map<string, TrainedModel>();
  try {
    const modelRows = await timed('train', () => trainStage(modelUnits, datasets, evalEps, trained, o));
    await timed('vae', () => vaeStage(recourseUnits, datasets, o));
    const measurements = await timed('recourse', () => recourseStage(recourseUnits, datasets, trained, cache, o));
    return await timed('tables', () => {
      const recourse = recourseUnits.map((u) => recourseRow(u, measurements.get(u.key)!, measurements.get(u.referenceKey)!, trained.get(u.model.key)!.metrics));
      const summary = summarizeOverSeeds(recourse);
      return { grids, datasets, models: modelRows, recourse, summary, verdicts: judgeClaims(summary), measurements, units: { models: modelUnits, recourse: recourseUnits }, stageSeconds };
    });
  } finally {
    for (const m of trained.values()) m.net.dispose();
  }
}

function trainStage(units: readonly ModelUnit[], datasets: ReadonlyMap<string, Dataset>, evalEps: ReadonlyMap<string, number>,
  trained: Map<string, TrainedModel>, o: RunOptions): ModelRow[] {
  return units.map((u, i) => {
    const t0 = performance.now();
    const m = fitModel(datasets.get(u.dataset)!, u.options, { evalEps: evalEps.get(u.key), cache: o.cache !== false });
    trained.set(u.key, m);
    const seconds = (performance.now() - t0) / 1000;
    o.onProgress?.({ stage: 'train', done: i + 1, total: units.length, label: `${u.dataset} ${u.kind}${u.kind === 'mlp' ? ` ${u.arch.depth}×${u.arch.width || '2d'}` : ''} ε=${u.options.eps} seed ${u.seed} ${u.training.protocol}/${u.training.classWeight}`, seconds, cached: m.fromCache });
    return modelRow(u, m.metrics, { epochs: m.epochs, trainSeconds: m.trainSeconds, fromCache: m.fromCache });
  });
}

/** Trains (or loads) each distinct C-CHVAE autoencoder once, before the searches that use it. */
function vaeStage(units: readonly RecourseUnit[], datasets: ReadonlyMap<string, Dataset>, o: RunOptions): void {
  const jobs = uniqueBy(units.filter((u) => u.method === 'cchvae').map((u) => ({ dataset: u.dataset, vae: u.options.vae as VaeOptions })),
    (j) => contentKey(j));
  jobs.forEach((j, i) => {
    const ds = datasets.get(j.dataset)!;
    const t0 = performance.now();
    const r = fitVae(ds.train, featureLayout(ds.train.x.cols, ds.spec), ds.spec.name, j.vae, { cache: o.cache !== false, onProgress: o.onMessage });
    r.vae.dispose();
    o.onProgress?.({ stage: 'vae', done: i + 1, total: jobs.length, label: `${j.dataset} VAE seed ${j.vae.seed}`, seconds: (performance.now() - t0) / 1000, cached: r.fromCache });
  });
}

async function recourseStage(units: readonly RecourseUnit[], datasets: ReadonlyMap<string, Dataset>, trained: ReadonlyMap<string, TrainedModel>,
  cache: UnitCache, o: RunOptions): Promise<Map<string, RecourseMeasurements>> {
  const out = new Map<string, RecourseMeasurements>();
  for (const [i, u] of units.entries()) {
    const ds = datasets.get(u.dataset)!;
    const t0 = performance.now();
    let m = out.get(u.key) ?? cache.read(u.key, decodeMeasurements, (x) => recourseProblem(x, u.key, ds.test.x.cols, ds.test.x.rows));
    const cached = m !== null;
    if (!m) {
      m = await measureRecourse(ds, u, trained.get(u.model.key)!.net, trained.get(u.reference.key)!.net, o.onMessage);
      cache.write(u.key, encodeMeasurements(m));
    }
    out.set(u.key, m);
    o.onProgress?.({
      stage: 'recourse', done: i + 1, total: units.length, seconds: (performance.now() - t0) / 1000, cached,
      label: `${u.dataset} ${u.model.kind} ε=${u.model.options.eps} ${u.method} seed ${u.model.seed} ${u.setup.name}`,
    });
  }
  return out;
}
