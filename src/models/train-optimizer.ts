import * as tf from '@tensorflow/tfjs';

export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
/** tf.train.adam's default ε on float32 backends (PyTorch's default is 1e-8). */
export const ADAM_EPSILON = 1e-7;

/** Step t's (1-based) aₜ = lr/(1−β1ᵗ) (lr for SGD) and bₜ = 1/√(1−β2ᵗ), rounded to float32. */
export function adamStepSizes(kind: 'adam' | 'sgd', learningRate: number, t: number): { a: number; b: number } {
  return {
    a: Math.fround(kind === 'adam' ? learningRate / (1 - ADAM_BETA1 ** t) : learningRate),
    b: Math.fround(1 / Math.sqrt(1 - ADAM_BETA2 ** t)),
  };
}

/**
 * FlatOptimizer's update as a JS loop over float32 arrays (every operation rounded to float32, so it equals the
 * tensor version): step t (1-based) writes θ and, for Adam, the moments m and v in place.
 */
export function optimiseInPlace(
  kind: 'adam' | 'sgd',
  learningRate: number,
  t: number,
  theta: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
): void {
  const f = Math.fround;
  const { a: at, b: bt } = adamStepSizes(kind, learningRate, t);
  if (kind === 'sgd') {
    for (let q = 0; q < theta.length; q++) theta[q] = f(theta[q] - f(grad[q] * at));
    return;
  }
  const [b1, c1, b2, c2, eps] = [f(ADAM_BETA1), f(1 - ADAM_BETA1), f(ADAM_BETA2), f(1 - ADAM_BETA2), f(ADAM_EPSILON)];
  const first = t === 1;
  for (let q = 0; q < theta.length; q++) {
    const g = grad[q];
    const mq = first ? f(g * c1) : f(f(m[q] * b1) + f(g * c1));
    const vq = first ? f(f(g * g) * c2) : f(f(v[q] * b2) + f(f(g * g) * c2));
    m[q] = mq;
    v[q] = vq;
    theta[q] = f(theta[q] - f(f(mq * at) / f(f(f(Math.sqrt(vq)) * bt) + eps)));
  }
}

/**
 * Adam (or plain SGD) on one flat parameter tensor θ — [P] for one model or [M, P] for a stack of models,
 * every element updated independently, so a stack steps exactly like its models stepped alone:
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; θ ← θ − aₜ·m / (bₜ·√v + ε) with aₜ = lr/(1−β1ᵗ),
 * bₜ = 1/√(1−β2ᵗ) (tf.train.adam's update). aₜ and bₜ for every step are uploaded once, at construction,
 * so a step transfers nothing between JS and the backend. Call dispose() when done.
 */
export class FlatOptimizer {
  private m: tf.Tensor | null = null;
  private v: tf.Tensor | null = null;
  private t = 0;
  private readonly consts: tf.Scalar[];
  private readonly a: tf.Tensor1D;
  private readonly b: tf.Tensor1D;

  constructor(
    private readonly kind: 'adam' | 'sgd',
    learningRate: number,
    totalSteps: number,
  ) {
    const a = new Float32Array(totalSteps);
    const b = new Float32Array(totalSteps);
    for (let t = 1; t <= totalSteps; t++) ({ a: a[t - 1], b: b[t - 1] } = adamStepSizes(kind, learningRate, t));
    this.a = tf.tensor1d(a);
    this.b = tf.tensor1d(b);
    this.consts = [ADAM_BETA1, 1 - ADAM_BETA1, ADAM_BETA2, 1 - ADAM_BETA2, ADAM_EPSILON].map((c) => tf.scalar(c));
  }

  /** The updated θ (a new tensor; the caller disposes the old one). Advances the moments. */
  step(theta: tf.Tensor, grad: tf.Tensor): tf.Tensor {
    if (this.t >= this.a.shape[0]) throw new Error(`FlatOptimizer: more steps than the ${this.a.shape[0]} it was built for`);
    const t = this.t++;
    return tf.tidy(() => {
      const at = tf.slice(this.a, t, 1);
      if (this.kind === 'sgd') return tf.sub(theta, tf.mul(grad, at));
      const [b1, c1, b2, c2, eps] = this.consts;
      const m = this.m ? tf.add(tf.mul(this.m, b1), tf.mul(grad, c1)) : tf.mul(grad, c1);
      const v = this.v ? tf.add(tf.mul(this.v, b2), tf.mul(tf.square(grad), c2)) : tf.mul(tf.square(grad), c2);
      const next = tf.sub(theta, tf.div(tf.mul(m, at), tf.add(tf.mul(tf.sqrt(v), tf.slice(this.b, t, 1)), eps)));
      this.m?.dispose();
      this.v?.dispose();
      // keep: the moments outlive this tidy
      this.m = tf.keep(m);
      this.v = tf.keep(v);
      return next;
    });
  }

  dispose(): void {
    for (const x of [this.m, this.v, this.a, this.b, ...this.consts]) x?.dispose();
  }
}
