/** Small models and data for the recourse tests (synthetic, trained in well under a second). */
import * as tf from '@tensorflow/tfjs';
import { syntheticDataset } from '../src/data/synthetic';
import type { Dataset } from '../src/data/types';
import { Net } from '../src/models/net';
import { trainModel } from '../src/models/train';
import type { Classifier } from '../src/models/types';
import { logitsOf } from '../src/models/predict';
import { takeRows, type Matrix } from '../src/util/matrix';

/** Synthetic data: 6 features, the last 2 binary, column 0 immutable. */
export function synthetic(seed = 1): Dataset {
  return syntheticDataset({ n: 600, d: 6, binary: 2, immutable: [0], seed });
}

export function trained(ds: Dataset, kind: 'lr' | 'mlp', eps = 0, epochs = 15): Net {
  return trainModel(ds.train, { kind, eps, epochs, seed: 0 }).net;
}

/** A logistic-regression net with the given weights. */
export function linearNet(w: number[], b: number): Net {
  return new Net([{ inDim: w.length, outDim: 1, W: w, b: [b] }]);
}

/** A model whose logit is the same constant everywhere. */
export function constantModel(d: number, logit: number): Classifier {
  return { inputDim: d, logits: (x) => tf.tidy(() => tf.fill([x.shape[0]], logit) as tf.Tensor1D), linear: () => null };
}

/** The first `n` test rows the model predicts negative. */
export function negatives(model: Classifier, x: Matrix, n: number): Matrix {
  const z = logitsOf(model, x);
  return takeRows(x, [...z.keys()].filter((i) => z[i] <= 0).slice(0, n));
}

export function rowOf(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

export function l2(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j] - b[j]) ** 2;
  return Math.sqrt(s);
}
