/** What a training run returns, and the class weights of its loss: shared by every trainer (train-grid, train-ops). */
import type { Net } from './net';
import type { TrainOptions } from './options';

/** A trained network with its options, epochs, optimiser steps and per-epoch losses. */
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
