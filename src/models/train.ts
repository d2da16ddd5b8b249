import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import type { Net } from './net';
import type { TrainOptions } from './options';
import type { TrainResult } from './train-result';
import { trainGrid } from './train-grid';

export { classWeights, type TrainResult } from './train-result';

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
