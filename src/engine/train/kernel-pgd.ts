import * as tf from '@tensorflow/tfjs';
import { paramLayout, type ParamLayout } from '../../models/train-params';
import { KERNEL_BACKENDS, kernelEnv, kernelsAvailable, type Info, type KernelEnv } from './kernel-env';

export const f = Math.fround;
/** Scalar helpers of the fused kernels, on plain numbers: numerically stable softplus and sigmoid, and sign. */
export const softplus = (x: number) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
/** Logistic function without overflow for large |x|. */
export const sigmoid = (x: number) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
/** −1, 0 or 1. */
export const sign = (x: number) => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * v clipped to [l, u] without data-dependent branches (max(v, l) = (v + l + |v − l|)/2; PGD's clips are
 * unpredictable, and a mispredicted branch costs more than the arithmetic). Exact for the float32-derived
 * values PGD clips, whose sums fit a double's mantissa.
 */
export const clip = (v: number, l: number, u: number) => {
  const m = 0.5 * (v + l + Math.abs(v - l));
  return 0.5 * (m + u - Math.abs(m - u));
};

const scratchPool = new Map<string, Float32Array>();

/**
 * A reusable JS work array (the kernel runs once per minibatch: fresh typed arrays each time would be
 * allocated and collected thousands of times). Contents are stale; callers overwrite or fill them.
 */
export function scratch(name: string, size: number): Float32Array {
  let a = scratchPool.get(name);
  if (!a || a.length !== size) scratchPool.set(name, (a = new Float32Array(size)));
  return a;
}

/** A scratch copy of `src`. */
export function scratchCopy(name: string, src: Float32Array): Float32Array {
  const a = scratch(name, src.length);
  a.set(src);
  return a;
}

/** A new backend tensor holding `data`. */
export function tensorFrom(env: KernelEnv, shape: number[], data: ArrayLike<number>): Info {
  const t = env.alloc(shape);
  env.view(t).set(data);
  return t;
}

/** a·b (3-D [1, r, k] × [1, k, c]) by the backend's matMul kernel, optionally + bias and ReLU. */
export function matMul(env: KernelEnv, a: Info, b: Info, bias: Info | null = null, relu = false): Info {
  return env.run(
    '_FusedMatMul',
    { a, b, bias, preluActivationWeights: null },
    { transposeA: false, transposeB: false, activation: relu ? 'relu' : 'linear', leakyreluAlpha: 0 },
  );
}

/** 2¹⁰⁰: scaling by a power of two is exact, so K·(xW + b) has exactly the signs of xW + b. */
const MASK_SCALE = 2 ** 100;

/**
 * One model's first layer as backend tensors: W1 and b1 for the forward pass, and for PGD's ∇ₓ logit
 * = (1[pre > 0] ⊙ w2) W1ᵀ the pair (K·W1, K·b1) and G = W1ᵀ ⊙ w2 / 6: relu6(K·pre) is 6·1[pre > 0]
 * (exactly, unless 0 < pre < 6/K), so x ↦ relu6(x·K·W1 + K·b1)·G is ∇ₓ logit as two fused matMuls
 * with no elementwise pass in between.
 */
export interface FirstLayer {
  W: Info;
  b: Info;
  WK: Info;
  bK: Info;
  G: Info;
}

/** Builds a model's FirstLayer tensors (above) from its flat parameter vector θ, once per PGD attack. */
export function firstLayer(env: KernelEnv, L: ParamLayout, th: Float32Array): FirstLayer {
  const { inDim: d, outDim: h, W, b } = L.layers[0];
  const w2 = L.layers[1].W;
  const G = scratch('G', h * d);
  for (let j = 0; j < d; j++) for (let k = 0; k < h; k++) G[k * d + j] = (th[W + j * h + k] * th[w2 + k]) / 6;
  const WK = scratch('WK', d * h);
  for (let q = 0; q < d * h; q++) WK[q] = th[W + q] * MASK_SCALE;
  const bK = scratch('bK', h);
  for (let k = 0; k < h; k++) bK[k] = th[b + k] * MASK_SCALE;
  return {
    W: tensorFrom(env, [1, d, h], th.subarray(W, W + d * h)),
    b: tensorFrom(env, [h], th.subarray(b, b + h)),
    WK: tensorFrom(env, [1, d, h], WK),
    bK: tensorFrom(env, [h], bK),
    G: tensorFrom(env, [1, h, d], G),
  };
}

/**
 * Madry's PGD for one model (mirrors trainingBatch + pgdDense; per-feature radii ε·scaleⱼ and steps α·scaleⱼ
 * when a scale is given): start x + ε·u clipped to the box
 * [max(x − ε, 0), min(x + ε, 1)] (x itself without noise), then `steps` steps x ← clip(x − sign(∇ₓ logit)·y±α) — in closed form for
 * LR, through the backend's matMul for the MLP. Writes into `xa`.
 */
export function pgd(
  env: KernelEnv,
  L: ParamLayout,
  th: Float32Array,
  layer1: FirstLayer | null,
  x: Float32Array,
  noise: Float32Array | null,
  ys: Float32Array,
  eps: number,
  alpha: number,
  steps: number,
  xa: Float32Array,
  scale: readonly number[] | null = null,
): void {
  const [d] = L.sizes;
  const B = ys.length;
  // the radius and step of each feature: ε and α, or ε·scaleⱼ and α·scaleⱼ (ε in standard deviations)
  const e = scratch('pgd-e', d);
  const al = scratch('pgd-alpha', d);
  for (let j = 0; j < d; j++) {
    e[j] = scale ? f(eps * scale[j]) : f(eps);
    al[j] = scale ? f(alpha * scale[j]) : f(alpha);
  }
  const lo = scratch('lo', B * d);
  const hi = scratch('hi', B * d);
  const ysAlpha = scratch('ysAlpha', B * d);
  for (let q = 0; q < B * d; q++) {
    const ej = e[q % d];
    const l = f(x[q] - ej);
    const u = f(x[q] + ej);
    const s0 = noise ? f(x[q] + f(noise[q] * ej)) : x[q];
    lo[q] = l > 0 ? l : 0;
    hi[q] = u < 1 ? u : 1;
    xa[q] = clip(s0, lo[q], hi[q]);
  }
  for (let r = 0, q = 0; r < B; r++) for (let j = 0; j < d; j++, q++) ysAlpha[q] = f(ys[r] * al[j]);
  if (!layer1) {
    const w = th.subarray(L.layers[0].W, L.layers[0].W + d);
    for (let r = 0, q = 0; r < B; r++) {
      for (let j = 0; j < d; j++, q++) xa[q] = clip(f(xa[q] - f(f(sign(w[j]) * ysAlpha[q]) * steps)), lo[q], hi[q]);
    }
    return;
  }
  const xt = tensorFrom(env, [1, B, d], xa);
  for (let k = 0; k < steps; k++) {
    const mask6 = env.run(
      '_FusedMatMul',
      { a: xt, b: layer1.WK, bias: layer1.bK, preluActivationWeights: null },
      { transposeA: false, transposeB: false, activation: 'relu6', leakyreluAlpha: 0 },
    );
    const g = matMul(env, mask6, layer1.G);
    env.free(mask6);
    const Gx = env.view(g);
    const X = env.view(xt);
    // sign(g)·y±α is exact, and rounding once at the store equals clipping the rounded difference
    for (let q = 0; q < B * d; q++) {
      const gq = Gx[q];
      X[q] = clip(X[q] - ysAlpha[q] * (+(gq > 0) - +(gq < 0)), lo[q], hi[q]);
    }
    env.free(g);
  }
  xa.set(env.view(xt));
  env.free(xt);
}

/** Name of the fused PGD kernel (evaluation: no random start). */
export const PGD_KERNEL = 'RecoursePgd';

/** PGD kernel attributes: the net's layer sizes ([d, 1] or [d, h, 1]), ε, step α and step count. */
export interface PgdAttrs {
  sizes: number[];
  eps: number;
  alpha: number;
  steps: number;
}

let registered = false;

function registerPgdKernel(): void {
  if (registered) return;
  registered = true;
  for (const backendName of KERNEL_BACKENDS) {
    tf.registerKernel({
      kernelName: PGD_KERNEL,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const env = kernelEnv(backendName, backend);
        const a = attrs as unknown as PgdAttrs;
        const { x, ys, theta } = inputs as Record<string, Info>;
        const L = paramLayout(a.sizes);
        const X = scratchCopy('pgd-x', env.view(x));
        const YS = scratchCopy('pgd-ys', env.view(ys));
        const th = scratchCopy('pgd-theta', env.view(theta));
        const layer1 = L.layers.length === 2 ? firstLayer(env, L, th) : null;
        const xa = scratch('pgd-xa', X.length);
        pgd(env, L, th, layer1, X, null, YS, a.eps, a.alpha, a.steps, xa);
        if (layer1) for (const t of [layer1.W, layer1.b, layer1.WK, layer1.bK, layer1.G]) env.free(t);
        return tensorFrom(env, x.shape, xa);
      },
    });
  }
}

/** True when fusedPgd can attack a net of these layer sizes on the active backend. */
export function fusedPgdAvailable(sizes: readonly number[]): boolean {
  return kernelsAvailable() && sizes.length <= 3;
}

/**
 * PGD without random start for a dense net given as flat θ [1, P] (see pgd): one engine op for all
 * `steps` steps. x [n, d], ys = y± [n]; returns the adversarial inputs [n, d] (the caller owns them).
 */
export function fusedPgd(x: tf.Tensor2D, ys: tf.Tensor1D, theta: tf.Tensor2D, attrs: PgdAttrs): tf.Tensor2D {
  registerPgdKernel();
  return tf.engine().runKernel(PGD_KERNEL, { x, ys, theta }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
}
