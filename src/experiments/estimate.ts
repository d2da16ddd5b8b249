/**
 * What a run will cost before it computes anything: how many of its units are missing from the cache, and
 * about how long they take on this machine: each missing unit's prior time, calibrated by the timings of units
 * of its kind the cache holds (timings.ts).
 */
import { existsSync } from 'node:fs';
import { modelCacheFile } from '../models/store';
import type { GridSpec } from './grid';
import { resolveGrid } from './grid';
import { loadData } from './run-stages';
import { asPlan, groupUnits, type Plan } from './runner';
import { theoryKey } from './theory-units';
import { unitCache } from './unit-cache';
import { priorRecourseSeconds, priorTrainSeconds, PRIOR_SECONDS, readTimings, recourseTimingKind, theoryTimingKind, trainTimingKind } from './timings';

/** What a run still has to compute (models, recourse units, theory checks) and about how long it will take. */
export interface RunEstimate {
  readonly models: { readonly total: number; readonly missing: number };
  readonly recourse: { readonly total: number; readonly missing: number };
  readonly theory: { readonly total: number; readonly missing: number };
  /** Estimated seconds to compute what is missing. */
  readonly seconds: number;
  /** Of the missing units, how many were estimated from this cache's own timings (the rest from PRIOR_SECONDS). */
  readonly calibrated: number;
}

/** Counts the units of a plan that are not in the cache and estimates the seconds they take; loads the datasets, computes nothing. */
export async function estimateRun(planOrGrids: Plan | readonly Partial<GridSpec>[]): Promise<RunEstimate> {
  const plan = asPlan(planOrGrids);
  const grids = plan.grids.map(resolveGrid);
  const datasets = await loadData(grids, plan.theory ?? [], {});
  const { groups } = groupUnits(grids, datasets);
  const timings = readTimings();
  const cache = unitCache();
  let seconds = 0;
  let calibrated = 0;
  const cost = (kind: string, prior: number) => {
    const ratio = timings.get(kind);
    if (ratio !== undefined) calibrated++;
    seconds += prior * (ratio ?? 1);
  };
  const modelFiles = new Set<string>();
  const missingModels = new Set<string>();
  const recourse = { total: 0, missing: 0 };
  for (const g of groups) {
    for (const u of g.models) {
      const file = modelCacheFile(datasets.get(u.data)!, u.options);
      if (modelFiles.has(file)) continue;
      modelFiles.add(file);
      if (existsSync(file)) continue;
      missingModels.add(file);
      const ds = datasets.get(u.data)!;
      cost(trainTimingKind(u.dataset, u.kind), priorTrainSeconds(u.options, ds.train.x.rows, ds.train.x.cols));
    }
    for (const u of g.recourse) {
      recourse.total++;
      if (cache.has(u.key)) continue;
      recourse.missing++;
      const factuals = Math.min(u.factualCap, datasets.get(u.data)!.test.x.rows);
      cost(recourseTimingKind(u), priorRecourseSeconds(u.method, factuals, u.model.kind));
    }
  }
  const checks = plan.theory ?? [];
  let theoryMissing = 0;
  for (const c of checks) {
    if (cache.has(theoryKey(datasets.get(c.dataset)!, c))) continue;
    theoryMissing++;
    cost(theoryTimingKind(c.dataset, c.model), PRIOR_SECONDS.theory);
  }
  return {
    models: { total: modelFiles.size, missing: missingModels.size },
    recourse,
    theory: { total: checks.length, missing: theoryMissing },
    seconds,
    calibrated,
  };
}

/** "186 of 186 models, 816 of 816 recourse units": what is missing, stage by stage. */
export function missingText(e: RunEstimate): string {
  const parts = [
    e.models.missing && `${e.models.missing} of ${e.models.total} models`,
    e.recourse.missing && `${e.recourse.missing} of ${e.recourse.total} recourse units`,
    e.theory.missing && `${e.theory.missing} of ${e.theory.total} theory checks`,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** Where an estimate's rates come from, in words. */
export function estimateBasis(e: RunEstimate): string {
  return e.calibrated ? "from this cache's timings" : 'from rates measured on 2 cores';
}

/** "about 40 min", "about 12 s": an estimate in the unit a person reads it in. */
export function formatDuration(seconds: number): string {
  if (seconds < 90) return `about ${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 5400) return `about ${Math.round(seconds / 60)} min`;
  return `about ${(seconds / 3600).toFixed(1)} h`;
}
