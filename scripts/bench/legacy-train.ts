/**
 * The trainer as it was before the speed work (autodiff through optimizer.minimize, tf.train.adam, a gather
 * and a random-start upload per minibatch, PGD through Net.logitInputGradient): the baseline row of the
 * lever table. A bench fixture only; the library trains with trainModel / trainGrid.
 */
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../../src/data/types';
import { closedFormRobustLoss, effectiveEpochs, layerSizes, logisticLoss, Net, resolveTrainOptions, type TrainOptions } from '../../src/models';
import { Rng } from '../../src/util/rng';

function legacyPgd(net: Net, x: tf.Tensor2D, y: tf.Tensor1D, eps: number, steps: number, alpha: number, seed: number): tf.Tensor2D {
  const ys = tf.sub(tf.mul(y, 2), 1).reshape([-1, 1]);
  const lo = tf.maximum(tf.sub(x, eps), 0);
  const hi = tf.minimum(tf.add(x, eps), 1);
  let xa = tf.tidy(() => tf.minimum(tf.maximum(tf.add(x, tf.randomUniform(x.shape, -eps, eps, 'float32', seed)), lo), hi) as tf.Tensor2D);
  for (let k = 0; k < steps; k++) {
    const next = tf.tidy(() => tf.minimum(tf.maximum(tf.sub(xa, tf.mul(tf.sign(tf.mul(net.logitInputGradient(xa), ys)), alpha)), lo), hi) as tf.Tensor2D);
    xa.dispose();
    xa = next;
  }
  tf.dispose([lo, hi, ys]);
  return xa;
}

/** One model, trained the old way; returns the optimiser steps taken. */
export function legacyTrain(split: Split, opts: Partial<TrainOptions>): number {
  const o = resolveTrainOptions(opts);
  const [n, d] = [split.x.rows, split.x.cols];
  const rng = new Rng(o.seed);
  const net = Net.init(layerSizes(o.kind, d, { depth: o.depth, width: o.width || 2 * d }), rng.seed());
  const optimizer = o.optimizer === 'adam' ? tf.train.adam(o.learningRate) : tf.train.sgd(o.learningRate);
  const alpha = o.pgdStepSize || (2.5 * o.eps) / o.pgdSteps;
  const X = tf.tensor2d(split.x.data, [n, d]);
  const Y = tf.tensor1d(split.y);
  let steps = 0;
  for (let ep = 0; ep < effectiveEpochs(o, n); ep++) {
    const permT = tf.tensor1d(rng.permutation(n), 'int32');
    let lossSum = tf.scalar(0);
    for (let s = 0; s < n; s += o.batchSize) {
      const batchSeed = rng.seed();
      tf.tidy(() => {
        const idx = permT.slice(s, Math.min(o.batchSize, n - s));
        const xb = tf.gather(X, idx) as tf.Tensor2D;
        const yb = tf.gather(Y, idx) as tf.Tensor1D;
        const xa = o.kind !== 'lr-closed' && o.eps > 0 ? legacyPgd(net, xb, yb, o.eps, o.pgdSteps, alpha, batchSeed) : xb;
        const lossFn = o.kind === 'lr-closed' ? () => closedFormRobustLoss(net, xb, yb, o.eps) : () => logisticLoss(net.logits(xa), yb);
        const cost = optimizer.minimize(lossFn, true, net.variables)!;
        const next = tf.add(lossSum, tf.mul(cost, idx.shape[0])) as tf.Scalar;
        lossSum.dispose();
        lossSum = tf.keep(next);
      });
      steps++;
    }
    lossSum.dataSync();
    tf.dispose([lossSum, permT]);
  }
  tf.dispose([X, Y]);
  optimizer.dispose();
  net.dispose();
  return steps;
}
