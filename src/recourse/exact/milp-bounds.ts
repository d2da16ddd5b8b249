/**
 * Pre-activation bounds of a ReLU network for the big-M form of the exact program (relu-milp.ts). Over the
 * feasible box by interval arithmetic; when a recourse of cost C is known, over the points of cost ≤ C only —
 * the optimum is among them — which for a cheap start is several times tighter and leaves most units stable.
 */
import type { FeatureLayout } from '../../data/layout';
import type { LayerWeights } from '../../models/dense';
import { layerInterval } from '../certificate';
import type { ExactNorm } from './relu-net';

/** The points of cost ≤ radius from x0 in the norm (the known recourse's cost). */
export interface CostBall {
  readonly x0: ArrayLike<number>;
  readonly radius: number;
  readonly norm: ExactNorm;
}

/**
 * Bounds [l, u] of every hidden layer's units over the box [lo, hi] (interval arithmetic; the first layer counts
 * each mutable one-hot group as one choice, its weights' min and max). With a ball, the box is first cut to
 * x0 ± radius and the first layer's bounds are also taken as the maximum of w·(x − x0) over the ℓ1 ball
 * (a fractional knapsack: the largest weights first, a one-hot group change costing 2), whichever is tighter.
 */
export function preActivationBounds(
  layers: readonly LayerWeights[],
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  layout?: FeatureLayout,
  ball?: CostBall,
): { l: Float64Array; u: Float64Array }[] {
  const [boxLo, boxHi] = ball ? cutToBall(lo, hi, ball, layout) : [lo, hi];
  const out: { l: Float64Array; u: Float64Array }[] = [];
  let inL: ArrayLike<number> = boxLo;
  let inU: ArrayLike<number> = boxHi;
  for (const [k, layer] of layers.slice(0, -1).entries()) {
    const z = layerInterval(layer, inL, inU, k === 0 ? layout?.groups : []);
    if (k === 0 && ball?.norm === 'l1' && layout) tightenByKnapsack(z, layer, boxLo, boxHi, layout, ball);
    out.push(z);
    inL = z.l.map((v) => Math.max(0, v));
    inU = z.u.map((v) => Math.max(0, v));
  }
  return out;
}

/** The box cut to x0 ± radius; one-hot groups (a change costs 2 in ℓ1, 1 in ℓ∞) fixed when the radius rules a change out. */
function cutToBall(lo: ArrayLike<number>, hi: ArrayLike<number>, ball: CostBall, layout?: FeatureLayout): [Float64Array, Float64Array] {
  const { x0, radius } = ball;
  const l = Float64Array.from(lo, (v, j) => Math.max(v, x0[j] - radius));
  const u = Float64Array.from(hi, (v, j) => Math.min(v, x0[j] + radius));
  const groupChange = ball.norm === 'l1' ? 2 : 1;
  for (const g of layout?.groups ?? []) if (radius < groupChange) for (const j of g) l[j] = u[j] = x0[j];
  return [l, u];
}

/** Knapsack items of one unit: a gain per unit of cost and how much cost the item can take. */
interface Item {
  readonly rate: number;
  readonly room: number;
}

function tightenByKnapsack(
  z: { l: Float64Array; u: Float64Array },
  layer: LayerWeights,
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  layout: FeatureLayout,
  ball: CostBall,
): void {
  const { x0, radius } = ball;
  const inGroup = new Set(layout.groups.flat());
  const single = Array.from({ length: layer.inDim }, (_, j) => j).filter((j) => !inGroup.has(j) && hi[j] > lo[j]);
  const groups = layout.groups.filter((g) => g.some((j) => hi[j] > lo[j]));
  for (let o = 0; o < layer.outDim; o++) {
    const w = (j: number) => layer.W[j * layer.outDim + o];
    let at = layer.b[o];
    for (let j = 0; j < layer.inDim; j++) at += w(j) * x0[j];
    const best = (sign: 1 | -1) => {
      const items: Item[] = single.map((j) => ({ rate: Math.abs(w(j)), room: sign * w(j) >= 0 ? hi[j] - x0[j] : x0[j] - lo[j] }));
      for (const g of groups) {
        const current = g.reduce((s, j) => s + w(j) * x0[j], 0);
        const gain = Math.max(...g.map((j) => sign * (w(j) - current)));
        if (gain > 0) items.push({ rate: gain / 2, room: 2 });
      }
      items.sort((a, b) => b.rate - a.rate);
      let left = radius;
      let total = 0;
      for (const it of items) {
        if (left <= 0) break;
        const take = Math.min(left, it.room);
        total += it.rate * take;
        left -= take;
      }
      return total;
    };
    // a hair of slack keeps float64 rounding from cutting off the start
    const slack = 1e-9 * (1 + Math.abs(at));
    z.u[o] = Math.min(z.u[o], at + best(1) + slack);
    z.l[o] = Math.max(z.l[o], at - best(-1) - slack);
  }
}
