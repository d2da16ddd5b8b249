import * as tf from '@tensorflow/tfjs';
import { kernelEnv, type Info, type KernelEnv } from '../train/kernel-env';
import { matMul, scratch, tensorFrom } from '../train/kernel-pgd';
import { optimiseInPlace } from '../../models/train-optimizer';
import type { LayerWeights } from '../../models/dense';
import type { VaeWeights } from '../../recourse/cchvae/vae-weights';

/** One dense layer's place in the flat parameter vector: W [inDim, outDim] row-major from W, the bias from b. */
interface Slot {
  readonly inDim: number;
  readonly outDim: number;
  readonly W: number;
  readonly b: number;
}

/** A minibatch: the mutable columns [rows, m] and the condition [rows, c], row-major. */
export interface VaeBatch {
  readonly rows: number;
  readonly xm: Float32Array;
  readonly cond: Float32Array;
}

/** One step's numbers: β of the KL term and the reparameterisation noise ε [rows, latent]. */
export interface VaeStepInput {
  readonly beta: number;
  readonly noise: Float32Array;
}

/**
 * The C-CHVAE autoencoder's negative ELBO, its gradient and Adam, as JS loops over float32 arrays with the
 * products done by the backend's matMul kernel (docs/methods.md, C-CHVAE training): the tfjs tape would run
 * ~200 engine ops per minibatch, this runs 17 matMuls. The μ and log σ² heads are one [top, 2·latent] layer.
 * Works on the wasm and cpu backends (kernelsAvailable()); everything it allocates on the backend is freed.
 */
export class FusedVaeTrainer {
  private readonly enc: Slot[];
  private readonly head: Slot;
  private readonly dec: Slot[];
  private readonly m: number;
  private readonly c: number;
  private readonly latent: number;
  /** Parameters, their gradient (of the batch mean loss) and Adam's moments. */
  private readonly theta: Float32Array;
  private readonly grad: Float32Array;
  private readonly mom1: Float32Array;
  private readonly mom2: Float32Array;
  private t = 0;

  constructor(
    private readonly template: VaeWeights,
    private readonly learningRate: number,
  ) {
    let size = 0;
    const slot = (inDim: number, outDim: number): Slot => {
      const s = { inDim, outDim, W: size, b: size + inDim * outDim };
      size += inDim * outDim + outDim;
      return s;
    };
    this.m = template.mutableCols.length;
    this.c = template.condCols.length;
    this.latent = template.latent;
    this.enc = template.encoder.map((l) => slot(l.inDim, l.outDim));
    this.head = slot(template.mu.inDim, 2 * this.latent);
    this.dec = template.decoder.map((l) => slot(l.inDim, l.outDim));
    this.theta = new Float32Array(size);
    this.grad = new Float32Array(size);
    this.mom1 = new Float32Array(size);
    this.mom2 = new Float32Array(size);
    const put = (s: Slot, l: LayerWeights) => {
      this.theta.set(l.W, s.W);
      this.theta.set(l.b, s.b);
    };
    template.encoder.forEach((l, i) => put(this.enc[i], l));
    template.decoder.forEach((l, i) => put(this.dec[i], l));
    const L = this.latent;
    for (let i = 0; i < this.head.inDim; i++) {
      for (let j = 0; j < L; j++) {
        this.theta[this.head.W + i * 2 * L + j] = template.mu.W[i * L + j];
        this.theta[this.head.W + i * 2 * L + L + j] = template.logVar.W[i * L + j];
      }
    }
    this.theta.set(template.mu.b, this.head.b);
    this.theta.set(template.logVar.b, this.head.b + L);
  }

  /** One Adam step on the batch; returns the batch's mean loss before the step. */
  step(batch: VaeBatch, input: VaeStepInput): number {
    const loss = this.lossGrads(batch, input);
    optimiseInPlace('adam', this.learningRate, ++this.t, this.theta, this.grad, this.mom1, this.mom2);
    return loss;
  }

  /**
   * mean over rows of BCE(x_m, σ(logits)) summed over columns + β·KL(q(z|x, c) ‖ N(0, I)), z = μ + e^{log σ²/2}·ε;
   * writes its gradient into `grad` and returns it.
   */
  lossGrads(batch: VaeBatch, input: VaeStepInput): number {
    const env = kernelEnv(tf.getBackend(), tf.backend());
    const { rows: B, xm, cond } = batch;
    const { m, c, latent: L } = this;
    // forward: encoder ReLU layers, the joint head, z, the decoder (ReLU, then logits)
    const e0 = scratch('vae-e0', B * (m + c));
    for (let r = 0; r < B; r++) {
      e0.set(xm.subarray(r * m, (r + 1) * m), r * (m + c));
      e0.set(cond.subarray(r * c, (r + 1) * c), r * (m + c) + m);
    }
    const encIn = [e0];
    this.enc.forEach((s, i) => encIn.push(this.dense(env, `enc${i}`, encIn[i], B, s, true)));
    const top = encIn[encIn.length - 1];
    const hd = this.dense(env, 'head', top, B, this.head, false);
    const d0 = scratch('vae-d0', B * (L + c));
    const sd = scratch('vae-sd', B * L);
    let klSum = 0;
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < L; j++) {
        const mu = hd[r * 2 * L + j];
        const lv = hd[r * 2 * L + L + j];
        const s = Math.exp(0.5 * lv);
        sd[r * L + j] = s;
        d0[r * (L + c) + j] = mu + s * input.noise[r * L + j];
        klSum += mu * mu + s * s - lv - 1;
      }
      d0.set(cond.subarray(r * c, (r + 1) * c), r * (L + c) + L);
    }
    const decIn = [d0];
    this.dec.forEach((s, i) => decIn.push(this.dense(env, `dec${i}`, decIn[i], B, s, i < this.dec.length - 1)));
    const logits = decIn[decIn.length - 1];
    // loss and ∂/∂logits of the batch mean: (σ(l) − x)/B
    const inv = 1 / B;
    let bce = 0;
    const dOut = scratch('vae-dlogits', B * m);
    for (let q = 0; q < B * m; q++) {
      const l = logits[q];
      const e = Math.exp(-Math.abs(l));
      bce += Math.max(l, 0) + Math.log1p(e) - xm[q] * l;
      const sig = l >= 0 ? 1 / (1 + e) : e / (1 + e);
      dOut[q] = (sig - xm[q]) * inv;
    }
    // backward through the decoder to ∂z, then the head (reparameterisation and KL), then the encoder
    let d = dOut;
    for (let i = this.dec.length - 1; i >= 0; i--) d = this.denseBack(env, `ddec${i}`, decIn[i], d, B, this.dec[i], i > 0, true);
    const dHd = scratch('vae-dhead', B * 2 * L);
    const kb = input.beta * inv;
    for (let r = 0; r < B; r++) {
      for (let j = 0; j < L; j++) {
        const dz = d[r * (L + c) + j];
        const mu = hd[r * 2 * L + j];
        const s = sd[r * L + j];
        dHd[r * 2 * L + j] = dz + kb * mu;
        dHd[r * 2 * L + L + j] = 0.5 * (dz * input.noise[r * L + j] * s + kb * (s * s - 1));
      }
    }
    d = this.denseBack(env, 'dtop', top, dHd, B, this.head, this.enc.length > 0);
    for (let i = this.enc.length - 1; i >= 0; i--) d = this.denseBack(env, `denc${i}`, encIn[i], d, B, this.enc[i], i > 0);
    return (bce + 0.5 * input.beta * klSum) * inv;
  }

  /** The trained weights, in the layout of the VAE they started from. */
  weights(): VaeWeights {
    return this.asWeights(this.theta);
  }

  /** The last lossGrads's gradient, laid out like the weights. */
  gradients(): VaeWeights {
    return this.asWeights(this.grad);
  }

  private asWeights(vec: Float32Array): VaeWeights {
    const out = (s: Slot): LayerWeights => ({
      inDim: s.inDim,
      outDim: s.outDim,
      W: Array.from(vec.subarray(s.W, s.b)),
      b: Array.from(vec.subarray(s.b, s.b + s.outDim)),
    });
    const L = this.latent;
    const half = (off: number): LayerWeights => {
      const W: number[] = [];
      for (let i = 0; i < this.head.inDim; i++) for (let j = 0; j < L; j++) W.push(vec[this.head.W + i * 2 * L + off + j]);
      return { inDim: this.head.inDim, outDim: L, W, b: Array.from(vec.subarray(this.head.b + off, this.head.b + off + L)) };
    };
    return { ...this.template, encoder: this.enc.map(out), mu: half(0), logVar: half(L), decoder: this.dec.map(out) };
  }

  /** x·W + b (ReLU when `relu`) for x [B, inDim]. */
  private dense(env: KernelEnv, name: string, x: Float32Array, B: number, s: Slot, relu: boolean): Float32Array {
    const out = scratch(`vae-${name}`, B * s.outDim);
    backendMatMul(env, out, x, [B, s.inDim], this.theta.subarray(s.W, s.b), [s.inDim, s.outDim], false, false, this.theta.subarray(s.b, s.b + s.outDim), relu);
    return out;
  }

  /**
   * Backward through y = x·W + b given ∂y [B, outDim]: ∂W = xᵀ∂y and ∂b = Σ_rows ∂y into `grad`; returns ∂x
   * (masked by x > 0 when x is a ReLU output), or the unused ∂y when `needInput` is false (the first layer).
   */
  private denseBack(
    env: KernelEnv,
    name: string,
    x: Float32Array,
    dy: Float32Array,
    B: number,
    s: Slot,
    reluInput: boolean,
    needInput = reluInput,
  ): Float32Array {
    const g = this.grad;
    backendMatMul(env, g.subarray(s.W, s.b), x, [B, s.inDim], dy, [B, s.outDim], true, false, null, false);
    const gb = g.subarray(s.b, s.b + s.outDim);
    gb.fill(0);
    for (let r = 0; r < B; r++) for (let j = 0; j < s.outDim; j++) gb[j] += dy[r * s.outDim + j];
    if (!needInput) return dy;
    const dx = scratch(`vae-${name}`, B * s.inDim);
    backendMatMul(env, dx, dy, [B, s.outDim], this.theta.subarray(s.W, s.b), [s.inDim, s.outDim], false, true, null, false);
    if (reluInput) for (let q = 0; q < dx.length; q++) if (!(x[q] > 0)) dx[q] = 0;
    return dx;
  }
}

/**
 * out ← op(a)·op(b) (+ bias, then ReLU) by the backend's matMul kernel; shapes are before transposing.
 * Operands are transposed in JS: wasm's matMul with transposeA/B set takes a naive path, 5–10× slower than the
 * plain product at these sizes.
 */
function backendMatMul(
  env: KernelEnv,
  out: Float32Array,
  a: Float32Array,
  aShape: [number, number],
  b: Float32Array,
  bShape: [number, number],
  transposeA: boolean,
  transposeB: boolean,
  bias: Float32Array | null,
  relu: boolean,
): void {
  const operand = (role: string, data: Float32Array, [r, c]: [number, number], transpose: boolean): Info =>
    transpose ? tensorFrom(env, [1, c, r], transposed(role, data, r, c)) : tensorFrom(env, [1, r, c], data.subarray(0, r * c));
  // each tensorFrom writes right after its allocation: a later allocation may move the wasm heap under a view
  const A = operand('a', a, aShape, transposeA);
  const Bm = operand('b', b, bShape, transposeB);
  const biasT = bias ? tensorFrom(env, [bias.length], bias) : null;
  const C = matMul(env, A, Bm, biasT, relu);
  const v = env.view(C);
  if (v.length !== out.length) throw new Error(`backendMatMul: product of ${v.length} values for a ${out.length}-value output`);
  out.set(v);
  for (const t of [A, Bm, biasT, C]) if (t) env.free(t);
}

/** The [c, r] transpose of a row-major [r, c] array, in a scratch array per operand role and shape. */
function transposed(role: string, data: Float32Array, r: number, c: number): Float32Array {
  const t = scratch(`vae-transpose-${role}-${r}x${c}`, r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) t[j * r + i] = data[i * c + j];
  return t;
}
