/**
 * Starting solutions for the exact program (relu-milp.ts): the cheapest training row that is a recourse, then
 * polished by moving its features back toward the factual while it stays a recourse. A cheap start matters
 * twice: the solver prunes with its cost, and the program's bounds are taken over the ball of that cost
 * (milp-bounds.ts), which the cheaper it is the tighter they are. `startingRecourse` takes the cheaper of the
 * polished training row and a greedy walk from the factual.
 */
import type { FeatureLayout } from '../../data/layout';
import type { LayerWeights } from '../../models/dense';
import { costOf, forward, type ExactNorm } from './relu-net';

/**
 * The cheapest candidate that is a recourse for x0 once its immutable columns are set to x0's (candidates are
 * points of the layout, e.g. training rows), or null. `firstFound`: any one that is a recourse (it only asks
 * whether there is one).
 */
export function closestValidPoint(
  layers: readonly LayerWeights[],
  x0: ArrayLike<number>,
  layout: FeatureLayout,
  candidates: { rows: number; cols: number; data: ArrayLike<number> },
  margin: number,
  norm: ExactNorm,
  firstFound = false,
): Float64Array | null {
  let best: Float64Array | null = null;
  let bestCost = Infinity;
  const x = new Float64Array(candidates.cols);
  for (let r = 0; r < candidates.rows; r++) {
    for (let j = 0; j < x.length; j++) x[j] = candidates.data[r * candidates.cols + j];
    for (const j of layout.immutable) x[j] = x0[j];
    const c = costOf(x, x0, norm);
    if (c >= bestCost || forward(layers, x).logit < margin) continue;
    best = Float64Array.from(x);
    bestCost = c;
    if (firstFound) break;
  }
  return best;
}

const PASSES = 4;
const BISECTIONS = 16;

/**
 * A recourse at most as costly as `start` (itself a recourse): features are moved back to x0's values one at a
 * time, largest change first — a one-hot group or binary column whole, a continuous column as far as the margin
 * allows (bisection) — for a few passes. Every accepted step keeps the logit ≥ margin, so the result is a recourse.
 */
export function polishedStart(
  layers: readonly LayerWeights[],
  x0: ArrayLike<number>,
  layout: FeatureLayout,
  start: ArrayLike<number>,
  margin: number,
): Float64Array {
  const x = Float64Array.from(start);
  const valid = () => forward(layers, x).logit >= margin;
  const items: (readonly number[])[] = [...layout.continuous.map((j) => [j]), ...layout.binary.map((j) => [j]), ...layout.groups];
  const change = (g: readonly number[]) => g.reduce((s, j) => s + Math.abs(x[j] - x0[j]), 0);
  for (let pass = 0; pass < PASSES; pass++) {
    let moved = false;
    for (const g of [...items].sort((a, b) => change(b) - change(a))) {
      if (change(g) === 0) continue;
      const kept = g.map((j) => x[j]);
      for (const j of g) x[j] = x0[j];
      if (valid()) {
        moved = true;
        continue;
      }
      g.forEach((j, k) => (x[j] = kept[k]));
      if (g.length > 1 || layout.binary.includes(g[0])) continue;
      // a continuous column: the point nearest x0 on the segment that is still a recourse
      const [j, far] = [g[0], kept[0]];
      let [inside, outside] = [1, 0]; // fractions of the way from x0 to `far`
      for (let b = 0; b < BISECTIONS; b++) {
        const mid = (inside + outside) / 2;
        x[j] = x0[j] + mid * (far - x0[j]);
        if (valid()) inside = mid;
        else outside = mid;
      }
      x[j] = x0[j] + inside * (far - x0[j]);
      if (inside < 1) moved = true;
    }
    if (!moved) break;
  }
  return x;
}

const GREEDY_STEPS = 300;
/** How far one greedy move takes a continuous column: all the way to a bound, or a small step (either can win). */
const CONTINUOUS_STEPS = [1, 0.05];

/**
 * A recourse reached from x0 by greedy moves, or null: at each step the move with the largest logit gain per unit
 * of cost — a continuous column `stepSize` up or down, a binary column flipped, a one-hot group to another category —
 * until the logit reaches the margin.
 */
export function greedyRecourse(
  layers: readonly LayerWeights[],
  x0: ArrayLike<number>,
  layout: FeatureLayout,
  margin: number,
  stepSize: number,
): Float64Array | null {
  const x = Float64Array.from(x0);
  const moves = (): (readonly (readonly [number, number])[])[] => [
    ...layout.continuous.flatMap((j) => [[[j, Math.max(0, x[j] - stepSize)]], [[j, Math.min(1, x[j] + stepSize)]]] as const),
    ...layout.binary.map((j) => [[j, 1 - x0[j]]] as const),
    ...layout.groups.flatMap((g) => g.map((on) => g.map((j) => [j, j === on ? 1 : 0] as const))),
  ];
  let logit = forward(layers, x).logit;
  for (let step = 0; step < GREEDY_STEPS && logit < margin; step++) {
    let best: { rate: number; move: readonly (readonly [number, number])[]; logit: number } | null = null;
    for (const move of moves()) {
      const kept = move.map(([j]) => x[j]);
      const cost = move.reduce((s, [j, v]) => s + Math.abs(v - x[j]), 0);
      if (cost === 0) continue;
      for (const [j, v] of move) x[j] = v;
      const after = forward(layers, x).logit;
      move.forEach(([j], k) => (x[j] = kept[k]));
      const rate = (after - logit) / cost;
      if (after > logit && (!best || rate > best.rate)) best = { rate, move, logit: after };
    }
    if (!best) return null;
    for (const [j, v] of best.move) x[j] = v;
    logit = best.logit;
  }
  return logit >= margin ? x : null;
}

/** The cheapest of the polished candidate (if any) and the polished greedy walks (those that reach the margin), or null. */
export function startingRecourse(
  layers: readonly LayerWeights[],
  x0: ArrayLike<number>,
  layout: FeatureLayout,
  candidate: Float64Array | null,
  margin: number,
  norm: ExactNorm,
): Float64Array | null {
  const starts = [candidate, ...CONTINUOUS_STEPS.map((step) => greedyRecourse(layers, x0, layout, margin, step))]
    .filter((s): s is Float64Array => s !== null)
    .map((s) => polishedStart(layers, x0, layout, s, margin));
  return starts.reduce<Float64Array | null>((a, s) => (a && costOf(a, x0, norm) <= costOf(s, x0, norm) ? a : s), null);
}
