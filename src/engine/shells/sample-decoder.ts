import * as tf from '@tensorflow/tfjs';
import type { FeatureLayout } from '../../data/layout';
import { reluChain } from '../../models/dense';
import { shellKernel } from './shell-wasm';

/** One dense layer as plain float32 data (W is inDim×outDim, row-major). */
export interface DecoderLayer {
  readonly inDim: number;
  readonly outDim: number;
  readonly W: Float32Array;
  readonly b: Float32Array;
}

/**
 * A decoder a shell job applies to its samples right after drawing them (C-CHVAE's VAE decoder: ReLU layers,
 * then a sigmoid output), completing each sample's factual row with the decoded columns and projecting it onto
 * the feasible set. Plain data, so a job can carry it to a worker thread, which runs it on the main thread's
 * backend: the same ops on the same rows, so candidates do not depend on the thread that made them.
 */
export interface SampleDecoder {
  readonly backend: string;
  readonly layers: readonly DecoderLayer[];
  /** The full-row columns the decoded values replace, in output order. */
  readonly columns: readonly number[];
  readonly layout: FeatureLayout;
  /** Candidate rows: sample row r's candidate is out[r·d, (r + 1)·d), d = layout.d. */
  readonly out: Float32Array;
}

/**
 * Decodes `rows` sample rows from `firstRow` of `samples` (rows of the first layer's width) as Vae.decode does
 * (reluChain, then a sigmoid); writes each sample's factual
 * (row ⌊r / count⌋ of `factuals`) with the decoded columns replaced, projected onto the layout, into d.out
 * (in WebAssembly: ShellKernel.completeRows).
 */
export function decodeSamples(d: SampleDecoder, samples: Float32Array, firstRow: number, rows: number, factuals: Float32Array, count: number): void {
  const w = d.layers[0].inDim;
  const out = tf.tidy(() => {
    const layers = d.layers.map((l) => ({ W: tf.tensor2d(l.W, [l.inDim, l.outDim]), b: tf.tensor1d(l.b) }));
    return tf.sigmoid(reluChain(tf.tensor2d(samples.subarray(firstRow * w, (firstRow + rows) * w), [rows, w]), layers));
  });
  // dataSync outside the tidy: tidy walks a returned typed array element by element
  const dec = out.dataSync() as Float32Array;
  out.dispose();
  const dim = d.layout.d;
  shellKernel().completeRows(dec, rows, count, factuals, d.columns, d.layout, d.out.subarray(firstRow * dim, (firstRow + rows) * dim));
}
