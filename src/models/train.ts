import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { Rng } from '../util/rng';
import { logisticLoss, pgdTensor } from './attack';
import { layerSizes, Net } from './net';
import { effectiveEpochs, resolveTrainOptions, type TrainOptions } from './options';

export interface TrainResult {
  net: Net;
  options: TrainOptions;
  epochs: number;
  /** Optimiser steps taken (N·η in Lemma 1 maps to steps × learning rate for sgd). */
  steps: number;
  /** Mean training loss per epoch (on the adversarial / robust objective being optimised). */
  lossHistory: number[];
  trainSeconds: number;
}

/** Closed-form robust logistic loss of eq. 16: softplus(−(y±(wᵀx + b) − ε‖w‖₁)). */
export function closedFormRobustLoss(net: Net, x: tf.Tensor2D, y: tf.Tensor1D, eps: number): tf.Scalar {
  return tf.tidy(() => {
    const margin = tf.sub(tf.mul(tf.sub(tf.mul(y, 2), 1), net.logits(x)), tf.mul(tf.sum(tf.abs(net.layers[0].W)), eps));
    return tf.mean(tf.softplus(tf.neg(margin))) as tf.Scalar;
  });
}

/**
 * Trains a model on the [0,1]-scaled split: ERM when ε = 0, Madry ℓ∞ adversarial training (PGD with
 * random start, k steps of size α, projected onto the ε-ball ∩ [0,1]^d) otherwise, or the eq. 16
 * closed form for `lr-closed`. The initial weights depend only on the seed and architecture, so models
 * trained at different ε from the same seed share their initialisation (as Lemma 1 assumes).
 */
export function trainModel(split: Split, opts: Partial<TrainOptions>, onEpoch?: (epoch: number, loss: number) => void): TrainResult {
  const o = resolveTrainOptions(opts);
  const n = split.x.rows;
  const d = split.x.cols;
  const rng = new Rng(o.seed);
  const net = Net.init(layerSizes(o.kind, d, { depth: o.depth, width: o.width || 2 * d }), rng.seed());
  const optimizer = o.optimizer === 'adam' ? tf.train.adam(o.learningRate) : tf.train.sgd(o.learningRate);
  const epochs = effectiveEpochs(o, n);
  const alpha = o.pgdStepSize || (2.5 * o.eps) / o.pgdSteps;
  const X = tf.tensor2d(split.x.data, [n, d]);
  const Y = tf.tensor1d(split.y);
  const lossHistory: number[] = [];
  let steps = 0;
  const t0 = performance.now();
  for (let ep = 0; ep < epochs; ep++) {
    const perm = rng.permutation(n);
    const permT = tf.tensor1d(perm, 'int32');
    let lossSum = tf.scalar(0);
    for (let s = 0; s < n; s += o.batchSize) {
      const batchSeed = rng.seed();
      tf.tidy(() => {
        const idx = permT.slice(s, Math.min(o.batchSize, n - s));
        const xb = tf.gather(X, idx) as tf.Tensor2D;
        const yb = tf.gather(Y, idx) as tf.Tensor1D;
        let lossFn: () => tf.Scalar;
        if (o.kind === 'lr-closed') {
          lossFn = () => closedFormRobustLoss(net, xb, yb, o.eps);
        } else {
          const xa = o.eps > 0
            ? pgdTensor(net, xb, yb, { eps: o.eps, steps: o.pgdSteps, stepSize: alpha, randomStart: true, seed: batchSeed })
            : xb;
          lossFn = () => logisticLoss(net.logits(xa), yb);
        }
        const cost = optimizer.minimize(lossFn, true, net.variables)!;
        const next = tf.add(lossSum, tf.mul(cost, idx.shape[0])) as tf.Scalar;
        lossSum.dispose();
        lossSum = tf.keep(next);
      });
      steps++;
    }
    const epochLoss = lossSum.dataSync()[0] / n;
    lossSum.dispose();
    permT.dispose();
    lossHistory.push(epochLoss);
    onEpoch?.(ep, epochLoss);
  }
  X.dispose();
  Y.dispose();
  optimizer.dispose();
  return { net, options: o, epochs, steps, lossHistory, trainSeconds: (performance.now() - t0) / 1000 };
}
