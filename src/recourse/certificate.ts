/**
 * A certificate that no recourse exists: an upper bound on a model's logit over a factual's feasible set (the
 * [0,1] box with the immutable columns fixed at the factual's values, binary and one-hot columns free to move).
 * Where the bound is ≤ 0 no point a method may return is predicted positive, so every method would end
 * without a valid recourse after exhausting its budget; the wrapper in method.ts gives those rows that result
 * at once (docs/methods.md, "Certified: no recourse exists").
 * - LR: the maximum itself, in closed form: each mutable column at the end its weight favours, each mutable
 *   one-hot group at its largest weight.
 * - ReLU nets: interval bound propagation over the box (sound, not tight: a bound above 0 proves nothing).
 */
import type { FeatureLayout } from '../data/layout';
import type { LayerWeights } from '../models/dense';
import type { Matrix } from '../util/matrix';

/** The maximum of the linear logit w·x + b over one factual's feasible set (exact). */
export function linearMaximum(layer: LayerWeights, x: ArrayLike<number>, layout: FeatureLayout): number {
  const w = layer.W;
  let s = layer.b[0];
  for (const j of layout.immutable) s += w[j] * x[j];
  for (const j of [...layout.continuous, ...layout.binary]) s += Math.max(0, w[j]);
  for (const g of layout.groups) s += Math.max(...g.map((j) => w[j]));
  return s;
}

/**
 * The interval of each output of one dense layer (before any ReLU) when its inputs lie in [lo, hi]. Each of
 * `groups` (one-hot groups: exactly one column at 1) contributes its smallest and largest weight instead.
 */
export function layerInterval(
  layer: LayerWeights,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  groups: readonly (readonly number[])[] = [],
): { l: Float64Array; u: Float64Array } {
  const inGroup = new Set(groups.flat());
  const l = new Float64Array(layer.outDim);
  const u = new Float64Array(layer.outDim);
  for (let o = 0; o < layer.outDim; o++) {
    let a = layer.b[o];
    let b = layer.b[o];
    for (let i = 0; i < layer.inDim; i++) {
      if (inGroup.has(i)) continue;
      const w = layer.W[i * layer.outDim + o];
      if (w >= 0) {
        a += w * lo[i];
        b += w * hi[i];
      } else {
        a += w * hi[i];
        b += w * lo[i];
      }
    }
    for (const g of groups) {
      const ws = g.map((i) => layer.W[i * layer.outDim + o]);
      a += Math.min(...ws);
      b += Math.max(...ws);
    }
    l[o] = a;
    u[o] = b;
  }
  return { l, u };
}

/** An upper bound of a ReLU net's logit over the box [lo, hi] by interval bound propagation. */
export function intervalUpperBound(layers: readonly LayerWeights[], lo: ArrayLike<number>, hi: ArrayLike<number>): number {
  let l: ArrayLike<number> = lo;
  let u: ArrayLike<number> = hi;
  for (const [k, layer] of layers.entries()) {
    const z = layerInterval(layer, l, u);
    const hidden = k < layers.length - 1;
    l = hidden ? z.l.map((v) => Math.max(0, v)) : z.l;
    u = hidden ? z.u.map((v) => Math.max(0, v)) : z.u;
  }
  return u[0];
}

/** Per factual, an upper bound of the logit over its feasible set (the exact maximum for LR). */
export function logitUpperBounds(layers: readonly LayerWeights[], factuals: Matrix, layout: FeatureLayout): Float64Array {
  const out = new Float64Array(factuals.rows);
  const d = factuals.cols;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d).fill(1);
  for (let i = 0; i < factuals.rows; i++) {
    const x = factuals.data.subarray(i * d, (i + 1) * d);
    if (layers.length === 1) {
      out[i] = linearMaximum(layers[0], x, layout);
      continue;
    }
    lo.fill(0);
    hi.fill(1);
    for (const j of layout.immutable) lo[j] = hi[j] = x[j];
    out[i] = intervalUpperBound(layers, lo, hi);
  }
  return out;
}

/**
 * The rows certified to have no recourse: true where the bound is ≤ 0. A model that is not one dense ReLU net
 * (no `denseNets`, or a stack of several) certifies nothing.
 */
export function certifiedNoRecourse(nets: readonly (readonly LayerWeights[])[] | null, factuals: Matrix, layout: FeatureLayout): boolean[] {
  if (!nets || nets.length !== 1) return new Array(factuals.rows).fill(false);
  // a float32 margin: the model computes in float32, so a bound this close to 0 is not trusted
  return Array.from(logitUpperBounds(nets[0], factuals, layout), (u) => u < -1e-4);
}
