/**
 * The discrete part of the exact linear recourse: binary columns and one-hot groups as "units" with a few
 * options each, enumerated by depth-first branch and bound over the exact continuous solution (BoxPath).
 */
import type { BoxPath } from './box-path';
import type { FeatureLayout } from '../../data/layout';

export interface UnitOption {
  readonly values: number[];
  /** Squared ℓ2 change of the unit's columns. */
  readonly sqCost: number;
  /** The unit's score contribution Σ w_j v_j. */
  readonly gain: number;
}

export interface DiscreteUnit {
  readonly cols: number[];
  /** Sorted by sqCost ascending. */
  readonly options: UnitOption[];
}

/** One unit per mutable binary column ({0,1}) and per mutable one-hot group (one option per level). */
export function discreteUnits(l: FeatureLayout, x: ArrayLike<number>, w: ArrayLike<number>): DiscreteUnit[] {
  const unit = (cols: number[], valueSets: number[][]): DiscreteUnit => ({
    cols,
    options: valueSets
      .map((values) => ({
        values,
        sqCost: values.reduce((s, v, i) => s + (v - x[cols[i]]) ** 2, 0),
        gain: values.reduce((s, v, i) => s + v * w[cols[i]], 0),
      }))
      .sort((a, b) => a.sqCost - b.sqCost),
  });
  return [
    ...l.binary.map((j) => unit([j], [[0], [1]])),
    ...l.groups.map((g) =>
      unit(
        [...g],
        g.map((_, k) => g.map((__, i) => (i === k ? 1 : 0))),
      ),
    ),
  ];
}

export interface BranchResult {
  /** Option index per unit (in the order of `units`), or null when infeasible. */
  choice: number[] | null;
  /** ν of the continuous part for that choice. */
  nu: number;
  nodes: number;
  optimal: boolean;
}

/**
 * Minimises Σ unit sqCost + continuous sqCost s.t. Σ unit gain + continuous score ≥ target. The bound at a
 * node is the cost so far plus the continuous cost of the target left after giving every open unit its
 * largest gain for free, a valid lower bound, so the result is the exact optimum unless the node cap hits.
 */
export function branchAndBound(unitsIn: DiscreteUnit[], path: BoxPath, target: number, maxNodes: number): BranchResult {
  const order = unitsIn.map((_, k) => k).sort((a, b) => spread(unitsIn[b]) - spread(unitsIn[a]));
  const units = order.map((k) => unitsIn[k]);
  const n = units.length;
  const suffixMaxGain = new Float64Array(n + 1);
  for (let k = n - 1; k >= 0; k--) suffixMaxGain[k] = suffixMaxGain[k + 1] + Math.max(...units[k].options.map((o) => o.gain));
  let best = Infinity;
  let bestChoice: number[] | null = null;
  let nodes = 0;
  const choice = new Array<number>(n).fill(0);
  const visit = (k: number, cost: number, gain: number): void => {
    if (nodes >= maxNodes) return;
    nodes++;
    if (cost + path.costFor(target - gain - suffixMaxGain[k]) >= best) return;
    if (k === n) {
      best = cost + path.costFor(target - gain);
      bestChoice = [...choice];
      return;
    }
    units[k].options.forEach((o, i) => {
      choice[k] = i;
      visit(k + 1, cost + o.sqCost, gain + o.gain);
    });
  };
  visit(0, 0, 0);
  if (!bestChoice) return { choice: null, nu: 0, nodes, optimal: nodes < maxNodes };
  const chosen: number[] = bestChoice;
  const inOriginalOrder = new Array<number>(n);
  order.forEach((k, pos) => (inOriginalOrder[k] = chosen[pos]));
  const gain = units.reduce((s, u, pos) => s + u.options[chosen[pos]].gain, 0);
  return { choice: inOriginalOrder, nu: path.minNu(target - gain) ?? 0, nodes, optimal: nodes < maxNodes };
}

/** How much a unit's options can change the score: the order that prunes best goes first. */
function spread(u: DiscreteUnit): number {
  const g = u.options.map((o) => o.gain);
  return Math.max(...g) - Math.min(...g);
}
