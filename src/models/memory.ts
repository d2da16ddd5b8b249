/**
 * Whether a network can be trained in the WebAssembly backend's memory (a wasm32 heap holds at most 4 GiB):
 * an estimate from the weight count, refused before any work when it does not fit. The rate is measured, not
 * derived: an MLP of depth 4 and width 4096 on Adult (50.4 million weights) reached 4.6 GB before the backend
 * failed ("memory access out of bounds"), about 92 bytes per weight over weights, gradients, Adam's moments
 * and the tape's copies.
 */
import { RecourseError } from '../util/errors';

/** Bytes the trainer holds per weight (measured, see the module comment). */
export const BYTES_PER_WEIGHT = 92;
/** What the estimate may reach on the wasm backend: 3.5 GiB of its 4 GiB heap. */
export const WASM_TRAINING_BYTES = 3.5 * 2 ** 30;

/** Weights of a dense net with these layer sizes [d, h…, 1]. */
export function weightCount(sizes: readonly number[]): number {
  let n = 0;
  for (let i = 1; i < sizes.length; i++) n += sizes[i - 1] * sizes[i] + sizes[i];
  return n;
}

/** Throws a RecourseError, with the estimate and a size that fits, when training a net of these sizes cannot fit on `backend`. */
export function checkTrainingFits(sizes: readonly number[], backend: string): void {
  if (backend !== 'wasm') return;
  const weights = weightCount(sizes);
  const bytes = weights * BYTES_PER_WEIGHT;
  if (bytes <= WASM_TRAINING_BYTES) return;
  const hidden = sizes.slice(1, -1);
  const depth = hidden.length;
  const d = sizes[0];
  // the widest equal-width net of this depth within the budget: solve (depth−1)·w² + (d + depth + 1)·w + 1 ≤ budget
  const budget = WASM_TRAINING_BYTES / BYTES_PER_WEIGHT;
  const a = Math.max(depth - 1, 0);
  const b = d + depth + 1;
  const w = Math.floor(a ? (-b + Math.sqrt(b * b + 4 * a * (budget - 1))) / (2 * a) : (budget - 1) / b);
  throw new RecourseError(
    `an MLP of ${depth} hidden layer${depth === 1 ? '' : 's'} of width ${Math.max(...hidden)} on ${d} features has ${(weights / 1e6).toFixed(1)} million weights; ` +
      `training it needs about ${(bytes / 1e9).toFixed(1)} GB, more than the WebAssembly backend's 4 GB heap allows; use a width ≤ ${w} at this depth, fewer layers, or the native backend (@tensorflow/tfjs-node)`,
  );
}
