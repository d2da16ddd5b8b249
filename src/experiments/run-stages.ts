/**
 * The stages of a run, unit by unit: loading the data, the C-CHVAE autoencoders a group needs, a recourse
 * unit (from the cache or computed), the theory checks, and the check that a merge finds every unit cached.
 * runner.ts orders them over the groups of a plan.
 */
import { getDataset } from '../data/index';
import { subsampleTrain } from '../data/subsample';
import { withMinorityTarget } from '../data/target';
import { getSetup } from './setups';
import type { Dataset } from '../data/types';
import type { Net } from '../models/net';
import { getRecourseMethod } from '../recourse/index';
import { RecourseError } from '../util/errors';
import { Stopped, stopPoint } from '../util/stop';
import type { GridSpec } from './grid';
import { decodeMeasurements, encodeMeasurements, measureRecourse, recourseProblem, type RecourseMeasurements } from './recourse-run';
import { decodeTheory, measureTheory, theoryProblem, type TheoryCheck, type TheoryMeasurements } from './theory-units';
import { PRIOR_SECONDS, recordTiming, theoryTimingKind } from './timings';
import type { UnitCache } from './unit-cache';
import { RunStopped, type RunOptions, type RunState } from './run-state';
import { contentKey, dataKey, type ModelUnit, type RecourseUnit } from './units';

export { RunStopped, type ProgressEvent, type RunOptions, type StageName } from './run-state';

/**
 * Between two units: lets pending events (a signal handler, an interrupt) run, then throws RunStopped when the
 * run's signal was aborted. `done` and `total` count model, recourse and theory units.
 */
export function checkpoint(o: RunOptions, done: number, total: number): Promise<void> {
  return stoppable(
    () => stopPoint(o.signal, true),
    () => done,
    total,
  );
}

/** Runs `f`; a stop inside it (a search's stop point) becomes RunStopped with the run's counts. */
export async function stoppable<T>(f: () => Promise<T>, done: () => number, total: number): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw e instanceof Stopped && !(e instanceof RunStopped) ? new RunStopped(done(), total) : e;
  }
}

/** Loads every dataset the grids and theory checks of a plan name (with the grids' training subsamples). */
export async function loadData(grids: readonly GridSpec[], theory: readonly TheoryCheck[], o: RunOptions): Promise<Map<string, Dataset>> {
  const names = [...new Set([...grids.flatMap((g) => g.datasets), ...theory.map((c) => c.dataset)])];
  const out = new Map<string, Dataset>();
  for (const [i, n] of names.entries()) {
    out.set(n, await getDataset(n));
    o.onProgress?.({ stage: 'data', done: i + 1, total: names.length, label: n, seconds: 0, cached: false });
  }
  for (const g of grids) {
    for (const n of g.datasets) {
      const base = g.trainRows > 0 ? subsampleTrain(out.get(n)!, g.trainRows) : out.get(n)!;
      out.set(dataKey(n, g), base);
      if (g.setups.some((s) => getSetup(s).target === 'minority')) out.set(dataKey(n, g, { target: 'minority' }), withMinorityTarget(base));
    }
  }
  return out;
}

/** A model unit as progress shows it. */
export function modelLabel(u: ModelUnit): string {
  return `${u.dataset} ${u.kind}${u.kind === 'mlp' ? ` ${u.arch.depth}×${u.arch.width || '2d'}` : ''} ε=${u.options.eps} seed ${u.seed} ${u.training.protocol}/${u.training.classWeight}`;
}

/** A recourse unit from the cache, or computed with the group's trained nets and stored. */
export async function recourseUnit(u: RecourseUnit, ds: Dataset, nets: ReadonlyMap<string, Net>, cache: UnitCache, o: RunOptions) {
  const cachedM = cache.read(u.key, decodeMeasurements, (x) => recourseProblem(x, u.key, ds.test.x.cols, ds.test.x.rows));
  if (cachedM) return { m: cachedM, cached: true };
  const m = await measureRecourse(ds, u, nets.get(u.model.key)!, nets.get(u.reference.key)!, { onProgress: o.onMessage, signal: o.signal });
  cache.write(u.key, encodeMeasurements(m));
  return { m, cached: false };
}

/** Trains (or loads) each distinct artefact the units' methods declare (MethodArtefact: C-CHVAE's autoencoder), once per run, before the searches. */
export function artefactStage(units: readonly RecourseUnit[], s: RunState): void {
  for (const u of units) {
    const art = getRecourseMethod(u.method).artefact;
    if (!art) continue;
    const options = u.options[art.option] as Record<string, unknown>;
    const key = contentKey({ dataset: u.data, method: u.method, options });
    if (s.artefactsSeen.has(key)) continue;
    s.artefactsSeen.add(key);
    const t0 = performance.now();
    const r = art.fit(s.datasets.get(u.data)!, options, { cache: s.o.cache !== false, onProgress: s.o.onMessage });
    s.progress.unit(art.stage, art.label(u.data, options), (performance.now() - t0) / 1000, r.fromCache);
  }
}

/** Each theory check from the cache, or measured and stored; a check that could not run is reported with its note. */
export async function theoryStage(
  checks: readonly { check: TheoryCheck; key: string }[],
  datasets: ReadonlyMap<string, Dataset>,
  cache: UnitCache,
  o: RunOptions,
): Promise<TheoryMeasurements[]> {
  const out: TheoryMeasurements[] = [];
  for (const [i, { check: c, key }] of checks.entries()) {
    await checkpoint(o, i, checks.length);
    const ds = datasets.get(c.dataset)!;
    const t0 = performance.now();
    let m = cache.read(key, decodeTheory, (x) => theoryProblem(x, key));
    const cached = m !== null;
    if (!m) {
      m = await measureTheory(ds, c, o.onMessage);
      cache.write(key, m);
      if (o.cache !== false) recordTiming(theoryTimingKind(c.dataset, c.model), (performance.now() - t0) / 1000, PRIOR_SECONDS.theory);
    }
    if (m.note) o.onMessage?.(`theory ${c.model} ε=${c.eps} on ${c.dataset}: ${m.note}`);
    out.push(m);
    o.onProgress?.({
      stage: 'theory',
      done: i + 1,
      total: checks.length,
      label: `${c.dataset} ${c.model} pair ε=${c.eps}`,
      seconds: (performance.now() - t0) / 1000,
      cached,
    });
  }
  return out;
}

/** Fails before any work when a recourse or theory unit is not in the cache (e.g. a shard has not run). */
export function requireCached(
  groups: readonly { readonly recourse: readonly RecourseUnit[] }[],
  checks: readonly { check: TheoryCheck; key: string }[],
  datasets: ReadonlyMap<string, Dataset>,
  cache: UnitCache,
): void {
  const missing: string[] = [];
  for (const g of groups) {
    for (const u of g.recourse) {
      const ds = datasets.get(u.data)!;
      if (!cache.read(u.key, decodeMeasurements, (x) => recourseProblem(x, u.key, ds.test.x.cols, ds.test.x.rows)))
        missing.push(`${u.dataset} ${u.model.kind} ε=${u.model.options.eps} ${u.method} seed ${u.model.seed}`);
    }
  }
  for (const c of checks) if (!cache.read(c.key, decodeTheory, (x) => theoryProblem(x, c.key))) missing.push(`theory ${c.check.model} ε=${c.check.eps}`);
  if (missing.length) {
    throw new RecourseError(
      `${missing.length} units are not in the cache (${cache.dir}), e.g. ${missing.slice(0, 3).join('; ')}: run every shard (--shard i/N) into this cache before --merge`,
    );
  }
}
