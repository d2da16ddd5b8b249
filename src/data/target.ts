/**
 * The recourse target as a property of the data: label 1 is the class a recourse aims for. `minority` makes
 * it the training split's minority class, flipping both splits' labels where the favourable class is the
 * majority (German credit, COMPAS in the OpenXAI splits), so that every model, factual selection and metric
 * downstream follows without knowing. Adult (25 % favourable) is returned unchanged.
 */
import type { Dataset, Split } from './types';

/** Share of label 1 in a split. */
export function positiveShare(y: Float32Array): number {
  let s = 0;
  for (const v of y) s += v;
  return y.length ? s / y.length : NaN;
}

/** True when making the minority class the target flips this dataset's labels (label 1 is the training majority). */
export function flipsForMinority(ds: Dataset): boolean {
  return positiveShare(ds.train.y) > 0.5;
}

const flipped = (s: Split): Split => ({ x: s.x, y: Float32Array.from(s.y, (v) => 1 - v) });

/** The dataset whose label 1 is the training split's minority class (the same object when it already is). */
export function withMinorityTarget(ds: Dataset): Dataset {
  if (!flipsForMinority(ds)) return ds;
  return { ...ds, train: flipped(ds.train), test: flipped(ds.test) };
}
