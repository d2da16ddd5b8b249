/**
 * Exact minimal-cost recourse for a ReLU network as a mixed-integer linear program (docs/methods.md, "exact on
 * ReLU networks"), solved by HiGHS in the process. For one factual x0:
 *
 *   minimise   Σ_j t_j (ℓ1) or s (ℓ∞)      with t_j ≥ |x_j − x0_j|, s ≥ |x_j − x0_j|
 *   subject to x in the feature layout: [0,1] box, immutables fixed, binaries and one-hot columns integral,
 *              exactly one column of each one-hot group;
 *              every hidden unit h = relu(z), z = W·h_prev + b, with pre-activation bounds [l, u] from interval
 *              arithmetic over the factual's box: u ≤ 0 → h = 0; l ≥ 0 → h = z; else one binary a and
 *              h ≥ z, h ≤ z − l(1 − a), h ≤ u·a, h ≥ 0 (the big-M form, M from the bounds);
 *              the logit ≥ margin.
 *
 * The program is exact: its optimum is the minimal cost over every point the layout allows that the network
 * predicts positive with that margin. At the time limit HiGHS returns its best point and a proven lower bound.
 */
import type { FeatureLayout } from '../../data/layout';
import type { LayerWeights } from '../../models/dense';
import loadHighs from 'highs';
import { RecourseError } from '../../util/errors';
import { preActivationBounds, type CostBall } from './milp-bounds';
import { costOf, forward, type ExactNorm, type Forward } from './relu-net';

export type { ExactNorm } from './relu-net';

export interface MilpOptions {
  readonly norm: ExactNorm;
  /** Required logit of the recourse. */
  readonly margin: number;
  /** Seconds per factual; at the limit the best point found and the proven lower bound are returned. */
  readonly timeLimit: number;
}

export type MilpStatus = 'optimal' | 'time-limit' | 'infeasible';

export interface MilpRecourse {
  /** 'infeasible': no point of the layout reaches the margin (no recourse exists); 'time-limit': see lowerBound. */
  readonly status: MilpStatus;
  /** The recourse (null when none was found). */
  readonly x: Float64Array | null;
  /** Its cost in the chosen norm (Infinity when none was found). */
  readonly cost: number;
  /** A proven lower bound on the minimal cost (= cost when optimal, Infinity when infeasible). */
  readonly lowerBound: number;
  /** Binary variables of the program: one per unstable hidden unit plus the binary and one-hot columns. */
  readonly binaries: number;
  readonly seconds: number;
}

/** A program under construction: columns with bounds, cost and type; rows as sparse lower ≤ a·x ≤ upper. */
class Program {
  readonly cost: number[] = [];
  readonly lower: number[] = [];
  readonly upper: number[] = [];
  readonly integer: number[] = [];
  readonly rows: { idx: number[]; val: number[]; lo: number; hi: number }[] = [];
  /** Each column's value at a given point of the input space (for a starting solution). */
  readonly valueAt: ((f: Forward) => number)[] = [];

  column(lo: number, hi: number, cost: number, integer: boolean, valueAt: (f: Forward) => number): number {
    this.cost.push(cost);
    this.lower.push(lo);
    this.upper.push(hi);
    this.integer.push(integer ? 1 : 0);
    this.valueAt.push(valueAt);
    return this.cost.length - 1;
  }

  row(terms: readonly (readonly [number, number])[], lo: number, hi: number): void {
    const kept = terms.filter(([, v]) => v !== 0);
    this.rows.push({ idx: kept.map(([c]) => c), val: kept.map(([, v]) => v), lo, hi });
  }
}

/**
 * The program for one factual; `inputs[j]` is the column of feature j. With a ball (a known recourse's cost),
 * the cost is capped at its radius and the bounds are taken over it.
 */
function buildProgram(layers: readonly LayerWeights[], x0: ArrayLike<number>, layout: FeatureLayout, o: MilpOptions, ball?: CostBall) {
  const p = new Program();
  const d = layout.d;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d).fill(1);
  for (const j of layout.immutable) lo[j] = hi[j] = x0[j];
  const integral = new Set([...layout.binary, ...layout.groups.flat()]);
  const inputs = Array.from({ length: d }, (_, j) => p.column(lo[j], hi[j], 0, integral.has(j), (f) => f.x[j]));
  let binaries = integral.size;
  for (const g of layout.groups)
    p.row(
      g.map((j) => [inputs[j], 1] as const),
      1,
      1,
    );
  const mutable = Array.from({ length: d }, (_, j) => j).filter((j) => lo[j] !== hi[j]);
  const s = o.norm === 'linf' ? p.column(0, ball?.radius ?? Infinity, 1, false, (f) => costOf(f.x, x0, 'linf')) : -1;
  const perFeature: number[] = [];
  for (const j of mutable) {
    const t = o.norm === 'l1' ? p.column(0, Infinity, 1, false, (f) => Math.abs(f.x[j] - x0[j])) : s;
    perFeature.push(t);
    p.row(
      [
        [t, 1],
        [inputs[j], -1],
      ],
      -x0[j],
      Infinity,
    ); // t ≥ x − x0
    p.row(
      [
        [t, 1],
        [inputs[j], 1],
      ],
      x0[j],
      Infinity,
    ); // t ≥ x0 − x
  }
  if (ball && o.norm === 'l1')
    p.row(
      perFeature.map((t) => [t, 1] as const),
      -Infinity,
      ball.radius,
    ); // Σ t ≤ the known cost
  // each layer's inputs as (column, or null for a unit fixed at 0)
  let prev: (number | null)[] = inputs;
  const bounds = preActivationBounds(layers, lo, hi, layout, ball);
  for (const [k, layer] of layers.slice(0, -1).entries()) {
    const { l, u } = bounds[k];
    const next: (number | null)[] = [];
    for (let q = 0; q < layer.outDim; q++) {
      if (u[q] <= 0) {
        next.push(null);
        continue;
      }
      const z = prev.flatMap((c, i) => (c === null ? [] : [[c, layer.W[i * layer.outDim + q]] as const]));
      const h = p.column(Math.max(0, l[q]), u[q], 0, false, (f) => Math.max(0, f.z[k][q]));
      const minusZ = z.map(([c, w]) => [c, -w] as const);
      if (l[q] >= 0) {
        p.row([[h, 1], ...minusZ], layer.b[q], layer.b[q]); // h = z
      } else {
        const a = p.column(0, 1, 0, true, (f) => (f.z[k][q] > 0 ? 1 : 0));
        binaries++;
        p.row([[h, 1], ...minusZ], layer.b[q], Infinity); // h ≥ z
        p.row([[h, 1], ...minusZ, [a, -l[q]]], -Infinity, layer.b[q] - l[q]); // h ≤ z − l(1 − a)
        p.row(
          [
            [h, 1],
            [a, -u[q]],
          ],
          -Infinity,
          0,
        ); // h ≤ u·a
      }
      next.push(h);
    }
    prev = next;
  }
  const out = layers[layers.length - 1];
  p.row(
    prev.flatMap((c, i) => (c === null ? [] : [[c, out.W[i]] as const])),
    o.margin - out.b[0],
    Infinity,
  );
  return { program: p, inputs, binaries };
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<Highs> | null = null;

/** The HiGHS WebAssembly module, loaded once per process on first use (about 0.1 s). */
function highs(): Promise<Highs> {
  solver ??= loadHighs();
  return solver;
}

/** How far below the margin a solver's point may land by float64 rounding and still count as reaching it. */
const MARGIN_ROUNDING = 1e-9;

/** The first solve's share of the time limit; each later one gets twice the one before, the last the rest. */
const FIRST_SLICE = 1 / 16;

/**
 * Solves the program of one factual; see the module comment. With a start (a known recourse), in slices of the
 * time limit: when a slice ends with a recourse cheaper than the one it started from, the program is rebuilt
 * over the smaller ball of that cost (tighter bounds, fewer unstable units) and solved again from it.
 */
export async function reluMilpRecourse(
  layers: readonly LayerWeights[],
  x0: ArrayLike<number>,
  layout: FeatureLayout,
  o: MilpOptions,
  start?: ArrayLike<number>,
): Promise<MilpRecourse> {
  const t0 = performance.now();
  const elapsed = () => (performance.now() - t0) / 1000;
  if (!start) return { ...(await solveOnce(layers, x0, layout, o, o.timeLimit)), seconds: elapsed() };
  let best: Float64Array = Float64Array.from(start);
  let bestCost = costOf(best, x0, o.norm);
  let lowerBound = 0;
  let slice = o.timeLimit * FIRST_SLICE;
  for (;;) {
    const left = o.timeLimit - elapsed();
    const last = left <= 2 * slice;
    const r = await solveOnce(layers, x0, layout, o, last ? Math.max(left, 1e-3) : slice, best);
    // with a start the program holds a recourse, so "infeasible" is the solver's tolerance: the start stays, unproven
    const cheaper = r.x !== null && r.cost < bestCost && forward(layers, r.x).logit >= o.margin - MARGIN_ROUNDING;
    if (cheaper) [best, bestCost] = [r.x as Float64Array, r.cost];
    if (r.status === 'optimal' && cheaper) return { ...r, seconds: elapsed() };
    // every slice's bound holds for the optimum: it lies in each slice's ball
    if (r.status !== 'infeasible') lowerBound = Math.max(lowerBound, r.lowerBound);
    if (r.status === 'optimal' || lowerBound >= bestCost) {
      return { status: 'optimal', x: best, cost: bestCost, lowerBound: bestCost, binaries: r.binaries, seconds: elapsed() };
    }
    if (last || elapsed() >= o.timeLimit) {
      return { status: 'time-limit', x: best, cost: bestCost, lowerBound: Math.min(lowerBound, bestCost), binaries: r.binaries, seconds: elapsed() };
    }
    slice *= 2;
  }
}

/** One solve of the program (over the ball of the start's cost when there is a start). */
async function solveOnce(
  layers: readonly LayerWeights[],
  x0: ArrayLike<number>,
  layout: FeatureLayout,
  o: MilpOptions,
  timeLimit: number,
  start?: ArrayLike<number>,
): Promise<Omit<MilpRecourse, 'seconds'>> {
  const h = await highs();
  // the ball a hair wider than the start's cost, so the start stays inside the float64 rounding of the bounds
  const ball: CostBall | undefined = start ? { x0, radius: costOf(start, x0, o.norm) * (1 + 1e-9) + 1e-9, norm: o.norm } : undefined;
  const { program: p, inputs, binaries } = buildProgram(layers, x0, layout, o, ball);
  const starts = [0];
  for (const r of p.rows) starts.push(starts[starts.length - 1] + r.idx.length);
  const model = h.createModel({
    numCols: p.cost.length,
    numRows: p.rows.length,
    colCost: p.cost,
    colLower: p.lower,
    colUpper: p.upper,
    rowLower: p.rows.map((r) => r.lo),
    rowUpper: p.rows.map((r) => r.hi),
    matrix: {
      format: 'csr',
      numRows: p.rows.length,
      numCols: p.cost.length,
      starts,
      indices: p.rows.flatMap((r) => r.idx),
      values: p.rows.flatMap((r) => r.val),
    },
    integrality: p.integer as (0 | 1)[],
  });
  try {
    model.options.set({ output_flag: false, time_limit: timeLimit, random_seed: 0 });
    // the known recourse as the first incumbent: at the time limit there is then always a recourse
    if (start) {
      const f = forward(layers, start);
      model.setSolution({ colValue: p.valueAt.map((v) => v(f)) });
    }
    model.run();
    const code = model.getModelStatus();
    const S = h.constants.modelStatus;
    if (code === S.infeasible) return { status: 'infeasible', x: null, cost: Infinity, lowerBound: Infinity, binaries };
    if (code !== S.optimal && code !== S.timeLimit)
      throw new RecourseError(`the exact solver (HiGHS) ended with model status ${code}; report it with the model and factual`);
    const hasPoint = Number(model.info.get('primal_solution_status')) === 2;
    const x = hasPoint ? Float64Array.from(inputs, (c) => model.getSolution().colValue[c]) : null;
    if (x) snapToLayout(x, x0, layout);
    const cost = x ? costOf(x, x0, o.norm) : Infinity;
    const bound = code === S.optimal ? cost : Number(model.info.get('mip_dual_bound'));
    return { status: code === S.optimal ? 'optimal' : 'time-limit', x, cost, lowerBound: Math.max(0, Math.min(bound, cost)), binaries };
  } finally {
    model.dispose();
  }
}

/** Removes the solver's tolerance from a solution: integral columns rounded, the box clipped, immutables exact. */
function snapToLayout(x: Float64Array, x0: ArrayLike<number>, layout: FeatureLayout): void {
  for (let j = 0; j < x.length; j++) x[j] = Math.min(1, Math.max(0, x[j]));
  for (const j of layout.binary) x[j] = x[j] > 0.5 ? 1 : 0;
  for (const g of layout.groups) {
    const best = g.reduce((a, j) => (x[j] > x[a] ? j : a), g[0]);
    for (const j of g) x[j] = j === best ? 1 : 0;
  }
  for (const j of layout.immutable) x[j] = x0[j];
}
