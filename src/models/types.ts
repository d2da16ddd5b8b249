import type * as tf from '@tensorflow/tfjs';
import type { LayerWeights } from './dense';

/**
 * What every recourse method and metric needs from a model: the logit of the positive class for a
 * batch of [0,1]-scaled inputs, as differentiable tfjs ops. Probability = sigmoid(logit).
 */
export interface Classifier {
  readonly inputDim: number;
  /** Logit of class 1 for each row of x ([n, d] → [n]). */
  logits(x: tf.Tensor2D): tf.Tensor1D;
  /** Optional fast ∇ₓ logit per row ([n, d] → [n, d]); autodiff is used when absent. */
  logitInputGradient?(x: tf.Tensor2D): tf.Tensor2D;
  /** For linear models, the weights and bias of the logit wᵀx + b (enables closed forms). */
  linear?(): { w: Float32Array; b: number } | null;
  /**
   * For dense ReLU nets, each net's weights as plain data: row block m of an [M·n, d] input goes through net m
   * (one net scores every row). Lets a method run a fused JS loop instead of tfjs ops (SCFE's search).
   */
  denseNets?(): LayerWeights[][];
}

/** `lr` and `mlp` are trained with PGD adversarial training; `lr-closed` with the closed-form robust loss (eq. 16). */
export type ModelKind = 'lr' | 'lr-closed' | 'mlp';
/** The model kinds: lr (logistic regression), lr-closed (eq. 16, closed-form robust loss) and mlp (ReLU network). */
export const MODEL_KINDS: readonly ModelKind[] = ['lr', 'lr-closed', 'mlp'];
