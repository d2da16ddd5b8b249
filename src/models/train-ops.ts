import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { epsBox, pgdDense, type DenseLayer } from './attack';
import { layerSizes, Net } from './net';
import { effectiveEpochs, pgdAlpha, resolveTrainOptions, usesPgd, type TrainOptions } from './options';
import type { TrainResult } from './train';
import { TrainingData, type Minibatch } from './train-data';
import { lossGrads } from './train-grads';
import { FlatOptimizer } from './train-optimizer';
import { flattenGrads, flattenWeights, layerTensors, paramLayout, ScalarPool, unflattenWeights } from './train-params';

/**
 * The minibatch the optimiser steps on: the clean batch (ERM, eq. 16) or Madry's PGD-k adversarial batch,
 * started at x + ε·u (u the epoch's uniform noise rows) clipped to the ε-ball ∩ [0,1]^d.
 */
function trainingBatch(layers: readonly DenseLayer[], b: Minibatch, o: TrainOptions, pool: ScalarPool): tf.Tensor2D {
  if (!usesPgd(o)) return b.x;
  const e = pool.get(o.eps);
  const { lo, hi } = epsBox(b.x, e, pool);
  const start = tf.minimum(tf.maximum(tf.add(b.x, tf.mul(b.noise!, e)), lo), hi) as tf.Tensor2D;
  const ysAlpha = tf.mul(tf.reshape(b.ys, [-1, 1]), pool.get(pgdAlpha(o))) as tf.Tensor2D;
  return pgdDense(layers, start, lo as tf.Tensor2D, hi as tf.Tensor2D, ysAlpha, o.pgdSteps, pool);
}

/**
 * Trains a model on the [0,1]-scaled split: ERM when ε = 0, Madry ℓ∞ adversarial training (PGD with
 * random start, k steps of size α, projected onto the ε-ball ∩ [0,1]^d) otherwise, or the eq. 16
 * closed form for `lr-closed`. The initial weights depend only on the seed and architecture, so models
 * trained at different ε from the same seed share their initialisation (as Lemma 1 assumes); they also
 * share minibatches and random-start noise. Written with plain tfjs ops, it is the reference of what the
 * fused kernel (trainGrid, trainModel) computes, and the trainer for backends and depths the kernel does
 * not cover. Gradients are analytic for LR and one-hidden-layer MLPs (lossGrads); the only read-back is
 * the epoch loss, once per epoch.
 */
export function trainModelOps(split: Split, opts: Partial<TrainOptions>, onEpoch?: (epoch: number, loss: number) => void): TrainResult {
  const o = resolveTrainOptions(opts);
  const data = new TrainingData(split, o.seed, o.batchSize, usesPgd(o));
  const sizes = layerSizes(o.kind, data.d, { depth: o.depth, width: o.width || 2 * data.d });
  const layout = paramLayout(sizes);
  const epochs = effectiveEpochs(o, data.n);
  const optimizer = new FlatOptimizer(o.optimizer, o.learningRate, epochs * data.steps);
  const pool = new ScalarPool();
  let theta = tf.tensor1d(flattenWeights(layout, Net.initWeights(sizes, data.initSeed)));
  const lossHistory: number[] = [];
  const t0 = performance.now();
  for (let ep = 0; ep < epochs; ep++) {
    let lossSum = tf.scalar(0);
    data.nextEpoch();
    for (const b of data.minibatches()) {
      const [nextTheta, nextLoss] = tf.tidy(() => {
        const layers = layerTensors(layout, theta);
        const x = trainingBatch(layers, b, o, pool);
        const g = lossGrads(layers, { x, ys: b.ys, closedEps: o.kind === 'lr-closed' ? o.eps : null }, pool);
        return [optimizer.step(theta, flattenGrads(g.grads)), tf.add(lossSum, g.lossSum)];
      });
      theta.dispose();
      lossSum.dispose();
      [theta, lossSum] = [nextTheta as tf.Tensor1D, nextLoss as tf.Scalar];
    }
    const epochLoss = lossSum.dataSync()[0] / data.n;
    lossSum.dispose();
    lossHistory.push(epochLoss);
    onEpoch?.(ep, epochLoss);
  }
  const net = new Net(unflattenWeights(layout, theta.dataSync()));
  for (const x of [theta, optimizer, pool, data]) x.dispose();
  return { net, options: o, epochs, steps: epochs * data.steps, lossHistory, trainSeconds: (performance.now() - t0) / 1000 };
}
