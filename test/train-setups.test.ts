/** Training setup variants: class weighting and the model-selected protocol. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { syntheticDataset } from '../src/data';
import { classWeights, logisticLoss, trainModel } from '../src/models';

await initBackend({ quiet: true });

test('balanced class weights are n / (2·n_class), so both classes weigh n/2 in all', () => {
  const y = Float32Array.from([1, 0, 0, 0]);
  assert.deepEqual(Array.from(classWeights(y, 'balanced')!), Array.from(Float32Array.from([2, 2 / 3, 2 / 3, 2 / 3])));
  assert.equal(classWeights(y, 'none'), null);
  const w = tf.tensor1d([2, 0]);
  const l = tf.tidy(() => logisticLoss(tf.tensor1d([0, 5]), tf.tensor1d([1, 1]), w).dataSync()[0]);
  assert.ok(Math.abs(l - Math.log(2)) < 1e-6, 'weighted mean: (2·ln 2 + 0·softplus(−5)) / 2');
  w.dispose();
});

test('balanced weighting raises the predicted positive rate when positives are rare', () => {
  const ds = syntheticDataset({ n: 600, d: 4, seed: 2, noise: 2 });
  // keep a quarter of the positives so class 1 is a minority
  let k = 0;
  const keep = [...ds.train.y.keys()].filter((i) => ds.train.y[i] === 0 || k++ % 4 === 0);
  const x = { rows: keep.length, cols: 4, data: Float32Array.from(keep.flatMap((i) => Array.from(ds.train.x.data.subarray(i * 4, i * 4 + 4)))) };
  const y = Float32Array.from(keep, (i) => ds.train.y[i]);
  const rate = (w: 'none' | 'balanced') => {
    const r = trainModel({ x, y }, { kind: 'lr', epochs: 40, classWeight: w });
    const p = r.net.predict(x).reduce((s, v) => s + v, 0) / x.rows;
    r.net.dispose();
    return p;
  };
  assert.ok(rate('balanced') > rate('none') + 0.05);
});

test("the 'selected' protocol keeps the epoch with the lowest validation loss, deterministically", () => {
  const ds = syntheticDataset({ n: 300, d: 5, seed: 4, noise: 3 });
  const o = { kind: 'mlp' as const, epochs: 25, learningRate: 0.05, protocol: 'selected' as const, seed: 3 };
  const a = trainModel(ds.train, o);
  assert.equal(a.validationHistory.length, 25);
  const best = Math.min(...a.validationHistory);
  assert.equal(a.validationHistory[a.selectedEpoch - 1], best);
  const b = trainModel(ds.train, o);
  assert.deepEqual(a.net.weights(), b.net.weights());
  const fixed = trainModel(ds.train, { ...o, protocol: 'fixed' });
  assert.equal(fixed.selectedEpoch, 0);
  assert.equal(fixed.validationHistory.length, 0);
  [a, b, fixed].forEach((r) => r.net.dispose());
});

test('setup variants leak no tensors', () => {
  const ds = syntheticDataset({ n: 200, d: 4, seed: 1 });
  trainModel(ds.train, { kind: 'mlp', eps: 0.1, epochs: 1 }).net.dispose();
  const before = tf.memory().numTensors;
  for (const v of [{ protocol: 'selected' as const }, { classWeight: 'balanced' as const }, { kind: 'lr-closed' as const, classWeight: 'balanced' as const }]) {
    trainModel(ds.train, { kind: 'mlp', eps: 0.1, epochs: 3, ...v }).net.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});
