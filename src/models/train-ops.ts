import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { epsBox, pgdDense, radiusTensor, type DenseLayer } from './attack';
import { featureRadii, radiusScaleFor } from './radius';
import { layerSizes, Net } from './net';
import { effectiveEpochs, pgdAlpha, resolveTrainOptions, usesPgd, type TrainOptions } from './options';
import { classWeights, type TrainResult } from './train-result';
import { takeRows } from '../util/matrix';
import { Rng } from '../util/rng';
import { TrainingData, type Minibatch } from './train-data';
import { lossGrads } from './train-grads';
import { FlatOptimizer } from './train-optimizer';
import { flattenGrads, flattenWeights, layerTensors, paramLayout, ScalarPool, unflattenWeights } from './train-params';

/**
 * The minibatch the optimiser steps on: the clean batch (ERM, eq. 16) or Madry's PGD-k adversarial batch,
 * started at x + ε·u (u the epoch's uniform noise rows) clipped to the ε-ball ∩ [0,1]^d.
 */
function trainingBatch(layers: readonly DenseLayer[], b: Minibatch, o: TrainOptions, pool: ScalarPool, scale: Float32Array | null): tf.Tensor2D {
  if (!usesPgd(o)) return b.x;
  const d = b.x.shape[1];
  const e = radiusTensor(o.eps, scale, d, pool);
  const { lo, hi } = epsBox(b.x, e, pool);
  const start = tf.minimum(tf.maximum(tf.add(b.x, tf.mul(b.noise!, e)), lo), hi) as tf.Tensor2D;
  const ysAlpha = tf.mul(tf.reshape(b.ys, [-1, 1]), radiusTensor(pgdAlpha(o), scale, d, pool)) as tf.Tensor2D;
  return pgdDense(layers, start, lo as tf.Tensor2D, hi as tf.Tensor2D, ysAlpha, o.pgdSteps, pool);
}

/** The training split, or (protocol 'selected') a seeded split into fitting and held-out validation rows. */
export function splitForProtocol(split: Split, o: TrainOptions): { fit: Split; val: Split | null } {
  if (o.protocol !== 'selected') return { fit: split, val: null };
  const perm = Array.from(new Rng(o.seed + 7919).permutation(split.x.rows));
  const nVal = Math.max(1, Math.round(o.validationShare * split.x.rows));
  const pick = (idx: number[]): Split => ({ x: takeRows(split.x, idx), y: Float32Array.from(idx, (i) => split.y[i]) });
  return { fit: pick(perm.slice(nVal).sort((a, b) => a - b)), val: pick(perm.slice(0, nVal).sort((a, b) => a - b)) };
}

/** The class weights of a split as the loss takes them, or null. */
function lossWeights(split: Split, o: TrainOptions): { pos: number; neg: number } | null {
  const w = classWeights(split.y, o.classWeight);
  if (!w) return null;
  const at = (label: number) => w[split.y.findIndex((v) => v === label)] ?? 0;
  return { pos: at(1), neg: at(0) };
}

/**
 * Trains a model on the [0,1]-scaled split: ERM when ε = 0, Madry ℓ∞ adversarial training (PGD with
 * random start, k steps of size α, projected onto the ε-ball ∩ [0,1]^d) otherwise, or the eq. 16
 * closed form for `lr-closed`. The initial weights depend only on the seed and architecture, so models
 * trained at different ε from the same seed share their initialisation (as Lemma 1 assumes); they also
 * share minibatches and random-start noise. Written with plain tfjs ops, it is the reference of what the
 * fused kernel (trainGrid, trainModel) computes, and the trainer for backends and depths the kernel does
 * not cover, including the setup variants: class-weighted losses, and the 'selected' protocol, which holds out
 * a validation split and keeps the epoch whose validation objective (PGD from the clean point, so epochs are
 * compared on equal terms) is lowest. Gradients are analytic for LR and one-hidden-layer MLPs (lossGrads); the
 * only read-backs are the epoch loss and, when selecting, the validation loss, once per epoch.
 */
export function trainModelOps(split: Split, opts: Partial<TrainOptions>, onEpoch?: (epoch: number, loss: number) => void): TrainResult {
  const o = resolveTrainOptions(opts);
  const scale = radiusScaleFor(o, split);
  const closedEps = o.kind !== 'lr-closed' ? null : scale ? featureRadii(o.eps, scale, split.x.cols) : o.eps;
  const { fit, val } = splitForProtocol(split, o);
  const weights = lossWeights(fit, o);
  const data = new TrainingData(fit, o.seed, o.batchSize, usesPgd(o));
  const sizes = layerSizes(o.kind, data.d, { depth: o.depth, width: o.width || 2 * data.d });
  const layout = paramLayout(sizes);
  const epochs = effectiveEpochs(o, data.n);
  const optimizer = new FlatOptimizer(o.optimizer, o.learningRate, epochs * data.steps);
  const pool = new ScalarPool();
  let theta = tf.tensor1d(flattenWeights(layout, Net.initWeights(sizes, data.initSeed)));
  const lossHistory: number[] = [];
  const validationHistory: number[] = [];
  const valSet = val ? validationSet(val) : null;
  let best: { loss: number; epoch: number; theta: Float32Array } | null = null;
  const t0 = performance.now();
  for (let ep = 0; ep < epochs; ep++) {
    let lossSum = tf.scalar(0);
    data.nextEpoch();
    for (const b of data.minibatches()) {
      const [nextTheta, nextLoss] = tf.tidy(() => {
        const layers = layerTensors(layout, theta);
        const x = trainingBatch(layers, b, o, pool, scale);
        const g = lossGrads(layers, { x, ys: b.ys, closedEps, classWeights: weights }, pool);
        return [optimizer.step(theta, flattenGrads(g.grads)), tf.add(lossSum, g.lossSum)];
      });
      theta.dispose();
      lossSum.dispose();
      [theta, lossSum] = [nextTheta as tf.Tensor1D, nextLoss as tf.Scalar];
    }
    const epochLoss = lossSum.dataSync()[0] / data.n;
    lossSum.dispose();
    lossHistory.push(epochLoss);
    if (valSet) {
      const v = validationObjective(layout, theta, valSet, o, weights, pool, scale, closedEps);
      validationHistory.push(v);
      if (!best || v < best.loss) best = { loss: v, epoch: ep + 1, theta: Float32Array.from(theta.dataSync()) };
    }
    onEpoch?.(ep, epochLoss);
  }
  const net = new Net(unflattenWeights(layout, best ? best.theta : theta.dataSync()));
  for (const x of [theta, optimizer, pool, data]) x.dispose();
  valSet?.x.dispose();
  valSet?.ys.dispose();
  return {
    net,
    options: o,
    epochs,
    steps: epochs * data.steps,
    lossHistory,
    validationHistory,
    selectedEpoch: best?.epoch ?? 0,
    trainSeconds: (performance.now() - t0) / 1000,
  };
}

/** The validation rows on the backend: inputs and y±. */
function validationSet(val: Split): { x: tf.Tensor2D; ys: tf.Tensor1D } {
  return { x: tf.tensor2d(val.x.data, [val.x.rows, val.x.cols]), ys: tf.tensor1d(Float32Array.from(val.y, (v) => 2 * v - 1)) };
}

/** The training objective on the validation rows: eq. 16, PGD-k from the clean point (ε > 0), or the clean loss; mean per row. */
function validationObjective(
  layout: ReturnType<typeof paramLayout>,
  theta: tf.Tensor1D,
  val: { x: tf.Tensor2D; ys: tf.Tensor1D },
  o: TrainOptions,
  weights: { pos: number; neg: number } | null,
  pool: ScalarPool,
  scale: Float32Array | null,
  closedEps: number | Float32Array | null,
): number {
  return tf.tidy(() => {
    const layers = layerTensors(layout, theta);
    let x = val.x;
    if (usesPgd(o)) {
      const d = val.x.shape[1];
      const e = radiusTensor(o.eps, scale, d, pool);
      const { lo, hi } = epsBox(val.x, e, pool);
      const ysAlpha = tf.mul(tf.reshape(val.ys, [-1, 1]), radiusTensor(pgdAlpha(o), scale, d, pool)) as tf.Tensor2D;
      x = pgdDense(layers, val.x, lo as tf.Tensor2D, hi as tf.Tensor2D, ysAlpha, o.pgdSteps, pool);
    }
    const g = lossGrads(layers, { x, ys: val.ys, closedEps, classWeights: weights }, pool);
    return g.lossSum.dataSync()[0] / val.x.shape[0];
  });
}
