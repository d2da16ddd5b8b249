import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import type { Net } from './net';
import type { TrainOptions } from './options';
import { trainGrid } from './train-grid';

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

/** Per-class loss weights: null for 'none'; for 'balanced', n / (2·n_class) for each class (scikit-learn's rule). */
export function classWeights(y: Float32Array, rule: TrainOptions['classWeight']): Float32Array | null {
  if (rule === 'none') return null;
  let pos = 0;
  for (const v of y) pos += v;
  const neg = y.length - pos;
  const wPos = pos ? y.length / (2 * pos) : 0;
  const wNeg = neg ? y.length / (2 * neg) : 0;
  return Float32Array.from(y, (v) => (v > 0.5 ? wPos : wNeg));
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
 * closed form for `lr-closed`. The initial weights, minibatch order and random-start noise depend only on
 * the seed, so models trained at different ε from the same seed share their initialisation (as Lemma 1
 * assumes). This is trainGrid with a grid of one, so a model trained alone and the same model trained in
 * a sweep's ε grid are identical; trainModelOps is the same computation in plain tfjs ops.
 */
export function trainModel(split: Split, opts: Partial<TrainOptions>, onEpoch?: (epoch: number, loss: number) => void): TrainResult {
  return trainGrid(split, [opts], onEpoch && ((ep, losses) => onEpoch(ep, losses[0])))[0];
}
