import type { Classifier } from '../models/types';
import type { Matrix } from '../util/matrix';
import { logitsOf } from '../models/predict';
import type { FeatureLayout } from '../data/layout';

/** The columns that change together: each mutable continuous or binary column alone, each one-hot group whole. */
function units(l: FeatureLayout): number[][] {
  return [...l.continuous.map((j) => [j]), ...l.binary.map((j) => [j]), ...l.groups.map((g) => [...g])];
}

/**
 * Growing Spheres' feature selection (Laugel et al.), batched over rows: order each counterfactual's changed
 * units by the size of their change, smallest first, and revert each in turn to the factual's value when the
 * model still predicts class 1 without it (every unit is tried, as in the reference code). Edits `cf` in place
 * for the rows with `active[i]`; the result stays feasible because whole one-hot groups are reverted.
 */
export function sparsify(model: Classifier, layout: FeatureLayout, factuals: Matrix, cf: Matrix, active: boolean[]): void {
  const d = factuals.cols;
  const all = units(layout);
  const order = active.map((on, i) => {
    if (!on) return [];
    const sizes = all.map((u) => Math.sqrt(u.reduce((s, j) => s + (cf.data[i * d + j] - factuals.data[i * d + j]) ** 2, 0)));
    return all
      .map((_, k) => k)
      .filter((k) => sizes[k] > 0)
      .sort((a, b) => sizes[a] - sizes[b]);
  });
  const steps = Math.max(0, ...order.map((u) => u.length));
  for (let k = 0; k < steps; k++) {
    const rows = order.flatMap((u, i) => (u.length > k ? [i] : []));
    const buf = new Float32Array(rows.length * d);
    rows.forEach((i, r) => {
      buf.set(cf.data.subarray(i * d, (i + 1) * d), r * d);
      for (const j of all[order[i][k]]) buf[r * d + j] = factuals.data[i * d + j];
    });
    const z = logitsOf(model, { data: buf, rows: rows.length, cols: d });
    rows.forEach((i, r) => {
      if (z[r] > 0) cf.data.set(buf.subarray(r * d, (r + 1) * d), i * d);
    });
  }
}
