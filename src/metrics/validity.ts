import type { Classifier } from '../models/types';
import { logitsOf } from '../models/predict';
import type { Matrix } from '../util/matrix';
import { recourseCosts } from './cost';

/** Rows the model classifies positive (logit > 0, i.e. p > 0.5). */
export function predictedPositive(model: Classifier, x: Matrix): boolean[] {
  return Array.from(logitsOf(model, x), (z) => z > 0);
}

/** The numbers `recourse explain` prints for one call. */
export interface RecourseSummary {
  readonly n: number;
  /** Counterfactuals the model classifies positive. */
  readonly valid: number;
  /** valid / n; factuals the model already predicts positive count as valid at cost 0. */
  readonly validity: number;
  /** Factuals the model already predicts positive (reported next to validity: a robust model may predict everything positive). */
  readonly alreadyPositive: number;
  /** Mean ℓ2 cost over the valid counterfactuals (NaN when none is valid). */
  readonly meanCostValid: number;
  /** The paper's Cost = Σ_valid ‖x − x′‖₂ / n: invalid recourses contribute 0. */
  readonly meanCostAll: number;
  /** Wall time of the batched call divided by n. */
  readonly secondsPerFactual: number;
}

/** What a summary needs from a recourse call (any RecourseResult has these fields). */
export interface RecourseOutput {
  readonly counterfactuals: Matrix;
  readonly alreadyPositive: readonly boolean[];
  readonly totalSeconds: number;
}

/** Validity and cost of one method call, judged by `model` (the one it explained, or another for cross-model checks). */
export function summarizeRecourse(model: Classifier, factuals: Matrix, r: RecourseOutput): RecourseSummary {
  const valid = predictedPositive(model, r.counterfactuals);
  const { l2 } = recourseCosts(factuals, r.counterfactuals);
  let nValid = 0;
  let sum = 0;
  valid.forEach((v, i) => {
    if (!v) return;
    nValid++;
    sum += l2[i];
  });
  const n = factuals.rows;
  return {
    n,
    valid: nValid,
    validity: nValid / n,
    alreadyPositive: r.alreadyPositive.filter(Boolean).length,
    meanCostValid: nValid ? sum / nValid : NaN,
    meanCostAll: sum / n,
    secondsPerFactual: r.totalSeconds / n,
  };
}
