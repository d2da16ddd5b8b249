/**
 * Runs one recourse unit: the factuals (first test points the ε = 0 model predicts negative), the method's
 * counterfactuals for the unit's model, and the per-factual measurements every results column is built
 * from. The stored form is plain JSON (NaN written as null), validated when read back.
 */
import type { Dataset } from '../data/types';
import { featureLayout } from '../data/layout';
import { recourseCosts } from '../metrics/cost';
import { selectFactuals } from '../metrics/factuals';
import { recourseRobustness } from '../metrics/robustness';
import type { Classifier } from '../models/types';
import { getRecourseMethod, type RecourseContext } from '../recourse/index';
import type { RecourseUnit } from './units';

/** Per-factual measurements of one recourse unit, in factual order. */
export interface RecourseMeasurements {
  readonly key: string;
  /** Feature count, so a stored unit can be checked against the dataset. */
  readonly d: number;
  /** Test-split row of each factual. */
  readonly indices: number[];
  /** Counterfactual rows, flattened (indices.length × d), in [0,1] units. */
  readonly counterfactuals: number[];
  readonly found: boolean[];
  readonly alreadyPositive: boolean[];
  readonly feasible: boolean[];
  /** Factuals proven to have no recourse before any search (empty in units stored before the certificate). */
  readonly certified: boolean[];
  /** ‖x′ − x‖₂ per factual. */
  readonly l2: number[];
  /** Per factual, whether the method proved its recourse's cost minimal (exact; empty for the searches and older units). */
  readonly optimal: boolean[];
  /** Per factual, whether the method proved that no recourse exists (exact; empty for the searches and older units). */
  readonly noRecourse: boolean[];
  /** Share of noisy copies still positive, per valid recourse that was needed (NaN elsewhere). */
  readonly robustness: number[];
  readonly iterations: number[];
  /** Wall time of the batched method call. */
  readonly seconds: number;
  /** Why there are no factuals (e.g. the ε = 0 model predicts every test point positive), else ''. */
  readonly note: string;
}

/** Generates and measures the recourses of one unit (the models are trained or loaded by the caller). */
export async function measureRecourse(
  ds: Dataset,
  unit: RecourseUnit,
  model: Classifier,
  reference: Classifier,
  run: Pick<RecourseContext, 'onProgress' | 'signal'> = {},
): Promise<RecourseMeasurements> {
  const empty = (note: string): RecourseMeasurements => ({
    key: unit.key,
    d: ds.test.x.cols,
    indices: [],
    counterfactuals: [],
    found: [],
    alreadyPositive: [],
    feasible: [],
    certified: [],
    l2: [],
    optimal: [],
    noRecourse: [],
    robustness: [],
    iterations: [],
    seconds: 0,
    note,
  });
  let f;
  try {
    f = selectFactuals(ds.test, model, { policy: unit.policy, reference, n: unit.factualCap });
  } catch (e) {
    return empty((e as Error).message);
  }
  const r = await getRecourseMethod(unit.method).generate(model, f.x, unit.options, { spec: ds.spec, train: ds.train, ...run });
  const { l2 } = recourseCosts(f.x, r.counterfactuals);
  const needed = r.found.map((v, i) => v && !r.alreadyPositive[i]);
  const rob = recourseRobustness(model, r.counterfactuals, needed, featureLayout(f.x.cols, ds.spec), {
    sigma: unit.robustness.sigma,
    samples: unit.robustness.samples,
    seed: unit.model.seed,
  });
  return {
    key: unit.key,
    d: f.x.cols,
    indices: f.indices,
    counterfactuals: Array.from(r.counterfactuals.data),
    found: r.found,
    alreadyPositive: r.alreadyPositive,
    feasible: r.feasible,
    certified: r.certified,
    l2: Array.from(l2),
    robustness: Array.from(rob.perFactual),
    optimal: 'optimal' in r && Array.isArray(r.optimal) ? (r.optimal as boolean[]) : [],
    noRecourse: 'noRecourse' in r && Array.isArray(r.noRecourse) ? (r.noRecourse as boolean[]) : [],
    iterations: r.iterations,
    seconds: r.totalSeconds,
    note: '',
  };
}

/** Why a stored unit does not fit the dataset and key it is read for, or null when it does. */
export function recourseProblem(m: RecourseMeasurements, key: string, d: number, testRows: number): string | null {
  if (!m || typeof m !== 'object') return 'not an object';
  if (m.key !== key) return `key ${m.key} is not ${key}`;
  if (m.d !== d) return `${m.d} features, the dataset has ${d}`;
  const n = Array.isArray(m.indices) ? m.indices.length : -1;
  if (n < 0 || !m.indices.every((i) => Number.isInteger(i) && i >= 0 && i < testRows)) return 'factual indices outside the test split';
  for (const k of ['found', 'alreadyPositive', 'feasible', 'l2', 'robustness', 'iterations'] as const) {
    if (!Array.isArray(m[k]) || m[k].length !== n) return `${k} has the wrong length`;
  }
  if (!Array.isArray(m.counterfactuals) || m.counterfactuals.length !== n * d) return 'counterfactuals have the wrong shape';
  if (!m.counterfactuals.every(Number.isFinite)) return 'counterfactuals are not finite';
  if (!m.l2.every((v) => Number.isFinite(v) && v >= 0)) return 'costs are not finite';
  for (const k of ['found', 'alreadyPositive'] as const) if (!m[k].every((v) => typeof v === 'boolean')) return `${k} is not a list of true/false`;
  if (!m.feasible.every((v) => typeof v === 'boolean')) return 'feasible is not a list of true/false';
  if (m.certified.length !== 0 && (m.certified.length !== n || !m.certified.every((v, i) => typeof v === 'boolean' && (!v || !m.found[i])))) {
    return 'certified is not a list of true/false, one per factual, false wherever a recourse was found';
  }
  for (const k of ['optimal', 'noRecourse'] as const) {
    if (m[k].length !== 0 && (m[k].length !== n || !m[k].every((v) => typeof v === 'boolean'))) return `${k} is not a list of true/false, one per factual`;
  }
  if (!m.robustness.every((v) => Number.isNaN(v) || (v >= 0 && v <= 1))) return 'robustness shares are outside [0, 1]';
  if (!m.iterations.every((v) => Number.isInteger(v) && v >= 0)) return 'iterations are not counts';
  if (!(Number.isFinite(m.seconds) && m.seconds >= 0) || typeof m.note !== 'string') return 'seconds or note missing';
  return null;
}

/** JSON cannot hold NaN: robustness NaNs are written as null and read back as NaN. */
export function encodeMeasurements(m: RecourseMeasurements): unknown {
  return { ...m, robustness: m.robustness.map((v) => (Number.isFinite(v) ? v : null)) };
}

/** Reads a stored unit back (null robustness values become NaN; a unit stored before the certificate has none certified). */
export function decodeMeasurements(body: unknown): RecourseMeasurements {
  const b = body as RecourseMeasurements & { robustness: (number | null)[] };
  return {
    ...b,
    certified: Array.isArray(b?.certified) ? b.certified : [],
    optimal: Array.isArray(b?.optimal) ? b.optimal : [],
    noRecourse: Array.isArray(b?.noRecourse) ? b.noRecourse : [],
    robustness: Array.isArray(b?.robustness) ? b.robustness.map((v) => (v === null ? NaN : v)) : b?.robustness,
  };
}
