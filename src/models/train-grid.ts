import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/types';
import { RecourseError } from '../util/errors';
import { layerSizes, Net } from './net';
import { effectiveEpochs, pgdAlpha, resolveTrainOptions, usesPgd, type TrainOptions } from './options';
import type { TrainResult } from './train-result';
import { TrainingData } from './train-data';
import { fusedTrainStep, kernelsAvailable, type TrainStepAttrs } from '../engine/index';
import { trainModelOps } from './train-ops';
import { checkTrainingFits } from './memory';
import { radiusScaleFor } from './radius';
import { flattenWeights, paramLayout, unflattenWeights } from './train-params';

/** The options of a grid, validated: every option but ε must agree (they share minibatches, noise and steps). */
export function resolveGridOptions(opts: readonly Partial<TrainOptions>[]): TrainOptions[] {
  if (!opts.length) throw new RecourseError('trainGrid needs at least one model; pass one options object per ε');
  const all = opts.map(resolveTrainOptions);
  for (const o of all) {
    for (const k of Object.keys(o) as (keyof TrainOptions)[]) {
      if (k !== 'eps' && o[k] !== all[0][k]) {
        throw new RecourseError(
          `trainGrid: models of one grid may differ only in eps, but '${k}' is ${String(all[0][k])} and ${String(o[k])}; train them in separate grids`,
        );
      }
    }
  }
  return all;
}

/**
 * Trains the models of an ε grid (same kind, seed and options; only ε differs) as one stacked model: their
 * parameters are the rows of one θ [M, P] and each minibatch is one fused kernel call (train-kernel.ts) that
 * runs every model's PGD, analytic gradient and Adam step. Models never mix: each one's weights are exactly
 * those of training it alone (trainModel is this with M = 1). Without the kernel (a backend other than wasm
 * or cpu, an MLP deeper than one hidden layer, or a setup variant: class-weighted loss or model selection) the
 * models are trained one by one with trainModelOps.
 * Each result's trainSeconds is its share of the grid's time.
 */
export function trainGrid(split: Split, opts: readonly Partial<TrainOptions>[], onEpoch?: (epoch: number, losses: number[]) => void): TrainResult[] {
  const all = resolveGridOptions(opts);
  const o = all[0];
  const M = all.length;
  const t0 = performance.now();
  const sizes = layerSizes(o.kind, split.x.cols, { depth: o.depth, width: o.width || 2 * split.x.cols });
  checkTrainingFits(sizes, tf.getBackend());
  const share = () => (performance.now() - t0) / 1000 / M;
  const variant = o.classWeight !== 'none' || o.protocol !== 'fixed';
  if (!kernelsAvailable() || sizes.length > 3 || variant) {
    const results = all.map((oi, i) => trainModelOps(split, oi, onEpoch && ((ep, loss) => i === M - 1 && onEpoch(ep, [loss]))));
    const s = share();
    return results.map((r) => ({ ...r, trainSeconds: s }));
  }
  const anyPgd = all.some(usesPgd);
  const data = new TrainingData(split, o.seed, o.batchSize, anyPgd);
  const layout = paramLayout(sizes);
  const P = layout.total;
  const epochs = effectiveEpochs(o, data.n);
  const init = flattenWeights(layout, Net.initWeights(sizes, data.initSeed));
  const stacked = new Float32Array(M * P);
  for (let i = 0; i < M; i++) stacked.set(init, i * P);
  let theta = tf.tensor2d(stacked, [M, P]);
  let m: tf.Tensor | null = o.optimizer === 'adam' ? tf.zeros([M, P]) : null;
  let v: tf.Tensor | null = o.optimizer === 'adam' ? tf.zeros([M, P]) : null;
  const attrs: Omit<TrainStepAttrs, 't' | 'start' | 'size'> = {
    sizes,
    eps: all.map((x) => x.eps),
    pgd: anyPgd ? { alpha: all.map(pgdAlpha), steps: o.pgdSteps } : null,
    scale: radiusScaleArray(o, split),
    closed: o.kind === 'lr-closed',
    optimizer: o.optimizer,
    learningRate: o.learningRate,
  };
  const histories: number[][] = all.map(() => []);
  let t = 0;
  for (let ep = 0; ep < epochs; ep++) {
    let lossSum = tf.zeros([M]);
    data.nextEpoch();
    const epoch = data.epochTensors();
    for (let start = 0; start < data.n; start += o.batchSize) {
      const size = Math.min(o.batchSize, data.n - start);
      const out = fusedTrainStep({ ...epoch, theta, m, v }, { ...attrs, t: ++t, start, size });
      const loss = out[out.length - 1];
      tf.dispose([theta, ...(m ? [m] : []), ...(v ? [v] : [])]);
      [theta, m, v] = o.optimizer === 'adam' ? [out[0] as tf.Tensor2D, out[1], out[2]] : [out[0] as tf.Tensor2D, null, null];
      const next = tf.add(lossSum, loss);
      tf.dispose([lossSum, loss]);
      lossSum = next;
    }
    const losses = Array.from(lossSum.dataSync(), (s) => s / data.n);
    lossSum.dispose();
    losses.forEach((l, i) => histories[i].push(l));
    onEpoch?.(ep, losses);
  }
  const final = theta.dataSync();
  tf.dispose([theta, ...(m ? [m] : []), ...(v ? [v] : [])]);
  data.dispose();
  const s = share();
  return all.map((oi, i) => ({
    net: new Net(unflattenWeights(layout, final.subarray(i * P, (i + 1) * P))),
    options: oi,
    epochs,
    steps: t,
    lossHistory: histories[i],
    validationHistory: [],
    selectedEpoch: 0,
    trainSeconds: s,
  }));
}

/** The per-feature radius scale of the options on this split as kernel attributes take it (plain numbers), or null. */
function radiusScaleArray(o: TrainOptions, split: Split): number[] | null {
  const s = radiusScaleFor(o, split);
  return s ? Array.from(s) : null;
}
