/**
 * The tidy results tables of a run, one row per unit, built from the stored per-factual measurements.
 * Columns are documented in the README ("Results tables"); the sign convention of every cost difference in
 * the project is robust minus non-robust.
 */
import * as aq from 'arquero';
import { costDifference, recourseCosts } from '../metrics/cost';
import type { ModelMetrics } from '../models/evaluate';
import { matrix, mean, takeRows, type Matrix } from '../util/matrix';
import type { RecourseMeasurements } from './recourse-run';
import { budgetColumns } from './budgets';
import { modelSetupName } from './setups';
import type { ModelUnit, RecourseUnit } from './units';

const { op } = aq;

/** One trained model (results/models.csv). */
export interface ModelRow {
  dataset: string;
  model: string;
  depth: number;
  width: number;
  eps: number;
  seed: number;
  protocol: string;
  classWeight: string;
  /** Which class recourse aims for ('favourable' = label 1 as given, 'minority' = the training split's minority class). */
  target: string;
  /** Units of ε: 'minmax' or 'std' (training standard deviations). */
  epsUnits: string;
  /** 'trained', or 'matched': the output bias shifted to the ε = 0 model's positive rate on the training split. */
  threshold: string;
  /** The bias shift of a matched model (0 otherwise). */
  thresholdShift: number;
  accuracy: number;
  /** Accuracy under PGD-20 at the run's evalEps (the same attack for every model). */
  advAccuracy: number;
  evalEps: number;
  positiveRate: number;
  degenerate: boolean;
  /** Test accuracy of predicting the test split's majority class for everyone. */
  majorityRate: number;
  /** Test accuracy below the majority-class rate: the model does worse than predicting one class. */
  belowMajority: boolean;
  epochs: number;
  trainSeconds: number;
  fromCache: boolean;
}

/** One recourse unit: a method on one model (results/recourse.csv). */
export interface RecourseRow {
  dataset: string;
  model: string;
  depth: number;
  width: number;
  eps: number;
  method: string;
  seed: number;
  setup: string;
  target: string;
  epsUnits: string;
  threshold: string;
  accuracy: number;
  advAccuracy: number;
  positiveRate: number;
  degenerate: boolean;
  belowMajority: boolean;
  /** Test points the ε = 0 model predicts negative (capped): the same people under every ε. */
  factuals: number;
  /** Of those, how many this model already predicts positive (valid at cost 0, no recourse needed). */
  alreadyPositive: number;
  /** Valid rows over all factuals, already-positive ones included (the paper's validity). */
  validity: number;
  /** Valid recourses over the factuals this model also predicts negative (NaN when none). */
  validityNeeded: number;
  /** Mean ‖x′ − x‖₂ over valid recourses that were needed (NaN when none). */
  cost: number;
  /** The paper's Cost: Σ over valid needed recourses of ‖x′ − x‖₂, divided by the number of factuals. */
  paperCost: number;
  /** The paper's cost difference: this model's paperCost minus the ε = 0 model's, over the same factuals (0 at ε = 0). */
  paperCostDiff: number;
  /** Mean of ‖ζ_R‖ − ‖ζ_NR‖ over the same test points, where both models predict negative and both recourses are valid (0 at ε = 0). */
  costDiff: number;
  /** How many factuals the cost difference averages over. */
  costDiffN: number;
  /** `cost` and `costDiff` in ℓ1 (‖x′ − x‖₁), the norm exact minimises on MLPs: every method's ℓ1 beside the optimum. */
  costL1: number;
  costDiffL1: number;
  /** Share of the valid needed recourses whose cost the method proved minimal (exact; NaN for the searches). */
  provenOptimal: number;
  /** Factuals the method proved to have no recourse (exact's MILP; NaN for the searches). */
  provenNoRecourse: number;
  /** Validity, cost and cost difference when the search may use at most B iterations (budgets.ts). */
  validityAt10: number;
  validityAt30: number;
  validityAt100: number;
  costAt10: number;
  costAt30: number;
  costAt100: number;
  costDiffAt10: number;
  costDiffAt30: number;
  costDiffAt100: number;
  /** Mean share of noisy copies still positive, over valid needed recourses (Fig. 16). */
  robustness: number;
  /** Share of returned rows that respect the feature layout. */
  feasible: number;
  /** Factuals proven to have no recourse before any search (their validity 0 is certified, not a search's failure). */
  certified: number;
  /** Wall time of the method call. */
  seconds: number;
  /** Why the unit has no factuals, else ''. */
  note: string;
}

/** The results row of a trained model unit. */
export function modelRow(
  u: ModelUnit,
  m: ModelMetrics,
  extra: { epochs: number; trainSeconds: number; fromCache: boolean; thresholdShift: number; majorityRate: number },
): ModelRow {
  const { majorityRate, thresholdShift, ...rest } = extra;
  return {
    dataset: u.dataset,
    model: u.kind,
    depth: u.arch.depth,
    width: u.arch.width,
    eps: u.options.eps,
    seed: u.seed,
    protocol: u.training.protocol,
    classWeight: u.training.classWeight,
    target: u.target,
    epsUnits: u.options.epsUnits,
    threshold: u.threshold,
    thresholdShift,
    accuracy: m.accuracy,
    advAccuracy: m.advAccuracy,
    evalEps: m.evalEps,
    positiveRate: m.positiveRate,
    degenerate: m.degenerate,
    majorityRate,
    belowMajority: isBelowMajority(m.accuracy, majorityRate),
    ...rest,
  };
}

/** True when an accuracy is below the majority-class rate by more than rounding (one test row in 10 000). */
export function isBelowMajority(accuracy: number, majorityRate: number): boolean {
  return accuracy < majorityRate - 1e-4;
}

/** The results row of a unit, given its measurements, its ε = 0 twin's (for the cost difference) and its model's metrics. */
export function recourseRow(
  u: RecourseUnit,
  m: RecourseMeasurements,
  ref: RecourseMeasurements,
  model: Pick<ModelRow, 'accuracy' | 'advAccuracy' | 'positiveRate' | 'degenerate' | 'belowMajority'>,
  test: Matrix,
): RecourseRow {
  const metrics = model;
  const n = m.indices.length;
  const needed = m.alreadyPositive.map((p) => !p);
  const validNeeded = m.found.map((f, i) => f && needed[i]);
  const costs = m.l2.filter((_, i) => validNeeded[i]);
  const [l1, refL1] = [l1Costs(m, test), l1Costs(ref, test)];
  const diffs: number[] = [];
  const diffsL1: number[] = [];
  const inRef = new Map(ref.indices.map((t, j) => [t, j]));
  for (let i = 0; i < n; i++) {
    const j = inRef.get(m.indices[i]);
    if (j === undefined || !needed[i] || ref.alreadyPositive[j]) continue;
    if (m.found[i] && ref.found[j]) {
      diffs.push(costDifference(m.l2[i], ref.l2[j]));
      diffsL1.push(costDifference(l1[i], refL1[j]));
    }
  }
  const proven = m.optimal.length ? validNeeded.flatMap((v, i) => (v ? [m.optimal[i]] : [])) : [];
  const nNeeded = needed.filter(Boolean).length;
  return {
    dataset: u.dataset,
    model: u.model.kind,
    depth: u.model.arch.depth,
    width: u.model.arch.width,
    eps: u.model.options.eps,
    method: u.method,
    seed: u.model.seed,
    setup: u.setup.name,
    target: u.setup.target,
    epsUnits: u.setup.epsUnits,
    threshold: u.setup.threshold,
    accuracy: metrics.accuracy,
    advAccuracy: metrics.advAccuracy,
    positiveRate: metrics.positiveRate,
    degenerate: metrics.degenerate,
    belowMajority: metrics.belowMajority,
    factuals: n,
    alreadyPositive: n - nNeeded,
    validity: n ? m.found.filter(Boolean).length / n : NaN,
    validityNeeded: nNeeded ? validNeeded.filter(Boolean).length / nNeeded : NaN,
    cost: mean(costs),
    paperCost: paperCost(m),
    paperCostDiff: paperCost(m) - paperCost(ref),
    costDiff: mean(diffs),
    costDiffN: diffs.length,
    costL1: mean(Array.from(l1).filter((_, i) => validNeeded[i])),
    costDiffL1: mean(diffsL1),
    provenOptimal: proven.length ? proven.filter(Boolean).length / proven.length : NaN,
    provenNoRecourse: m.noRecourse.length ? m.noRecourse.filter(Boolean).length : NaN,
    ...budgetColumns(m, ref),
    robustness: mean(m.robustness.filter((v, i) => validNeeded[i] && Number.isFinite(v))),
    feasible: n ? m.feasible.filter(Boolean).length / n : NaN,
    certified: m.certified.filter(Boolean).length,
    seconds: m.seconds,
    note: m.note,
  };
}

/** Columns averaged over seeds in the summary table. */
export const SUMMARY_METRICS = [
  'validity',
  'validityNeeded',
  'cost',
  'paperCost',
  'paperCostDiff',
  'costDiff',
  'costL1',
  'costDiffL1',
  'provenOptimal',
  'robustness',
  'accuracy',
  'advAccuracy',
  'alreadyPositive',
  'validityAt10',
  'validityAt30',
  'validityAt100',
  'costAt10',
  'costAt30',
  'costAt100',
  'costDiffAt10',
  'costDiffAt30',
  'costDiffAt100',
  'seconds',
] as const;
export type SummaryMetric = (typeof SUMMARY_METRICS)[number];

/** Mean and sample standard deviation over seeds of one grid point (results/summary.csv). */
export type SummaryRow = {
  dataset: string;
  model: string;
  depth: number;
  width: number;
  eps: number;
  method: string;
  setup: string;
  target: string;
  epsUnits: string;
  threshold: string;
  seeds: number;
  /** How many of the seeds' models are degenerate (one class for ≥ 99 % of the test set). */
  degenerateSeeds: number;
  /** How many of the seeds' models have a test accuracy below the majority-class rate. */
  belowMajoritySeeds: number;
} & { [K in SummaryMetric as `${K}Mean` | `${K}Std`]: number };

/** ‖x′ − x‖₁ per factual of a unit (its factuals are rows of the test split). */
function l1Costs(m: RecourseMeasurements, test: Matrix): Float64Array {
  return recourseCosts(takeRows(test, m.indices), matrix(m.indices.length, m.d, Float32Array.from(m.counterfactuals))).l1;
}

/** The paper's Cost of a unit: Σ ‖x′ − x‖₂ over valid recourses that were needed, divided by the number of factuals. */
function paperCost(m: RecourseMeasurements): number {
  const n = m.indices.length;
  let s = 0;
  for (let i = 0; i < n; i++) if (m.found[i] && !m.alreadyPositive[i]) s += m.l2[i];
  return n ? s / n : NaN;
}

/**
 * Rows averaged over seeds with arquero: one row per group of `keys`, with the seed count, the degenerate and
 * below-majority counts, the `constant` columns (equal within a group) and, per metric, the mean and the
 * sample standard deviation over its finite values (NaN for none, and the std NaN for fewer than two). Groups
 * come in the order of their first row.
 */
function overSeeds(rows: readonly object[], keys: readonly string[], constant: readonly string[], metrics: readonly string[]): Record<string, unknown>[] {
  if (!rows.length) return [];
  const finite = rows.map((r) => {
    const o: Record<string, unknown> = { ...r };
    for (const k of metrics) o[k] = Number.isFinite(Number(o[k])) ? Number(o[k]) : NaN;
    return o;
  });
  const spec: Record<string, unknown> = { seeds: op.count(), degenerateSeeds: op.sum('degenerate'), belowMajoritySeeds: op.sum('belowMajority') };
  for (const c of constant) spec[c] = op.any(c);
  for (const k of metrics) Object.assign(spec, { [`${k}Mean`]: op.mean(k), [`${k}Std`]: op.stdev(k) });
  const number = (v: unknown) => (typeof v === 'number' ? v : NaN);
  return aq
    .from(finite)
    .groupby(...keys)
    .rollup(spec as Parameters<ReturnType<typeof aq.from>['rollup']>[0])
    .objects()
    .map((row) => {
      const o = row as Record<string, unknown>;
      const out: Record<string, unknown> = { ...o, degenerateSeeds: number(o.degenerateSeeds) || 0, belowMajoritySeeds: number(o.belowMajoritySeeds) || 0 };
      for (const k of metrics) Object.assign(out, { [`${k}Mean`]: number(o[`${k}Mean`]), [`${k}Std`]: number(o[`${k}Std`]) });
      return out;
    });
}

/** The same object with its keys in `order` first (the tables' column order). */
const ordered = (o: Record<string, unknown>, order: readonly string[]): Record<string, unknown> =>
  Object.fromEntries([...order, ...Object.keys(o).filter((k) => !order.includes(k))].map((k) => [k, o[k]]));

const SUMMARY_KEYS = ['dataset', 'model', 'depth', 'width', 'eps', 'method', 'setup'];
const SUMMARY_ORDER = [...SUMMARY_KEYS, 'target', 'epsUnits', 'threshold', 'seeds', 'degenerateSeeds', 'belowMajoritySeeds'];

/** Groups recourse rows by grid point (all but the seed) and averages over seeds, ignoring NaN values. */
export function summarizeOverSeeds(rows: readonly RecourseRow[]): SummaryRow[] {
  return overSeeds(rows, SUMMARY_KEYS, ['target', 'epsUnits', 'threshold'], SUMMARY_METRICS).map((o) => ordered(o, SUMMARY_ORDER) as SummaryRow);
}

/** Model columns averaged over seeds (results/models-summary.csv). */
export type ModelSummaryRow = {
  dataset: string;
  model: string;
  depth: number;
  width: number;
  eps: number;
  setup: string;
  protocol: string;
  classWeight: string;
  target: string;
  epsUnits: string;
  threshold: string;
  seeds: number;
  degenerateSeeds: number;
  belowMajoritySeeds: number;
  majorityRate: number;
  method: string;
  /** The attack radius of advAccuracy (one for every model of a run). */
  evalEps: number;
} & { [K in 'accuracy' | 'advAccuracy' | 'positiveRate' as `${K}Mean` | `${K}Std`]: number };

const MODEL_KEYS = ['dataset', 'model', 'depth', 'width', 'eps', 'protocol', 'classWeight', 'target', 'epsUnits', 'threshold'];
const MODEL_ORDER = [
  'dataset',
  'model',
  'depth',
  'width',
  'eps',
  'setup',
  'protocol',
  'classWeight',
  'target',
  'epsUnits',
  'threshold',
  'seeds',
  'degenerateSeeds',
  'belowMajoritySeeds',
  'majorityRate',
  'method',
  'evalEps',
];

/** Averages model rows over seeds; `setup` names the training part ('default' for a fixed, unweighted run). */
export function summarizeModels(rows: readonly ModelRow[]): ModelSummaryRow[] {
  return overSeeds(rows, MODEL_KEYS, ['majorityRate', 'evalEps'], ['accuracy', 'advAccuracy', 'positiveRate']).map(
    (o) => ordered({ ...o, setup: modelSetupName(o as unknown as ModelRow), method: 'model' }, MODEL_ORDER) as ModelSummaryRow,
  );
}
