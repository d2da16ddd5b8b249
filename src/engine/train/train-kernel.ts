import * as tf from '@tensorflow/tfjs';
import { optimiseInPlace } from '../../models/train-optimizer';
import { paramLayout, type ParamLayout } from '../../models/train-params';
import { KERNEL_BACKENDS, kernelEnv, type Info, type KernelEnv } from './kernel-env';
import { f, firstLayer, matMul, pgd, scratch, scratchCopy, sigmoid, sign, softplus, tensorFrom, type FirstLayer } from './kernel-pgd';

/** Name of the fused training-step kernel. */
export const TRAIN_STEP_KERNEL = 'RecourseTrainStep';

/** What one fused training step does, for a stack of M models that differ only in ε. */
export interface TrainStepAttrs {
  /** Layer sizes [d, 1] (LR) or [d, h, 1] (one-hidden-layer MLP). */
  sizes: number[];
  /** Training ε of each model. */
  eps: number[];
  /** Per-feature radius scale shared by the models (ε in standard deviations: feature j's radius ε·scaleⱼ), or null. */
  scale?: number[] | null;
  /** PGD step α of each model, and the step count; null when no model runs PGD. */
  pgd: { alpha: number[]; steps: number } | null;
  /** eq. 16's closed-form robust loss (lr-closed) instead of PGD. */
  closed: boolean;
  /** 'adam' / 'sgd' update θ; null returns the gradients instead. */
  optimizer: 'adam' | 'sgd' | null;
  learningRate: number;
  /** 1-based optimiser step (Adam's bias corrections). */
  t: number;
  /** The minibatch: positions [start, start + size) of the epoch's order. */
  start: number;
  size: number;
}

/**
 * The batch loss Σ softplus(−m) and the gradient of its mean for one model (mirrors lossGrads): returns the
 * loss sum and writes ∂/∂θ into `grad`.
 */
function lossGrads(
  env: KernelEnv,
  L: ParamLayout,
  th: Float32Array,
  layer1: FirstLayer | null,
  xa: Float32Array,
  ys: Float32Array,
  closedEps: number | null,
  grad: Float32Array,
  radiusScale: readonly number[] | null = null,
): number {
  const B = ys.length;
  const out = L.layers[L.layers.length - 1];
  const h = out.inDim;
  const wOut = th.subarray(out.W, out.W + h);
  let H: Float32Array = xa;
  let act: Info | null = null;
  let xt: Info | null = null;
  let dpreT: Info | null = null;
  if (layer1) {
    xt = tensorFrom(env, [1, B, L.sizes[0]], xa);
    act = matMul(env, xt, layer1.W, layer1.b, true);
    dpreT = env.alloc([1, h, B]);
    // views last: no allocation until the loops below are done with them
    H = env.view(act);
  }
  let l1 = 0;
  // eq. 16's margin shift ε‖w‖₁, or Σ εⱼ|wⱼ| with per-feature radii εⱼ = ε·scaleⱼ
  if (closedEps !== null && radiusScale) for (let j = 0; j < h; j++) l1 = f(l1 + f(Math.abs(wOut[j]) * f(closedEps * radiusScale[j])));
  else if (closedEps !== null) for (let j = 0; j < h; j++) l1 = f(l1 + Math.abs(wOut[j]));
  const shift = closedEps === null ? 0 : radiusScale ? l1 : f(l1 * f(closedEps));
  const scale = f(-1 / B);
  const dz = scratch('dz', B);
  let lossSum = 0;
  let rSum = 0;
  for (let r = 0; r < B; r++) {
    let z = 0;
    for (let j = 0; j < h; j++) z = f(z + f(H[r * h + j] * wOut[j]));
    z = f(z + th[out.b]);
    const nm = -f(f(ys[r] * z) - shift);
    lossSum = f(lossSum + f(softplus(nm)));
    const s = f(sigmoid(nm));
    rSum = f(rSum + s);
    dz[r] = f(s * f(ys[r] * scale));
  }
  const gOutW = grad.subarray(out.W, out.W + h);
  gOutW.fill(0);
  let db = 0;
  // one pass over the hidden activations: ∂w_out and, for the MLP, ∂pre (stored transposed, [h, B]) and ∂b1
  const D = dpreT ? env.view(dpreT) : null;
  const gb1 = layer1 ? grad.subarray(L.layers[0].b, L.layers[0].b + h) : null;
  gb1?.fill(0);
  for (let r = 0; r < B; r++) {
    const dzr = dz[r];
    for (let j = 0; j < h; j++) {
      const a = H[r * h + j];
      gOutW[j] = f(gOutW[j] + f(a * dzr));
      if (D && gb1) {
        const dp = a > 0 ? f(dzr * wOut[j]) : 0;
        D[j * B + r] = dp;
        gb1[j] = f(gb1[j] + dp);
      }
    }
    db = f(db + dzr);
  }
  if (closedEps !== null && radiusScale) {
    const c = f(rSum / B);
    for (let j = 0; j < h; j++) gOutW[j] = f(gOutW[j] + f(f(sign(wOut[j]) * f(closedEps * radiusScale[j])) * c));
  } else if (closedEps !== null) {
    const c = f(rSum * f(closedEps / B));
    for (let j = 0; j < h; j++) gOutW[j] = f(gOutW[j] + f(sign(wOut[j]) * c));
  }
  grad[out.b] = db;
  if (dpreT && act && xt) {
    // ∂W1ᵀ = ∂preᵀ x: the batch is the matMul's weights (B·d values to pack, half of ∂pre's)
    const d = L.sizes[0];
    const W1 = L.layers[0].W;
    const gW1T = matMul(env, dpreT, xt);
    const G = env.view(gW1T);
    for (let j = 0; j < d; j++) for (let k = 0; k < h; k++) grad[W1 + j * h + k] = G[k * d + j];
    for (const t of [dpreT, gW1T, act, xt]) env.free(t);
  }
  return lossSum;
}

/** Adam / SGD on every element of θ (mirrors FlatOptimizer.step); writes θ, m, v in place. */
function optimise(a: TrainStepAttrs, theta: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array): void {
  optimiseInPlace(a.optimizer as 'adam' | 'sgd', a.learningRate, a.t, theta, grad, m, v);
}

/**
 * One optimiser step for a stack of M models on one minibatch: per model, the PGD batch (or the clean one),
 * the analytic loss gradient, then Adam/SGD. Elementwise work runs as JS loops over the tensors' memory and
 * the MLP's products go to the backend's matMul kernel directly, so the whole step is one engine op.
 * Inputs X [n, d] and YS (y±) [n] (the split), perm [n] (int32, the epoch's order), noise [n, d] (with PGD),
 * theta [M, P], m and v [M, P] (Adam); the minibatch is perm[start, start + size).
 * outputs [θ′, m′, v′, loss] (Adam), [θ′, loss] (SGD) or [∂θ, loss] (optimizer null), loss = Σ batch loss [M].
 */
function trainStep(env: KernelEnv, inputs: Record<string, Info | undefined>, a: TrainStepAttrs): Info[] {
  const L = paramLayout(a.sizes);
  const theta = inputs.theta!;
  const [M, P] = theta.shape;
  const d = L.sizes[0];
  const B = a.size;
  // gather the minibatch rows first: later allocations may move the wasm heap under these views
  const Xv = env.view(inputs.X!);
  const YSv = env.view(inputs.YS!);
  const perm = env.view(inputs.perm!) as unknown as Int32Array;
  const Nv = inputs.noise ? env.view(inputs.noise) : null;
  const x = scratch('x', B * d);
  const ys = scratch('ys', B);
  const noise = Nv ? scratchCopy('noise', Nv.subarray(a.start * d, (a.start + B) * d)) : null;
  for (let i = 0; i < B; i++) {
    const r = perm[a.start + i];
    ys[i] = YSv[r];
    for (let j = 0; j < d; j++) x[i * d + j] = Xv[r * d + j];
  }
  const th = scratchCopy('theta', env.view(theta));
  const grad = scratch('grad', M * P);
  const loss = scratch('loss', M);
  const xa = scratch('xa', x.length);
  for (let i = 0; i < M; i++) {
    const thi = th.subarray(i * P, (i + 1) * P);
    const layer1 = L.layers.length === 2 ? firstLayer(env, L, thi) : null;
    const attacked = a.pgd !== null && !a.closed && a.eps[i] > 0;
    if (attacked) pgd(env, L, thi, layer1, x, noise!, ys, a.eps[i], a.pgd!.alpha[i], a.pgd!.steps, xa, a.scale ?? null);
    loss[i] = lossGrads(env, L, thi, layer1, attacked ? xa : x, ys, a.closed ? a.eps[i] : null, grad.subarray(i * P, (i + 1) * P), a.scale ?? null);
    if (layer1) for (const t of [layer1.W, layer1.b, layer1.WK, layer1.bK, layer1.G]) env.free(t);
  }
  const lossOut = tensorFrom(env, [M], loss);
  if (a.optimizer === null) return [tensorFrom(env, [M, P], grad), lossOut];
  const m = a.optimizer === 'adam' ? scratchCopy('m', env.view(inputs.m!)) : scratch('m', 0);
  const v = a.optimizer === 'adam' ? scratchCopy('v', env.view(inputs.v!)) : scratch('v', 0);
  optimise(a, th, grad, m, v);
  const thOut = tensorFrom(env, [M, P], th);
  if (a.optimizer === 'sgd') return [thOut, lossOut];
  return [thOut, tensorFrom(env, [M, P], m), tensorFrom(env, [M, P], v), lossOut];
}

let registered = false;

/** Registers the fused step kernel for the wasm and cpu backends (once). */
export function registerTrainKernels(): void {
  if (registered) return;
  registered = true;
  for (const backendName of KERNEL_BACKENDS) {
    tf.registerKernel({
      kernelName: TRAIN_STEP_KERNEL,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) =>
        trainStep(kernelEnv(backendName, backend), inputs as Record<string, Info>, attrs as unknown as TrainStepAttrs),
    });
  }
}

/** Runs one fused training step (see trainStep); the outputs are new tensors the caller owns. */
export function fusedTrainStep(
  inputs: { X: tf.Tensor; YS: tf.Tensor; perm: tf.Tensor; noise: tf.Tensor | null; theta: tf.Tensor; m: tf.Tensor | null; v: tf.Tensor | null },
  attrs: TrainStepAttrs,
): tf.Tensor[] {
  registerTrainKernels();
  const named: tf.NamedTensorMap = {};
  for (const [k, t] of Object.entries(inputs)) if (t) named[k] = t;
  return tf.engine().runKernel(TRAIN_STEP_KERNEL, named, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
}
