import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { takeRows } from '../util/matrix';
import { Rng } from '../util/rng';
import { logisticLoss, pgdTensor } from './attack';
import type { LayerWeights } from './dense';
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
  /** 'selected' protocol: validation loss per epoch (same objective) and the epoch kept (1-based); else empty / 0. */
  validationHistory: number[];
  selectedEpoch: number;
  trainSeconds: number;
}

/** Closed-form robust logistic loss of eq. 16: softplus(−(y±(wᵀx + b) − ε‖w‖₁)), optionally weighted per row. */
export function closedFormRobustLoss(net: Net, x: tf.Tensor2D, y: tf.Tensor1D, eps: number, weights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const margin = tf.sub(tf.mul(tf.sub(tf.mul(y, 2), 1), net.logits(x)), tf.mul(tf.sum(tf.abs(net.layers[0].W)), eps));
    const per = tf.softplus(tf.neg(margin));
    return tf.mean(weights ? tf.mul(per, weights) : per) as tf.Scalar;
  });
}

/** Per-row loss weights: 1, or n / (2·n_class) for 'balanced'. */
export function classWeights(y: Float32Array, rule: TrainOptions['classWeight']): Float32Array | null {
  if (rule === 'none') return null;
  let pos = 0;
  for (const v of y) pos += v;
  const neg = y.length - pos;
  const wPos = pos ? y.length / (2 * pos) : 0;
  const wNeg = neg ? y.length / (2 * neg) : 0;
  return Float32Array.from(y, (v) => (v > 0.5 ? wPos : wNeg));
}

/** The training split, or (for the 'selected' protocol) a seeded split into fitting and validation rows. */
function splitRows(split: Split, o: TrainOptions): { fit: Split; val: Split | null } {
  if (o.protocol !== 'selected') return { fit: split, val: null };
  const perm = Array.from(new Rng(o.seed + 7919).permutation(split.x.rows));
  const nVal = Math.max(1, Math.round(o.validationShare * split.x.rows));
  const pick = (idx: number[]): Split => ({ x: takeRows(split.x, idx), y: Float32Array.from(idx, (i) => split.y[i]) });
  return { fit: pick(perm.slice(nVal).sort((a, b) => a - b)), val: pick(perm.slice(0, nVal).sort((a, b) => a - b)) };
}

/** The training objective on a batch: eq. 16, PGD adversarial loss (ε > 0) or the clean logistic loss. */
function objective(net: Net, o: TrainOptions, xb: tf.Tensor2D, yb: tf.Tensor1D, wb: tf.Tensor1D | undefined, seed: number): () => tf.Scalar {
  if (o.kind === 'lr-closed') return () => closedFormRobustLoss(net, xb, yb, o.eps, wb);
  const alpha = o.pgdStepSize || (2.5 * o.eps) / o.pgdSteps;
  const xa = o.eps > 0 ? pgdTensor(net, xb, yb, { eps: o.eps, steps: o.pgdSteps, stepSize: alpha, randomStart: true, seed }) : xb;
  return () => logisticLoss(net.logits(xa), yb, wb);
}

/**
 * Trains a model on the [0,1]-scaled split: ERM when ε = 0, Madry ℓ∞ adversarial training (PGD with
 * random start, k steps of size α, projected onto the ε-ball ∩ [0,1]^d) otherwise, or the eq. 16
 * closed form for `lr-closed`; optionally class-weighted, and optionally (protocol 'selected') keeping the
 * epoch with the best loss on a held-out validation split. The initial weights depend only on the seed and
 * architecture, so models trained at different ε from the same seed share their initialisation (as Lemma 1
 * assumes).
 */
export function trainModel(split: Split, opts: Partial<TrainOptions>, onEpoch?: (epoch: number, loss: number) => void): TrainResult {
  const o = resolveTrainOptions(opts);
  const { fit, val } = splitRows(split, o);
  const n = fit.x.rows;
  const d = fit.x.cols;
  const rng = new Rng(o.seed);
  const net = Net.init(layerSizes(o.kind, d, { depth: o.depth, width: o.width || 2 * d }), rng.seed());
  const optimizer = o.optimizer === 'adam' ? tf.train.adam(o.learningRate) : tf.train.sgd(o.learningRate);
  const epochs = effectiveEpochs(o, n);
  const X = tf.tensor2d(fit.x.data, [n, d]);
  const Y = tf.tensor1d(fit.y);
  const weights = classWeights(fit.y, o.classWeight);
  const Wt = weights ? tf.tensor1d(weights) : undefined;
  const validation = val ? validationLoss(net, o, val) : null;
  const lossHistory: number[] = [];
  const validationHistory: number[] = [];
  let best: { loss: number; epoch: number; weights: LayerWeights[] } | null = null;
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
        const wb = Wt ? (tf.gather(Wt, idx) as tf.Tensor1D) : undefined;
        const cost = optimizer.minimize(objective(net, o, xb, yb, wb, batchSeed), true, net.variables)!;
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
    if (validation) {
      const v = validation();
      validationHistory.push(v);
      if (!best || v < best.loss) best = { loss: v, epoch: ep + 1, weights: net.weights() };
    }
    onEpoch?.(ep, epochLoss);
  }
  X.dispose();
  Y.dispose();
  Wt?.dispose();
  optimizer.dispose();
  let result = net;
  if (best) {
    result = new Net(best.weights);
    net.dispose();
  }
  return { net: result, options: o, epochs, steps, lossHistory, validationHistory, selectedEpoch: best?.epoch ?? 0, trainSeconds: (performance.now() - t0) / 1000 };
}

/** The training objective on the validation rows (PGD with a fixed seed, so epochs are compared on equal terms). */
function validationLoss(net: Net, o: TrainOptions, val: Split): () => number {
  const weights = classWeights(val.y, o.classWeight);
  return () => tf.tidy(() => {
    const xv = tf.tensor2d(val.x.data, [val.x.rows, val.x.cols]);
    const yv = tf.tensor1d(val.y);
    const wv = weights ? tf.tensor1d(weights) : undefined;
    return objective(net, o, xv, yv, wv, o.seed + 104729)().dataSync()[0];
  });
}
