/**
 * A gradient search's objective, described once as data: ℓ_pred(score at the projected point) + λ(round)·d(x′, x).
 * Two interpreters read it: `objectiveOps` (tfjs ops, the reference loop of gradient-search.ts) and, where it
 * can evaluate the score, the engine's fused loop (`fusedForm`). A method author writes only this.
 */
import * as tf from '@tensorflow/tfjs';
import type { FusedObjective } from '../engine/index';
import type { Classifier } from '../models/types';
import { rowDistance, type CostNorm } from './distance';

/** What the objective scores at the projected point x̃: a classifier's logit, or ROAR's per-row worst-case linear logit W_i·x̃ + b_i − δ_max(‖x̃‖₁ + 1). */
export type SearchScore =
  | { readonly kind: 'classifier'; readonly model: Classifier }
  | { readonly kind: 'linear-rows'; readonly W: Float32Array; readonly b: Float32Array; readonly deltaMax: number };

/** ℓ_pred(score) + λ(round)·d(x′, x) per row. */
export interface SearchObjective {
  readonly score: SearchScore;
  /** 'bce' = softplus(−logit) = −log p(1); 'mse' = (logit − targetLogit)². */
  readonly loss: 'bce' | 'mse';
  readonly targetLogit: number;
  /** The norm of d(x′, x). */
  readonly norm: CostNorm;
  readonly lambda: (round: number) => number;
}

/** Per-row loss and logit at the projected point `xt`, differentiable through the relaxed iterate `xv`. */
export type RowObjective = (xt: tf.Tensor2D, xv: tf.Tensor2D, x0: tf.Tensor2D, round: number) => { loss: tf.Tensor1D; logit: tf.Tensor1D };

/**
 * The objective as tfjs ops (the reference interpreter), for n rows of d columns. Call `dispose` when done
 * (it frees the tensors of a linear-rows score).
 */
export function objectiveOps(o: SearchObjective, n: number, d: number): { evaluate: RowObjective; dispose: () => void } {
  const s = o.score;
  const tensors = s.kind === 'linear-rows' ? { W: tf.tensor2d(s.W, [n, d]), b: tf.tensor1d(s.b) } : null;
  const logitOf = (xt: tf.Tensor2D): tf.Tensor1D => {
    if (s.kind === 'classifier') return s.model.logits(xt);
    const score = tf.add(tf.sum(tf.mul(tensors!.W, xt), 1), tensors!.b);
    return tf.sub(score, tf.mul(tf.add(tf.sum(tf.abs(xt), 1), 1), s.deltaMax)) as tf.Tensor1D;
  };
  return {
    evaluate: (xt, xv, x0, round) => {
      const logit = logitOf(xt);
      const pred = o.loss === 'bce' ? tf.softplus(tf.neg(logit)) : tf.square(tf.sub(logit, o.targetLogit));
      return { loss: tf.add(pred, tf.mul(rowDistance(xv, x0, o.norm), o.lambda(round))) as tf.Tensor1D, logit };
    },
    dispose: () => tensors && (tensors.W.dispose(), tensors.b.dispose()),
  };
}

/** The objective as the fused loop reads it, or null where the loop cannot evaluate its score (a classifier that is not a dense ReLU net). */
export function fusedForm(o: SearchObjective): FusedObjective | null {
  const s = o.score;
  const model = s.kind === 'linear-rows' ? s : s.model.denseNets ? { kind: 'dense' as const, nets: s.model.denseNets() } : null;
  return model && { model, loss: o.loss, targetLogit: o.targetLogit, norm: o.norm, lambda: o.lambda };
}
