import * as tf from '@tensorflow/tfjs';
import type { Matrix } from '../util/matrix';
import type { Classifier } from './types';

/** Model logits for every row of a matrix, evaluated in batches (no tensors left behind). */
export function logitsOf(model: Classifier, x: Matrix | { data: Float32Array; rows: number; cols: number }, batch = 65_536): Float32Array {
  const out = new Float32Array(x.rows);
  for (let s = 0; s < x.rows; s += batch) {
    const e = Math.min(x.rows, s + batch);
    const z = tf.tidy(() => model.logits(tf.tensor2d(x.data.subarray(s * x.cols, e * x.cols), [e - s, x.cols])));
    out.set(z.dataSync(), s);
    z.dispose();
  }
  return out;
}
