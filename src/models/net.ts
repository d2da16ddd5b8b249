import * as tf from '@tensorflow/tfjs';
import { RecourseError } from '../util/errors';
import type { Matrix } from '../util/matrix';
import { Rng } from '../util/rng';
import { denseLayer, glorotChain, layerWeights, reluChain, type LayerWeights } from './dense';
import { logitsOf } from './predict';
import type { Classifier } from './types';

export type { LayerWeights };

/**
 * A fully connected ReLU network with one output logit. No hidden layer = logistic regression.
 * Weights are tfjs Variables so training can update them; call dispose() when done.
 */
export class Net implements Classifier {
  readonly inputDim: number;
  readonly layers: { W: tf.Variable; b: tf.Variable }[];

  constructor(weights: readonly LayerWeights[]) {
    if (!weights.length) throw new RecourseError('a network needs at least one layer');
    this.inputDim = weights[0].inDim;
    this.layers = weights.map(denseLayer);
  }

  /** Seeded Glorot-uniform initialisation for layer sizes [d, h1, ..., 1]. */
  static init(sizes: readonly number[], seed: number): Net {
    return new Net(Net.initWeights(sizes, seed));
  }

  /** The weights Net.init would start from, as plain data (zero biases). */
  static initWeights(sizes: readonly number[], seed: number): LayerWeights[] {
    return glorotChain(new Rng(seed), sizes);
  }

  get sizes(): number[] {
    return [this.inputDim, ...this.layers.map((l) => l.b.shape[0])];
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.W, l.b]);
  }

  logits(x: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.reshape(reluChain(x, this.layers), [-1]) as tf.Tensor1D);
  }

  /**
   * ∇ₓ logit for each row, computed analytically (forward pass, then ReLU masks back through the layers).
   * About half the tfjs ops of autodiff; PGD uses it in its inner loop.
   */
  logitInputGradient(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const masks: tf.Tensor2D[] = [];
      let h: tf.Tensor2D = x;
      for (let i = 0; i < this.layers.length - 1; i++) {
        const l = this.layers[i];
        const pre = tf.add(tf.matMul(h, l.W as tf.Tensor2D), l.b) as tf.Tensor2D;
        masks.push(tf.step(pre) as tf.Tensor2D);
        h = tf.relu(pre);
      }
      // gradient w.r.t. the last hidden layer is the output column of W, the same for every row
      let g = tf.reshape(this.layers[this.layers.length - 1].W, [1, -1]) as tf.Tensor2D;
      for (let i = this.layers.length - 2; i >= 0; i--) {
        g = tf.matMul(tf.mul(g, masks[i]) as tf.Tensor2D, this.layers[i].W as tf.Tensor2D, false, true);
      }
      return (g.shape[0] === x.shape[0] ? g : tf.tile(g, [x.shape[0], 1])) as tf.Tensor2D;
    });
  }

  linear(): { w: Float32Array; b: number } | null {
    if (this.layers.length !== 1) return null;
    return { w: this.layers[0].W.dataSync() as Float32Array, b: this.layers[0].b.dataSync()[0] };
  }

  /** Predicted labels (1 when the logit is > 0). */
  predict(x: Matrix): Float32Array {
    return logitsOf(this, x).map((z) => (z > 0 ? 1 : 0));
  }

  /** The weights as plain data (for JSON). */
  weights(): LayerWeights[] {
    return this.layers.map(layerWeights);
  }

  /** This one net's weights (Classifier.denseNets). */
  denseNets(): LayerWeights[][] {
    return [this.weights()];
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}

/** Layer sizes for a model kind: LR = [d, 1]; MLP = [d, h × depth, 1] with h = widthFactor·d by default. */
export function layerSizes(kind: string, d: number, arch: { depth?: number; width?: number } = {}): number[] {
  if (kind === 'lr' || kind === 'lr-closed') return [d, 1];
  const depth = arch.depth ?? 1;
  const width = arch.width ?? 2 * d;
  return [d, ...Array(depth).fill(width), 1];
}

/**
 * M nets of one architecture as one Classifier over M equal row blocks: rows [m·n, (m+1)·n) of an [M·n, d]
 * input go through net m (batched matMuls over the model axis). Lets a batched method — SCFE's gradient
 * search — run for a whole ε grid in one loop on the factuals tiled M times. Call dispose() when done.
 */
export class NetStack implements Classifier {
  readonly inputDim: number;
  private readonly W: tf.Tensor3D[];
  private readonly b: tf.Tensor3D[];

  constructor(nets: readonly Net[]) {
    if (!nets.length) throw new RecourseError('a net stack needs at least one net');
    const sizes = nets[0].sizes.join('→');
    for (const n of nets) {
      if (n.sizes.join('→') !== sizes) throw new RecourseError(`a net stack needs nets of one architecture; got ${sizes} and ${n.sizes.join('→')}`);
    }
    this.inputDim = nets[0].inputDim;
    this.W = nets[0].layers.map((_, i) => tf.stack(nets.map((n) => n.layers[i].W)) as tf.Tensor3D);
    this.b = nets[0].layers.map((_, i) => tf.tidy(() => tf.expandDims(tf.stack(nets.map((n) => n.layers[i].b)), 1) as tf.Tensor3D));
  }

  /** Number of nets (row blocks). */
  get size(): number {
    return this.W[0].shape[0];
  }

  logits(x: tf.Tensor2D): tf.Tensor1D {
    const M = this.size;
    if (x.shape[0] % M !== 0) throw new RecourseError(`a stack of ${M} nets needs M·n input rows (one block per net); got ${x.shape[0]}`);
    return tf.tidy(() => {
      let h = tf.reshape(x, [M, x.shape[0] / M, x.shape[1]]) as tf.Tensor3D;
      this.W.forEach((W, i) => {
        h = tf.add(tf.matMul(h, W), this.b[i]) as tf.Tensor3D;
        if (i < this.W.length - 1) h = tf.relu(h);
      });
      return tf.reshape(h, [-1]) as tf.Tensor1D;
    });
  }

  /** Each net's weights, in row-block order (Classifier.denseNets). */
  denseNets(): LayerWeights[][] {
    const W = this.W.map((w) => w.dataSync());
    const b = this.b.map((x) => x.dataSync());
    return Array.from({ length: this.size }, (_, m) =>
      this.W.map((w, i) => {
        const [, inDim, outDim] = w.shape;
        return {
          inDim,
          outDim,
          W: Array.from(W[i].subarray(m * inDim * outDim, (m + 1) * inDim * outDim)),
          b: Array.from(b[i].subarray(m * outDim, (m + 1) * outDim)),
        };
      }),
    );
  }

  dispose(): void {
    tf.dispose([...this.W, ...this.b]);
  }
}
