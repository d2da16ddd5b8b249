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
import { layerInterval } from '../certificate';

export type CostNorm = 'l1' | 'linf';

export interface MilpOptions {
  readonly norm: CostNorm;
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

/**
 * Pre-activation bounds [l, u] of every hidden layer's units over the box [lo, hi] (interval arithmetic). With a
 * layout, the first layer counts each mutable one-hot group as one choice (its weights' min and max, not their
 * sums), which tightens the bounds of data with many categories several-fold.
 */
export function preActivationBounds(layers: readonly LayerWeights[], lo: ArrayLike<number>, hi: ArrayLike<number>, layout?: FeatureLayout): { l: Float64Array; u: Float64Array }[] {
  const out: { l: Float64Array; u: Float64Array }[] = [];
  let inL: ArrayLike<number> = lo;
  let inU: ArrayLike<number> = hi;
  for (const [k, layer] of layers.slice(0, -1).entries()) {
    const z = layerInterval(layer, inL, inU, k === 0 ? layout?.groups : []);
    out.push(z);
    inL = z.l.map((v) => Math.max(0, v));
    inU = z.u.map((v) => Math.max(0, v));
  }
  return out;
}

/** A point of the input space and its hidden layers' pre-activations. */
interface Forward {
  readonly x: ArrayLike<number>;
  readonly z: readonly Float64Array[];
}

/** The forward pass in float64: every hidden layer's pre-activations and the logit. */
export function forward(layers: readonly LayerWeights[], x: ArrayLike<number>): Forward & { logit: number } {
  const z: Float64Array[] = [];
  let h: ArrayLike<number> = x;
  for (const [k, l] of layers.entries()) {
    const out = new Float64Array(l.outDim);
    for (let o = 0; o < l.outDim; o++) {
      let v = l.b[o];
      for (let i = 0; i < l.inDim; i++) v += h[i] * l.W[i * l.outDim + o];
      out[o] = v;
    }
    if (k === layers.length - 1) return { x, z, logit: out[0] };
    z.push(out);
    h = out.map((v) => Math.max(0, v));
  }
  throw new RecourseError('a network needs at least one layer');
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

/** The program for one factual; `inputs[j]` is the column of feature j. */
function buildProgram(layers: readonly LayerWeights[], x0: ArrayLike<number>, layout: FeatureLayout, o: MilpOptions) {
  const p = new Program();
  const d = layout.d;
  const lo = new Float64Array(d);
  const hi = new Float64Array(d).fill(1);
  for (const j of layout.immutable) lo[j] = hi[j] = x0[j];
  const integral = new Set([...layout.binary, ...layout.groups.flat()]);
  const inputs = Array.from({ length: d }, (_, j) => p.column(lo[j], hi[j], 0, integral.has(j), (f) => f.x[j]));
  let binaries = integral.size;
  for (const g of layout.groups) p.row(g.map((j) => [inputs[j], 1] as const), 1, 1);
  const mutable = Array.from({ length: d }, (_, j) => j).filter((j) => lo[j] !== hi[j]);
  const s = o.norm === 'linf' ? p.column(0, Infinity, 1, false, (f) => costOf(f.x, x0, 'linf')) : -1;
  for (const j of mutable) {
    const t = o.norm === 'l1' ? p.column(0, Infinity, 1, false, (f) => Math.abs(f.x[j] - x0[j])) : s;
    p.row([[t, 1], [inputs[j], -1]], -x0[j], Infinity); // t ≥ x − x0
    p.row([[t, 1], [inputs[j], 1]], x0[j], Infinity); // t ≥ x0 − x
  }
  // each layer's inputs as (column, or null for a unit fixed at 0)
  let prev: (number | null)[] = inputs;
  const bounds = preActivationBounds(layers, lo, hi, layout);
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
        p.row([[h, 1], [a, -u[q]]], -Infinity, 0); // h ≤ u·a
      }
      next.push(h);
    }
    prev = next;
  }
  const out = layers[layers.length - 1];
  p.row(prev.flatMap((c, i) => (c === null ? [] : [[c, out.W[i]] as const])), o.margin - out.b[0], Infinity);
  return { program: p, inputs, binaries };
}

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<Highs> | null = null;

/** The HiGHS WebAssembly module, loaded once per process on first use (about 0.1 s). */
function highs(): Promise<Highs> {
  solver ??= loadHighs();
  return solver;
}

/** Solves the program of one factual; see the module comment. */
export async function reluMilpRecourse(layers: readonly LayerWeights[], x0: ArrayLike<number>, layout: FeatureLayout, o: MilpOptions,
  start?: ArrayLike<number>): Promise<MilpRecourse> {
  const t0 = performance.now();
  const h = await highs();
  const { program: p, inputs, binaries } = buildProgram(layers, x0, layout, o);
  const starts = [0];
  for (const r of p.rows) starts.push(starts[starts.length - 1] + r.idx.length);
  const model = h.createModel({
    numCols: p.cost.length, numRows: p.rows.length, colCost: p.cost, colLower: p.lower, colUpper: p.upper,
    rowLower: p.rows.map((r) => r.lo), rowUpper: p.rows.map((r) => r.hi),
    matrix: { format: 'csr', numRows: p.rows.length, numCols: p.cost.length, starts, indices: p.rows.flatMap((r) => r.idx), values: p.rows.flatMap((r) => r.val) },
    integrality: p.integer as (0 | 1)[],
  });
  try {
    model.options.set({ output_flag: false, time_limit: o.timeLimit, random_seed: 0 });
    // a known recourse (e.g. the closest valid training point) as the first incumbent: at the time limit there is
    // then always a recourse, and the solver prunes with its cost from the start
    if (start) {
      const f = forward(layers, start);
      model.setSolution({ colValue: p.valueAt.map((v) => v(f)) });
    }
    model.run();
    const code = model.getModelStatus();
    const S = h.constants.modelStatus;
    const seconds = (performance.now() - t0) / 1000;
    if (code === S.infeasible) return { status: 'infeasible', x: null, cost: Infinity, lowerBound: Infinity, binaries, seconds };
    if (code !== S.optimal && code !== S.timeLimit) throw new RecourseError(`the exact solver (HiGHS) ended with model status ${code}; report it with the model and factual`);
    const hasPoint = Number(model.info.get('primal_solution_status')) === 2;
    const x = hasPoint ? Float64Array.from(inputs, (c) => model.getSolution().colValue[c]) : null;
    if (x) snapToLayout(x, x0, layout);
    const cost = x ? costOf(x, x0, o.norm) : Infinity;
    const bound = code === S.optimal ? cost : Number(model.info.get('mip_dual_bound'));
    return { status: code === S.optimal ? 'optimal' : 'time-limit', x, cost, lowerBound: Math.max(0, Math.min(bound, cost)), binaries, seconds };
  } finally {
    model.dispose();
  }
}

/**
 * The cheapest candidate that is a recourse for x0 once its immutable columns are set to x0's (candidates are
 * points of the layout, e.g. training rows), or null: a starting solution for the program. `firstFound`: any one
 * that is a recourse (it only asks whether there is one).
 */
export function closestValidPoint(layers: readonly LayerWeights[], x0: ArrayLike<number>, layout: FeatureLayout, candidates: { rows: number; cols: number; data: ArrayLike<number> },
  margin: number, norm: CostNorm, firstFound = false): Float64Array | null {
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

/** ℓ1 or ℓ∞ distance. */
export function costOf(x: ArrayLike<number>, x0: ArrayLike<number>, norm: CostNorm): number {
  let s = 0;
  for (let j = 0; j < x.length; j++) {
    const v = Math.abs(x[j] - x0[j]);
    s = norm === 'l1' ? s + v : Math.max(s, v);
  }
  return s;
}
