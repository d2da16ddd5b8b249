/**
 * Runs an experiment plan: loads the data, then group by group — a group is the models of one dataset, model
 * kind, shape, seed and training setup over the ε grid, with their recourse units — trains (or loads) the
 * models, trains what its methods need first (C-CHVAE's autoencoder), and runs its recourse units (the stages
 * of group-stages.ts, sharing one RunState); then the theory
 * checks; then the results tables (verdicts/ judges them). Every unit is cached under its content key, so an interrupted
 * run resumes where it stopped, a re-run after a small edit only computes what changed, and several processes
 * can share one cache, each computing the groups it owns (shards, parallel jobs) before one merges.
 */
import type { Dataset } from '../data/types';
import type { ModelMetrics } from '../models/evaluate';
import { GROUP_STAGES, type GroupWork, type UnitGroup } from './group-stages';
import { resolveGrid, type GridSpec } from './grid';
import type { RecourseMeasurements } from './recourse-run';
import { recourseRow, summarizeOverSeeds, type ModelRow, type RecourseRow, type SummaryRow } from './results';
import { checkpoint, loadData, requireCached, theoryStage, type ProgressEvent, type RunOptions, type StageName } from './run-stages';
import { RunProgress, RunState } from './run-state';
import { theoryKey, theoryRows, type TheoryCheck, type TheoryMeasurements, type TheoryRow } from './theory-units';
import { unitCache } from './unit-cache';
import { contentKey, expandGrid, recourseUnitId, type ModelUnit, type RecourseUnit } from './units';

export type { ProgressEvent, RunOptions, StageName };
export type { UnitGroup };
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
  const s = new RunState(o, unitCache(o.cache === false ? null : undefined));
  const grids = plan.grids.map(resolveGrid);
  s.datasets = await s.timed('data', () => loadData(grids, plan.theory ?? [], o));
  const { groups, evalEps } = groupUnits(grids, s.datasets);
  const checks = (plan.theory ?? []).map((c) => ({ check: c, key: theoryKey(s.datasets.get(c.dataset)!, c) }));
  const owns = o.owns ?? (() => true);
  if (o.cachedOnly) requireCached(groups, checks, s.datasets, s.cache);
  const count = (f: (g: UnitGroup) => number) => groups.reduce((n, g) => n + f(g), 0);
  s.progress = new RunProgress({ train: count((g) => g.models.length), recourse: count((g) => g.recourse.length) }, o.onProgress);
  const mine: UnitGroup[] = [];
  for (const [position, group] of groups.entries()) {
    if (!owns(group.key, position)) continue;
    await checkpoint(o, s.progress.units.done, s.progress.units.total);
    mine.push(group);
    const work: GroupWork = { group, evalEps, nets: new Map(), made: [] };
    try {
      for (const stage of GROUP_STAGES) await s.timed(stage.name, () => stage.run(work, s));
    } finally {
      for (const n of work.made) n.dispose();
    }
  }
  const theoryRuns = await s.timed('theory', () =>
    theoryStage(
      checks.filter((c, i) => owns(c.key, groups.length + i)),
      s.datasets,
      s.cache,
      o,
    ),
  );
  const { datasets, metrics, measurements, stageSeconds } = s;
  const timed = <T>(stage: StageName, f: () => T) => s.timed(stage, f);
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
