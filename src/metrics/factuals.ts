import type { Split } from '../data/types';
import type { Classifier } from '../models/types';
import { check, RecourseError } from '../util/errors';
import { takeRows, type Matrix } from '../util/matrix';
import { FACTUAL_POLICIES, type FactualPolicy } from './policies';
import { predictedPositive } from './validity';

/** The chosen factuals: the policy used and their row indices into the test split. */
export interface FactualSelection {
  readonly policy: FactualPolicy;
  /** Row indices into the test split, in file order. */
  readonly indices: number[];
  readonly x: Matrix;
  /** Per selected row: the explained model already predicts it positive (only possible under 'reference'). */
  readonly alreadyPositive: boolean[];
  /** How many test points qualified before the cap n. */
  readonly eligible: number;
}

/** How factuals are chosen: the policy, the reference model, a cap on their number, and how messages name the models. */
export interface FactualOptions {
  policy?: FactualPolicy;
  /** The reference (ε = 0) model; needed by 'reference' and 'both'. */
  reference?: Classifier;
  /** Cap on the number of factuals (default: all that qualify). */
  n?: number;
  /** How errors name the models (default 'the model' and 'the reference (ε = 0) model'). */
  names?: { explained?: string; reference?: string };
  /** What the user can do when none qualifies (default: depends on the policy). */
  remedy?: string;
}

const rate = (pos: readonly boolean[]) => `${((100 * pos.filter(Boolean).length) / pos.length).toFixed(1)}% of ${pos.length} test points`;

/** The error when no test point qualifies, naming the model that predicts everything positive. */
function noneQualify(policy: FactualPolicy, posE: boolean[] | null, posRef: boolean[] | null, o: FactualOptions): RecourseError {
  const explained = o.names?.explained ?? 'the model';
  const reference = o.names?.reference ?? 'the reference (ε = 0) model';
  const remedy =
    o.remedy ??
    (policy === 'reference'
      ? 'use another dataset'
      : "use a smaller ε, another dataset, or policy 'reference' (--policy reference: the ε = 0 model's negatives)");
  const allPositive = (p: boolean[] | null) => !!p && p.every(Boolean);
  const cause = allPositive(posRef)
    ? `${reference} predicts every test point positive (positive rate ${rate(posRef!)})`
    : allPositive(posE)
      ? `${explained} predicts every test point positive (positive rate ${rate(posE!)})`
      : `no test point is predicted negative by both ${reference} (positive rate ${rate(posRef!)}) and ${explained} (positive rate ${rate(posE!)})`;
  return new RecourseError(`no test point needs a recourse: ${cause}; ${remedy}`);
}

/** The first `n` test points (file order, so runs are reproducible) the policy's models all predict negative. */
export function selectFactuals(test: Split, model: Classifier, o: FactualOptions = {}): FactualSelection {
  const policy = o.policy ?? 'negative';
  check(FACTUAL_POLICIES.includes(policy), `unknown factual policy '${policy}'; choose one of ${FACTUAL_POLICIES.join(', ')}`);
  const n = o.n ?? Infinity;
  check(n === Infinity || (Number.isInteger(n) && n > 0), `n must be a positive integer (number of factuals); got ${n}`);
  if (policy !== 'negative' && !o.reference) throw new RecourseError(`factual policy '${policy}' needs a reference model (the ε = 0 model)`);
  const posRef = policy === 'negative' ? null : predictedPositive(o.reference!, test.x);
  const posE = policy === 'reference' ? null : o.reference === model && posRef ? posRef : predictedPositive(model, test.x);
  const qualifies = (i: number) => !(posRef?.[i] ?? false) && !(posE?.[i] ?? false);
  const all = Array.from({ length: test.x.rows }, (_, i) => i).filter(qualifies);
  if (!all.length) throw noneQualify(policy, posE, posRef, o);
  const indices = all.slice(0, n);
  const x = takeRows(test.x, indices);
  return { policy, indices, x, alreadyPositive: policy === 'reference' ? predictedPositive(model, x) : indices.map(() => false), eligible: all.length };
}
