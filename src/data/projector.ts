import * as tf from '@tensorflow/tfjs';
import type { FeatureLayout } from './layout';

/**
 * The tensor twin of projectRows for batched gradient methods: maps a relaxed batch onto the feasible set
 * (continuous columns clipped to [0,1], binary columns rounded, one-hot groups set to their arg-max,
 * immutables taken from the factuals). All groups are handled by one padded gather + argMax + oneHot,
 * so the op count does not grow with the number of groups. Call dispose() when done.
 */
export class Projector {
  private readonly cont: tf.Tensor2D;
  private readonly bin: tf.Tensor2D;
  private readonly fixedPart: tf.Tensor2D;
  private readonly groupIdx: tf.Tensor1D | null;
  private readonly placement: tf.Tensor2D | null;
  private readonly nGroups: number;
  private readonly width: number;

  constructor(layout: FeatureLayout, factuals: tf.Tensor2D) {
    const d = layout.d;
    const cont = new Float32Array(d);
    layout.continuous.forEach((j) => (cont[j] = 1));
    const bin = new Float32Array(d);
    layout.binary.forEach((j) => (bin[j] = 1));
    const imm = new Float32Array(d);
    layout.immutable.forEach((j) => (imm[j] = 1));
    this.cont = tf.tensor2d(cont, [1, d]);
    this.bin = tf.tensor2d(bin, [1, d]);
    this.fixedPart = tf.tidy(() => tf.mul(factuals, tf.tensor2d(imm, [1, d])) as tf.Tensor2D);
    this.nGroups = layout.groups.length;
    this.width = Math.max(0, ...layout.groups.map((g) => g.length));
    if (this.nGroups) {
      const idx = new Int32Array(this.nGroups * this.width).fill(d); // column d = padding, always −1
      const place = new Float32Array(this.nGroups * this.width * d);
      layout.groups.forEach((g, k) => g.forEach((j, i) => {
        idx[k * this.width + i] = j;
        place[(k * this.width + i) * d + j] = 1;
      }));
      this.groupIdx = tf.tensor1d(idx, 'int32');
      this.placement = tf.tensor2d(place, [this.nGroups * this.width, d]);
    } else {
      this.groupIdx = null;
      this.placement = null;
    }
  }

  /** The feasible point of each relaxed row (not differentiable; use with a straight-through offset). */
  project(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const c = tf.clipByValue(x, 0, 1);
      let out = tf.add(tf.add(tf.mul(c, this.cont), tf.mul(tf.round(c), this.bin)), this.fixedPart);
      if (this.groupIdx && this.placement) {
        const n = x.shape[0];
        const padded = tf.concat([c, tf.fill([n, 1], -1)], 1);
        const g = tf.reshape(tf.gather(padded, this.groupIdx, 1), [n, this.nGroups, this.width]);
        const oneHot = tf.reshape(tf.oneHot(tf.argMax(g, 2) as tf.Tensor2D, this.width), [n, this.nGroups * this.width]);
        out = tf.add(out, tf.matMul(tf.cast(oneHot, 'float32'), this.placement));
      }
      return out as tf.Tensor2D;
    });
  }

  dispose(): void {
    for (const t of [this.cont, this.bin, this.fixedPart, this.groupIdx, this.placement]) t?.dispose();
  }
}
