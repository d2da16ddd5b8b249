/**
 * The tables the section notebooks show before each figure: the run's settings, and the tidy rows each
 * figure plots (mean and std over seeds per grid point, with the model's predicted-positive rate and how
 * many seeds' models are degenerate, so a flat or trivial curve can be traced to its models).
 */
import { trainedBy } from '../experiments/setups';
import { resolveGrid, type GridSpec } from '../experiments/grid';
import { summarizeModels, type ModelSummaryRow, type SummaryMetric } from '../experiments/results';
import type { RunNeighbourhood } from '../experiments/neighbourhood';
import type { RunResult } from '../experiments/runner';

type Cell = string | number;
const list = (xs: readonly unknown[]) => xs.join(', ');
const shape = (a: { depth: number; width: number }) => `${a.depth}×${a.width || '2d'}`;

/** One row per grid of a plan (null grids skipped): every setting a person may edit, as text, plus `extra` columns (profile, backend, …). */
export function settingsRows(plan: readonly (Partial<GridSpec> | null)[], extra: Readonly<Record<string, Cell>> = {}): Record<string, Cell>[] {
  return plan
    .flatMap((g) => (g ? [resolveGrid(g)] : []))
    .map((g) => ({
      ...extra,
      grid: g.name,
      datasets: list(g.datasets),
      models: list(g.models),
      'NN shapes (depth×width)': list(g.architectures.map(shape)),
      ε: list(g.eps),
      methods: list(g.methods),
      seeds: list(g.seeds),
      setups: list(g.setups),
      factuals: g.factuals,
      'training rows': g.trainRows > 0 ? g.trainRows : 'all',
      training: JSON.stringify(g.training),
      'method options': JSON.stringify(g.methodOptions),
      'attack ε (Fig. 11)': g.evalEps,
      'robustness σ × samples': `${g.robustnessSigma} × ${g.robustnessSamples}`,
    }));
}

const degenerate = (k: number, n: number) => (k > 0 ? `${k} of ${n}` : '');

/** The model-summary row of a recourse grid point (same dataset, class, shape, ε and training setup). */
function modelOf(models: readonly ModelSummaryRow[], p: { dataset: string; model: string; depth: number; width: number; eps: number; setup: string }) {
  return models.find(
    (m) => m.dataset === p.dataset && m.model === p.model && m.depth === p.depth && m.width === p.width && m.eps === p.eps && trainedBy(m, p.setup),
  );
}

export interface CurveRowOptions {
  readonly metrics: readonly SummaryMetric[];
  readonly models: readonly string[];
  readonly datasets?: readonly string[];
  /** Only these ε (default: all). */
  readonly eps?: readonly number[];
  /** Main architecture only (default), or every shape (Figs 5 / 14). */
  readonly allShapes?: boolean;
}

/** The summary rows a curve figure plots, tidy: one row per dataset × model × shape × method × setup × ε. */
export function curveRows(r: RunResult, o: CurveRowOptions): Record<string, Cell>[] {
  const models = summarizeModels(r.models);
  return r.summary
    .filter(
      (s) =>
        o.models.includes(s.model) &&
        (!o.datasets || o.datasets.includes(s.dataset)) &&
        (!o.eps || o.eps.includes(s.eps)) &&
        (o.allShapes || (s.depth <= 1 && s.width === 0)),
    )
    .map((s) => ({
      dataset: s.dataset,
      model: s.model,
      ...(o.allShapes ? { shape: shape(s) } : {}),
      method: s.method,
      setup: s.setup,
      ε: s.eps,
      seeds: s.seeds,
      ...Object.fromEntries(
        o.metrics.flatMap((k) => [
          [`${k} mean`, s[`${k}Mean`]],
          [`${k} std`, s[`${k}Std`]],
        ]),
      ),
      'predicted positive': modelOf(models, s)?.positiveRateMean ?? NaN,
      'degenerate seeds': degenerate(s.degenerateSeeds, s.seeds),
    }));
}

/** The models table Fig. 11 plots: clean and adversarial accuracy per dataset × model × training setup × ε. */
export function modelCurveRows(r: RunResult): Record<string, Cell>[] {
  return summarizeModels(r.models)
    .filter((m) => m.depth <= 1 && m.width === 0)
    .map((m) => ({
      dataset: m.dataset,
      model: m.model,
      training: m.setup,
      ε: m.eps,
      seeds: m.seeds,
      'accuracy mean': m.accuracyMean,
      'adv. accuracy mean': m.advAccuracyMean,
      'adv. accuracy std': m.advAccuracyStd,
      'predicted positive': m.positiveRateMean,
      'degenerate seeds': degenerate(m.degenerateSeeds, m.seeds),
    }));
}

/** What each run did (null runs skipped): its grids, units, models trained now (not from the cache) and wall seconds per stage. */
export function runRows(...runs: readonly (RunResult | null)[]): Record<string, Cell>[] {
  return runs.flatMap((r) =>
    r
      ? [
          {
            grids: r.grids.map((g) => g.name).join(', '),
            models: r.units.models.length,
            'trained now': r.models.filter((m) => !m.fromCache).length,
            'recourse units': r.units.recourse.length,
            ...Object.fromEntries(Object.entries(r.stageSeconds).map(([k, v]) => [`${k} s`, Number(v.toFixed(1))])),
          },
        ]
      : [],
  );
}

/** Fig. 8's counts: per panel, the neighbourhood's factuals, valid recourses, factuals already positive and the model's predicted-positive rate. */
export function neighbourhoodRows(n: RunNeighbourhood): Record<string, Cell>[] {
  return n.input.panels.map((p, i) => {
    const m = i === 0 ? n.reference : n.robust;
    return {
      dataset: n.input.dataset,
      ε: p.eps,
      seed: n.input.seed,
      factuals: n.input.factuals.length,
      'valid recourses': p.valid.filter(Boolean).length,
      'already positive (not counted as valid)': n.alreadyPositive[i] ?? 0,
      'predicted positive': m.positiveRate,
      degenerate: m.degenerate ? 'yes' : '',
    };
  });
}

/**
 * One sentence on what a grid ran, written from the grid itself (never from what the notebook expected), e.g.
 * "The `variants` grid ran adult and german; lr and mlp; 4 ε values (0, 0.1, 0.2, 0.3); 2 seeds; 100 factuals; setups default, carla."
 */
export function gridSentence(g: Partial<GridSpec> | null, role = ''): string {
  if (!g) return `*${role || 'This grid'} did not run (it is null).*`;
  const r = resolveGrid(g);
  const n = (k: number, one: string, many = `${one}s`) => `${k} ${k === 1 ? one : many}`;
  return (
    `The \`${r.name}\` grid${role ? ` (${role})` : ''} ran ${list(r.datasets)}; ${list(r.models)}; ${n(r.eps.length, 'ε value')} (${r.eps.join(', ')}); ` +
    `${n(r.seeds.length, 'seed')}; ${r.factuals} factuals per model; ${r.setups.length === 1 ? 'setup' : 'setups'} ${list(r.setups)}.`
  );
}
