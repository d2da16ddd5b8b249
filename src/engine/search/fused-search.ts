/**
 * The fused form of the batched gradient search (gradient-search.ts) for objectives it can evaluate in plain
 * JS: dense ReLU nets (SCFE) and per-row linear scores with ROAR's worst-case shift. Forward pass, analytic
 * input gradient, AMSGrad/Adam, masks, clamp and the stopping rules run as loops over typed arrays, one row
 * at a time, skipping rows that have stopped: no tfjs op per step, which is what a search over a few hundred
 * rows of a 13→26→1 net spends its time on otherwise. It reproduces the reference loop step for step, and every
 * operation rounds as the wasm backend's kernel for it does (float32 results, products summed in the kernel's
 * order, its sigmoid and softplus), so on wasm the two loops give identical results; on other backends they
 * differ by float rounding. */
import type { FeatureLayout } from '../../data/layout';
import type { LayerWeights } from '../../models/dense';
import { RecourseError } from '../../util/errors';
import { matrix, type Matrix } from '../../util/matrix';
import type { CostNorm } from '../../recourse/distance';
import { f, sigmoid32, softplus32 } from './fused-math';

/** The loop settings of a gradient search, whatever evaluates its objective. */
export interface SearchLoop {
  factuals: Matrix;
  layout: FeatureLayout;
  lr: number;
  amsgrad: boolean;
  /** Steps per round. */
  maxIter: number;
  /** Rounds (the objective sees the round index, e.g. for a λ schedule). */
  rounds: number;
  /** 'valid': a row stops at its first projected iterate with logit > 0; 'converged': when |Δloss| ≤ threshold; 'none': run to the cap. */
  stop: 'valid' | 'converged' | 'none';
  lossThreshold: number;
  /** Keep the relaxed iterate in [0,1] after every step (CARLA's clamp never took effect: false reproduces it). */
  clamp: boolean;
  /** Project onto binary / one-hot values before evaluating (straight-through); false feeds the relaxed point. */
  project: boolean;
  /** 1 where a column may move; CARLA's frozen binaries = 0 on discrete columns. */
  updateMask: Float32Array;
  /** Called once per row when it meets the stopping rule (for per-row timing). */
  onStop?: (row: number) => void;
}

/** What a gradient search returns. */
export interface SearchOutcome {
  points: Matrix;
  /** Rows that met the stopping rule before the cap. */
  stopped: boolean[];
  iterations: number[];
}

/**
 * The score the fused loop evaluates: dense ReLU nets (row block m of the batch goes through net m, as a
 * NetStack does; one net scores every row), or ROAR's per-row linear score W_i·x̃ + b_i − δ_max(‖x̃‖₁ + 1).
 */
export type FusedModel =
  | { readonly kind: 'dense'; readonly nets: readonly (readonly LayerWeights[])[] }
  | { readonly kind: 'linear-rows'; readonly W: Float32Array; readonly b: Float32Array; readonly deltaMax: number };

/** An objective as data: ℓ_pred(logit) + λ(round)·d(x′, x) with the logit of `model` at the projected point. */
export interface FusedObjective {
  readonly model: FusedModel;
  /** 'bce' = softplus(−logit); 'mse' = (logit − targetLogit)². */
  readonly loss: 'bce' | 'mse';
  readonly targetLogit: number;
  readonly norm: CostNorm;
  readonly lambda: (round: number) => number;
}

/** One dense layer: W row-major (inDim × outDim, the backward pass reads its rows) and its transpose WT (the forward pass). */
interface Layer {
  readonly inDim: number;
  readonly outDim: number;
  readonly W: Float32Array;
  readonly WT: Float32Array;
  readonly b: Float32Array;
}

/**
 * A row's score as the reference evaluates it: `forward` returns the logit at xt; `backward` then writes
 * dz·∂logit/∂xt on the columns in `cols` into g, with the reference's rounding (products summed in order,
 * each rounded to float32, as the backend's matMul and sum kernels do).
 */
interface RowScore {
  forward(row: number, xt: Float32Array): number;
  backward(dz: number, g: Float32Array): void;
}

function layerOf(l: LayerWeights): Layer {
  const W = Float32Array.from(l.W);
  const WT = new Float32Array(W.length);
  for (let j = 0; j < l.inDim; j++) for (let k = 0; k < l.outDim; k++) WT[k * l.inDim + j] = W[j * l.outDim + k];
  return { inDim: l.inDim, outDim: l.outDim, W, WT, b: Float32Array.from(l.b) };
}

/**
 * The backend's matMul sums a product of inner dimension K in one of two orders: straight through (a 2-D
 * product, the forward pass of a Net) or in tiles of 48 whose partial sums are added in turn (a transposed
 * right operand — every input-gradient product — or a batch of several matrices, as a NetStack's forward pass).
 */
const MATMUL_TILE = 48;

/**
 * out[k] = Σ_j in[j]·A[k·stride + j] over the listed j (ascending), for the listed k (all of [0, nk) when ks
 * is null): each product and partial sum rounded to float32, in tiles of MATMUL_TILE when `tiled`, four
 * independent sums at a time so that their rounding chains overlap.
 */
function dotRows(
  A: Float32Array,
  stride: number,
  vin: Float32Array,
  js: Int32Array,
  nj: number,
  ks: Int32Array | null,
  nk: number,
  out: Float32Array,
  tiled: boolean,
): void {
  // ends[t]: the end of tile t's run in js (zeros between them add exact zeros)
  let tiles = 0;
  if (!tiled) tileEnds[tiles++] = nj;
  else
    for (let q = 0, edge = MATMUL_TILE; q < nj; edge += MATMUL_TILE) {
      while (q < nj && js[q] < edge) q++;
      tileEnds[tiles++] = q;
    }
  let c = 0;
  for (; c + 4 <= nk; c += 4) {
    const k0 = ks ? ks[c] : c;
    const k1 = ks ? ks[c + 1] : c + 1;
    const k2 = ks ? ks[c + 2] : c + 2;
    const k3 = ks ? ks[c + 3] : c + 3;
    const r0 = k0 * stride;
    const r1 = k1 * stride;
    const r2 = k2 * stride;
    const r3 = k3 * stride;
    let t0 = 0;
    let t1 = 0;
    let t2 = 0;
    let t3 = 0;
    for (let t = 0, q = 0; t < tiles; t++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (; q < tileEnds[t]; q++) {
        const j = js[q];
        const v = vin[j];
        s0 = f(s0 + f(v * A[r0 + j]));
        s1 = f(s1 + f(v * A[r1 + j]));
        s2 = f(s2 + f(v * A[r2 + j]));
        s3 = f(s3 + f(v * A[r3 + j]));
      }
      t0 = f(t0 + s0);
      t1 = f(t1 + s1);
      t2 = f(t2 + s2);
      t3 = f(t3 + s3);
    }
    out[k0] = t0;
    out[k1] = t1;
    out[k2] = t2;
    out[k3] = t3;
  }
  for (; c < nk; c++) {
    const k = ks ? ks[c] : c;
    const r = k * stride;
    let total = 0;
    for (let t = 0, q = 0; t < tiles; t++) {
      let sum = 0;
      for (; q < tileEnds[t]; q++) sum = f(sum + f(vin[js[q]] * A[r + js[q]]));
      total = f(total + sum);
    }
    out[k] = total;
  }
}

let tileEnds = new Int32Array(64);

/** Indices of the nonzero entries of v[0, n) into idx (zeros add exact zeros to a float sum); returns their count. */
function nonzero(v: Float32Array, n: number, idx: Int32Array): number {
  let m = 0;
  for (let j = 0; j < n; j++) if (v[j] !== 0) idx[m++] = j;
  return m;
}

function denseScore(nets: readonly (readonly LayerWeights[])[], n: number, cols: Int32Array): RowScore {
  const M = nets.length;
  if (n % M !== 0) throw new RecourseError(`a stack of ${M} nets needs M·n input rows (one block per net); got ${n}`);
  const block = n / M;
  const stack: Layer[][] = nets.map((ls) => ls.map(layerOf));
  const depth = stack[0].length;
  const widest = Math.max(...stack[0].map((l) => Math.max(l.inDim, l.outDim)));
  // acts[l] is the input of layer l (acts[0] = xt); grads[l] the gradient w.r.t. the pre-activation feeding it
  const acts: Float32Array[] = stack[0].map((l) => new Float32Array(l.inDim));
  const grads = stack[0].map((l) => new Float32Array(l.inDim));
  const idx = new Int32Array(widest);
  const zOut = new Float32Array(1);
  if (tileEnds.length < widest) tileEnds = new Int32Array(widest);
  // a stack of several nets is one batched product per layer (tiled); one net's forward products are 2-D
  const tiledForward = M > 1;
  let layers = stack[0];
  return {
    forward(row, xt) {
      layers = stack[Math.floor(row / block)];
      acts[0] = xt;
      for (let l = 0; l + 1 < depth; l++) {
        const { inDim, outDim, WT, b } = layers[l];
        const a = acts[l + 1];
        dotRows(WT, inDim, acts[l], idx, nonzero(acts[l], inDim, idx), null, outDim, a, tiledForward);
        for (let k = 0; k < outDim; k++) {
          const pre = f(a[k] + b[k]);
          a[k] = pre > 0 ? pre : 0;
        }
      }
      const out = layers[depth - 1];
      const h = acts[depth - 1];
      dotRows(out.WT, out.inDim, h, idx, nonzero(h, out.inDim, idx), null, 1, zOut, tiledForward);
      return f(zOut[0] + out.b[0]);
    },
    backward(dz, g) {
      const out = layers[depth - 1];
      if (depth === 1) {
        for (let c = 0; c < cols.length; c++) g[cols[c]] = f(dz * out.W[cols[c]]);
        return;
      }
      let gk = grads[depth - 1];
      const h = acts[depth - 1];
      for (let k = 0; k < out.inDim; k++) gk[k] = h[k] > 0 ? f(dz * out.W[k]) : 0;
      for (let l = depth - 2; l >= 0; l--) {
        const { inDim, outDim, W } = layers[l];
        const live = nonzero(gk, outDim, idx);
        if (l === 0) {
          dotRows(W, outDim, gk, idx, live, cols, cols.length, g, true);
          return;
        }
        const below = grads[l];
        dotRows(W, outDim, gk, idx, live, null, inDim, below, true);
        const hl = acts[l];
        for (let j = 0; j < inDim; j++) if (!(hl[j] > 0)) below[j] = 0;
        gk = below;
      }
    },
  };
}

function linearRowsScore(W: Float32Array, b: Float32Array, deltaMax: number, d: number, cols: Int32Array): RowScore {
  const delta = f(deltaMax);
  let o = 0;
  let xr: Float32Array = new Float32Array(d);
  return {
    forward(row, xt) {
      o = row * d;
      xr = xt;
      let score = 0;
      let l1 = 0;
      for (let j = 0; j < d; j++) score = f(score + f(W[o + j] * xt[j]));
      for (let j = 0; j < d; j++) l1 = f(l1 + Math.abs(xt[j]));
      return f(f(score + b[row]) - f(f(l1 + 1) * delta));
    },
    backward(dz, g) {
      // the shift term's gradient −dz·δ·d|x̃|/dx̃, with d|u|/du = 1 for u > 0 and −1 otherwise (tfjs's abs gradient)
      const shift = f(-dz * delta);
      for (let c = 0; c < cols.length; c++) {
        const j = cols[c];
        g[j] = f(f(dz * W[o + j]) + (xr[j] > 0 ? shift : -shift));
      }
    },
  };
}

/** Column roles of a layout as index arrays, and each one-hot group as [start, end) into a flat list. */
interface ProjectionPlan {
  continuous: Int32Array;
  binary: Int32Array;
  immutable: Int32Array;
  groupCols: Int32Array;
  groupEnds: Int32Array;
}

function projectionPlan(l: FeatureLayout): ProjectionPlan {
  const ends: number[] = [];
  l.groups.reduce((e, g) => (ends.push(e + g.length), e + g.length), 0);
  return {
    continuous: Int32Array.from(l.continuous),
    binary: Int32Array.from(l.binary),
    immutable: Int32Array.from(l.immutable),
    groupCols: Int32Array.from(l.groups.flat()),
    groupEnds: Int32Array.from(ends),
  };
}

const clip01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

/** Row o's feasible point into p (as Projector: clip, binaries rounded half to even, arg-max groups, immutables). */
function projectRow(pl: ProjectionPlan, x: Float32Array, x0: Float32Array, o: number, p: Float32Array): void {
  for (let c = 0; c < pl.continuous.length; c++) p[o + pl.continuous[c]] = clip01(x[o + pl.continuous[c]]);
  for (let c = 0; c < pl.binary.length; c++) p[o + pl.binary[c]] = clip01(x[o + pl.binary[c]]) > 0.5 ? 1 : 0;
  for (let g = 0, start = 0; g < pl.groupEnds.length; start = pl.groupEnds[g++]) {
    let best = start;
    for (let c = start + 1; c < pl.groupEnds[g]; c++) if (clip01(x[o + pl.groupCols[c]]) > clip01(x[o + pl.groupCols[best]])) best = c;
    for (let c = start; c < pl.groupEnds[g]; c++) p[o + pl.groupCols[c]] = c === best ? 1 : 0;
  }
  for (let c = 0; c < pl.immutable.length; c++) p[o + pl.immutable[c]] = x0[o + pl.immutable[c]];
}

/**
 * The fused gradient search (see the module comment): the same iterates, stopping decisions, iteration
 * counts and results as gradientSearch's reference loop with the equivalent RowObjective (identical on wasm).
 * A row's onStop fires at the step it stops (the reference reports stops every 10 steps).
 */
export function fusedSearch(s: SearchLoop, obj: FusedObjective): SearchOutcome {
  const { rows: n, cols: d } = s.factuals;
  const x0 = s.factuals.data;
  const x = Float32Array.from(x0);
  const result = Float32Array.from(x0);
  const [m, v, vmax] = [new Float32Array(n * d), new Float32Array(n * d), new Float32Array(n * d)];
  const iterations = new Array<number>(n).fill(0);
  const stopped = new Array<boolean>(n).fill(false);
  const prevLoss = new Float64Array(n).fill(Infinity);
  const cols = Int32Array.from([...s.updateMask.keys()].filter((j) => s.updateMask[j] !== 0));
  const score = obj.model.kind === 'dense' ? denseScore(obj.model.nets, n, cols) : linearRowsScore(obj.model.W, obj.model.b, obj.model.deltaMax, d, cols);
  const plan = projectionPlan(s.layout);
  const xt = new Float32Array(d);
  const g = new Float32Array(d);
  const [b1, c1m, b2, c2m, eps] = [f(0.9), f(1 - 0.9), f(0.999), f(1 - 0.999), f(1e-8)];
  const [l1, l2, bce, converged] = [obj.norm === 'l1', obj.norm === 'l2', obj.loss === 'bce', s.stop === 'converged'];
  const target = f(obj.targetLogit);
  const threshold = f(s.lossThreshold);
  // the step's scalars, set by the loop below before it evaluates the rows
  let [lambda, a1, a2, step] = [0, 0, 0, 0];
  /** Evaluates row i at its current iterate, records it, and takes its Adam step; false once it stops. */
  const evaluate = (i: number, last: boolean): boolean => {
    const o = i * d;
    // every evaluated point of a free row is recorded, so at the cap `result` holds the last iterate
    if (s.project) {
      projectRow(plan, x, x0, o, result);
      for (let j = 0; j < d; j++) xt[j] = f(x[o + j] + f(result[o + j] - x[o + j]));
    } else {
      for (let j = 0; j < d; j++) xt[j] = result[o + j] = x[o + j];
    }
    iterations[i] = step;
    const z = score.forward(i, xt);
    // the distance d(x′, x) on the relaxed iterate, summed in column order (needed by the ℓ2 gradient and the loss)
    let dist = 0;
    if (l2 || converged) {
      for (let j = 0; j < d; j++) {
        const u = f(x[o + j] - x0[o + j]);
        dist = f(dist + (l1 ? Math.abs(u) : f(u * u)));
      }
    }
    const root = l2 ? f(Math.sqrt(f(dist + f(1e-12)))) : 0;
    let stopNow = false;
    if (s.stop === 'valid') stopNow = z > 0;
    else if (converged) {
      const pred = bce ? softplus32(-z) : f(f(z - target) * f(z - target));
      const loss = f(pred + f((l2 ? root : dist) * lambda));
      stopNow = Math.abs(f(loss - prevLoss[i])) <= threshold;
      prevLoss[i] = loss;
    }
    if (stopNow) {
      stopped[i] = true;
      s.onStop?.(i);
      return false;
    }
    if (last) return true;
    score.backward(bce ? -sigmoid32(-z) : f(f(z - target) * 2), g);
    const scale = l2 ? f(lambda / f(root * 2)) : lambda;
    for (let c = 0; c < cols.length; c++) {
      const j = cols[c];
      const p = o + j;
      const u = f(x[p] - x0[p]);
      const gj = f(g[j] + (l1 ? (u > 0 ? lambda : -lambda) : f(scale * f(u * 2))));
      const mp = (m[p] = f(f(m[p] * b1) + f(gj * c1m)));
      const vp = (v[p] = f(f(v[p] * b2) + f(f(gj * gj) * c2m)));
      const vh = s.amsgrad ? (vmax[p] = vp > vmax[p] ? vp : vmax[p]) : vp;
      const nx = f(x[p] - f(f(mp * a1) / f(f(f(Math.sqrt(vh)) * a2) + eps)));
      x[p] = s.clamp ? clip01(nx) : nx;
    }
    return true;
  };
  let active = Int32Array.from({ length: n }, (_, i) => i);
  for (let round = 0, t = 0; round < s.rounds && active.length; round++) {
    lambda = f(obj.lambda(round));
    for (let k = 0; k <= s.maxIter && active.length; k++) {
      const last = k === s.maxIter;
      if (!last) t++;
      a1 = f(s.lr / (1 - 0.9 ** t));
      a2 = f(1 / Math.sqrt(1 - 0.999 ** t));
      let kept = 0;
      for (let q = 0; q < active.length; q++) if (evaluate(active[q], last)) active[kept++] = active[q];
      active = active.subarray(0, kept);
      if (!last) step++;
    }
  }
  return { points: matrix(n, d, result), stopped, iterations };
}
