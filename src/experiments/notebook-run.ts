/**
 * Running a grid from a notebook cell as a researcher expects: the cost is known before any work (units
 * missing from the cache and an estimate of their time), a cell that would run for longer than a budget stops
 * at once with what to do instead, progress is shown in place while it runs, and Interrupt Kernel stops it
 * between units with one line (what finished is cached, so running the cell again resumes).
 */
import { liveText } from '../figures/nb';
import { envText } from '../util/parse';
import { onInterrupt } from './interrupt';
import { RecourseError } from '../util/errors';
import { estimateBasis, estimateRun, formatDuration, missingText } from './estimate';
import type { GridSpec } from './grid';
import { asPlan, RunStopped, runExperiment, type Plan, type ProgressEvent, type RunResult } from './runner';

/** The estimated seconds a cell may start without being told (RECOURSE_NOTEBOOK_MAX_SECONDS overrides it). */
export const DEFAULT_CELL_SECONDS = 120;

/** How a notebook cell runs a grid: its time budget, its name in messages, and where progress goes. */
export interface NotebookRunOptions {
  /** Start the run only when its estimate is at most this many seconds (default DEFAULT_CELL_SECONDS). */
  readonly maxSeconds?: number;
  /** The grid's name in messages, e.g. 'config.main'. */
  readonly name?: string;
}

/** The cell budget: the option, else RECOURSE_NOTEBOOK_MAX_SECONDS, else the default. */
function budget(o: NotebookRunOptions): number {
  if (o.maxSeconds !== undefined) return o.maxSeconds;
  const env = envText('RECOURSE_NOTEBOOK_MAX_SECONDS');
  if (env === undefined) return DEFAULT_CELL_SECONDS;
  const v = Number(env);
  if (!(v >= 0)) throw new RecourseError(`RECOURSE_NOTEBOOK_MAX_SECONDS must be a number of seconds ≥ 0; got '${env}'`);
  return v;
}

/** The `recourse reproduce` command that fills the cache for a notebook grid (its profile, by the grid's name). */
export function precomputeCommand(grids: readonly Partial<GridSpec>[]): string {
  const profile = (name?: string) => (name === 'variants' ? 'variants' : name === 'decide' ? 'decide' : 'paper');
  const profiles = [...new Set(grids.map((g) => profile(g.name)))];
  return profiles.map((p) => `npx recourse reproduce --profile ${p} --jobs 2`).join(' && ');
}

/** Progress of a run as one line, e.g. "recourse 40/816 · adult mlp ε=0.1 gsm seed 0 · 3 min so far, about 20 min left". */
export function progressLine(e: ProgressEvent, elapsed: number, estimate: number): string {
  const left = estimate - elapsed;
  return (
    `${e.stage} ${e.done}/${e.total} · ${e.label}${e.cached ? ' (cache)' : ''} · ${formatDuration(elapsed).replace('about ', '')} so far, ` +
    (left > 0 ? `${formatDuration(left)} left` : 'past the estimate')
  );
}

/**
 * Runs a plan (or grids) from a notebook cell. Before any work it counts what is missing from the cache and
 * estimates its time; above the budget it throws a one-line error with the estimate, the terminal command that
 * precomputes the cache, and the edits that run a small grid now or allow this one. While running, one output
 * line shows the progress; Interrupt Kernel ends the cell with "stopped after N of M units" and no new unit starts.
 */
export async function notebookRun(planOrGrids: Plan | readonly Partial<GridSpec>[], o: NotebookRunOptions = {}): Promise<RunResult> {
  const plan = asPlan(planOrGrids);
  const live = liveText();
  const name = o.name ?? 'this grid';
  live.show(`checking the cache for ${name} …`);
  const estimate = await estimateRun(plan);
  const limit = budget(o);
  const missing = estimate.models.missing + estimate.recourse.missing + estimate.theory.missing;
  const basis = estimateBasis(estimate);
  if (missing && estimate.seconds > limit) {
    live.show(`${name}: ${missingText(estimate)} to compute, ${formatDuration(estimate.seconds)} (${basis}); nothing was computed`);
    throw new RecourseError(
      `${name} needs ${missingText(estimate)} not in the cache, ${formatDuration(estimate.seconds)} of work (${basis}), more than a cell starts on its own (${limit} s): ` +
        `precompute them in a terminal with \`${precomputeCommand(plan.grids)}\` (same RECOURSE_CACHE_DIR), ` +
        `or run a test-size grid now (RECOURSE_PROFILE=small, or set ${name} to a smaller grid in the configuration cell), ` +
        `or allow it: notebookRun(…, { maxSeconds: ${Math.ceil(estimate.seconds * 1.5)} })`,
    );
  }
  live.show(
    missing ? `${name}: ${missingText(estimate)} to compute, ${formatDuration(estimate.seconds)} (${basis})` : `${name}: every unit is in the cache; loading`,
  );
  const counts: Record<string, { done: number; total: number }> = {};
  const t0 = performance.now();
  let shownAt = 0;
  const onProgress = (e: ProgressEvent) => {
    if (e.stage === 'train' || e.stage === 'recourse') counts[e.stage] = { done: e.done, total: e.total };
    const now = performance.now();
    if (now - shownAt < 500 && e.done < e.total) return;
    shownAt = now;
    live.show(progressLine(e, (now - t0) / 1000, estimate.seconds));
  };
  const sum = (k: 'done' | 'total') => Object.values(counts).reduce((a, c) => a + c[k], 0);
  const interrupt = onInterrupt(() => `stopped after ${sum('done')} of ${sum('total')} units; run the cell again to resume from the cache`);
  try {
    const run = await runExperiment(plan, { signal: interrupt.signal, onProgress });
    live.show(`${name}: done in ${formatDuration((performance.now() - t0) / 1000).replace('about ', '')} (${missingText(estimate)} computed)`);
    return run;
  } catch (e) {
    if (e instanceof RunStopped) live.show(`${name}: ${e.message}`);
    throw e;
  } finally {
    interrupt.dispose();
  }
}
