import * as tf from '@tensorflow/tfjs';

/**
 * Batched Adam on one [n, d] tensor, with PyTorch's AMSGrad variant (CARLA's optimiser):
 * m ← β1 m + (1−β1) g; v ← β2 v + (1−β2) g²; v̂ ← max(v̂, v) (AMSGrad) or v;
 * step = lr/(1−β1ᵗ) · m / (sqrt(v̂)/sqrt(1−β2ᵗ) + ε). Rows and columns are updated only where `mask` is 1,
 * so frozen rows and immutable columns keep their moments at zero. Call dispose() when done.
 */
export class BatchAdam {
  private m: tf.Tensor2D;
  private v: tf.Tensor2D;
  private vmax: tf.Tensor2D;
  private t = 0;

  constructor(
    shape: [number, number],
    private readonly lr: number,
    private readonly amsgrad = true,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.m = tf.zeros(shape);
    this.v = tf.zeros(shape);
    this.vmax = tf.zeros(shape);
  }

  /** The step to subtract from the variable for gradient g (masked); advances the moments. */
  step(g: tf.Tensor2D, mask: tf.Tensor): tf.Tensor2D {
    this.t++;
    const [m, v, vmax, step] = tf.tidy(() => {
      const gm = tf.mul(g, mask);
      const m = tf.add(tf.mul(this.m, this.beta1), tf.mul(gm, 1 - this.beta1)) as tf.Tensor2D;
      const v = tf.add(tf.mul(this.v, this.beta2), tf.mul(tf.square(gm), 1 - this.beta2)) as tf.Tensor2D;
      const vmax = this.amsgrad ? (tf.maximum(this.vmax, v) as tf.Tensor2D) : v;
      const c1 = this.lr / (1 - this.beta1 ** this.t);
      const c2 = 1 / Math.sqrt(1 - this.beta2 ** this.t);
      const step = tf.mul(tf.div(tf.mul(m, c1), tf.add(tf.mul(tf.sqrt(vmax), c2), this.epsilon)), mask) as tf.Tensor2D;
      return [m, v, this.amsgrad ? vmax : tf.clone(v), step];
    });
    this.m.dispose();
    this.v.dispose();
    this.vmax.dispose();
    // keep: step() may run inside a caller's tf.tidy, which must not dispose the moments
    [this.m, this.v, this.vmax] = [tf.keep(m), tf.keep(v), tf.keep(vmax)];
    return step;
  }

  dispose(): void {
    this.m.dispose();
    this.v.dispose();
    this.vmax.dispose();
  }
}
