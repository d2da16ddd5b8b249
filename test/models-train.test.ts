import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { syntheticDataset } from '../src/data';
import { Net, trainModel } from '../src/models';
import type { DenseLayer } from '../src/models/attack';
import { autodiffLossGrads, lossGrads } from '../src/models/train-grads';
import { ScalarPool } from '../src/models/train-params';
import { Rng } from '../src/util/rng';

await initBackend({ quiet: true });

/** Largest |a − b| relative to the largest |b| (so the tolerance is on float32 rounding, not on magnitudes). */
function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 1e-12;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

function randomBatch(n: number, d: number, seed: number): { x: tf.Tensor2D; ys: tf.Tensor1D } {
  const rng = new Rng(seed);
  return {
    x: tf.tensor2d(rng.fill(n * d, (r) => r.next()), [n, d]),
    ys: tf.tensor1d(Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : -1))),
  };
}

test('analytic loss gradients equal tfjs autodiff (LR, eq. 16 LR, one- and two-hidden-layer MLP)', () => {
  const pool = new ScalarPool();
  const cases: [string, number[], number | null][] = [
    ['lr', [6, 1], null], ['lr-closed', [6, 1], 0.1], ['mlp', [6, 12, 1], null], ['mlp depth 2', [6, 12, 12, 1], null],
  ];
  for (const [name, sizes, closedEps] of cases) {
    const net = Net.init(sizes, 3);
    const layers: DenseLayer[] = net.layers.map((l) => ({ W: l.W as tf.Tensor2D, b: l.b as tf.Tensor1D }));
    // give the biases non-zero values so their gradients are exercised
    tf.tidy(() => net.layers.forEach((l, i) => l.b.assign(tf.fill(l.b.shape, 0.05 * (i + 1)))));
    const inp = { ...randomBatch(37, 6, 8), closedEps };
    const fused = lossGrads(layers, inp, pool);
    const auto = autodiffLossGrads(layers, inp);
    assert.ok(relDiff(fused.lossSum.dataSync(), auto.lossSum.dataSync()) < 1e-5, `${name}: loss`);
    fused.grads.forEach((g, i) => {
      assert.deepEqual(g.W.shape, auto.grads[i].W.shape, `${name}: layer ${i} W shape`);
      assert.ok(relDiff(g.W.dataSync(), auto.grads[i].W.dataSync()) < 1e-5, `${name}: layer ${i} ∂W`);
      assert.ok(relDiff(g.b.dataSync(), auto.grads[i].b.dataSync()) < 1e-5, `${name}: layer ${i} ∂b`);
    });
    for (const r of [fused, auto]) tf.dispose([r.lossSum, ...r.grads.flatMap((g) => [g.W, g.b])]);
    tf.dispose([inp.x, inp.ys]);
    net.dispose();
  }
  pool.dispose();
});

test('training leaves no tensors behind', () => {
  const ds = syntheticDataset({ n: 300, d: 4, seed: 2 });
  const before = tf.memory().numTensors;
  for (const kind of ['lr', 'lr-closed', 'mlp'] as const) trainModel(ds.train, { kind, eps: 0.1, epochs: 2 }).net.dispose();
  assert.equal(tf.memory().numTensors, before);
});
