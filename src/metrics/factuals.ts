import type { Split } from '../data/types';
import type { Classifier } from '../models/types';
import { check, RecourseError } from '../util/errors';
import { takeRows, type Matrix } from '../util/matrix';
import { predictedPositive } from './validity';

/**
 * Which test points get a recourse:
 * - 'negative' (default for one model): the test points that model predicts negative;
 * - 'reference': the test points a reference model predicts negative — for comparisons across ε, use the
 *   ε = 0 model, so every model explains the same factuals; a point a robust model already predicts
 *   positive then counts as valid at cost 0, and how many did so is reported next to validity.
 */
export type FactualPolicy = 'negative' | 'reference';
export const FACTUAL_POLICIES: readonly FactualPolicy[] = ['negative', 'reference'];

export interface FactualSelection {
  readonly policy: FactualPolicy;
  /** Row indices into the test split, in test order. */
  readonly indices: number[];
  readonly x: Matrix;
  /** Per selected row: the explained model already predicts it positive. */
  readonly alreadyPositive: boolean[];
}

/**
 * The first `n` test points (in file order, so runs are reproducible) chosen by the policy. Fewer are
 * returned when fewer qualify; none qualifying is an error that names the model's behaviour.
 */
export function selectFactuals(test: Split, model: Classifier, o: { policy?: FactualPolicy; reference?: Classifier; n?: number } = {}): FactualSelection {
  const policy = o.policy ?? 'negative';
  check(FACTUAL_POLICIES.includes(policy), `unknown factual policy '${policy}'; choose one of ${FACTUAL_POLICIES.join(', ')}`);
  const n = o.n ?? Infinity;
  check(n === Infinity || (Number.isInteger(n) && n > 0), `n must be a positive integer (number of factuals); got ${n}`);
  if (policy === 'reference' && !o.reference) throw new RecourseError("factual policy 'reference' needs a reference model (the ε = 0 model)");
  const chooser = policy === 'reference' ? o.reference! : model;
  const pos = predictedPositive(chooser, test.x);
  const indices = pos.flatMap((p, i) => (p ? [] : [i])).slice(0, n);
  if (!indices.length) {
    throw new RecourseError(policy === 'reference'
      ? 'the reference (ε = 0) model predicts every test point positive, so no factual needs recourse'
      : "the model predicts every test point positive (it is degenerate), so no factual needs recourse; use policy 'reference' (--policy reference) to take the ε = 0 model's negatives");
  }
  const x = takeRows(test.x, indices);
  return { policy, indices, x, alreadyPositive: policy === 'reference' ? predictedPositive(model, x) : indices.map(() => false) };
}
