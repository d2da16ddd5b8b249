import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { getDataset, majorityRate, syntheticDataset } from '../src/data';
import {
  closedFormRobustLoss,
  evaluateModel,
  fitModel,
  isDegenerate,
  linearWorstCase,
  loadModel,
  logisticLoss,
  Net,
  pgdAttack,
  resolveTrainOptions,
  saveModel,
  trainModel,
} from '../src/models';
import { matrix } from '../src/util/matrix';
import { Rng } from '../src/util/rng';
import { DATA_DIR, HAVE_DATA, fixtureDir, tempDir } from './helpers';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';

await initBackend({ quiet: true });
const real = !HAVE_DATA && 'no data dir';

test('ERM models beat the majority-class rate on adult and compas (german reported)', { skip: real, timeout: 600_000 }, async () => {
  for (const name of ['adult', 'compas', 'german']) {
    const ds = await getDataset(name, { dataDir: DATA_DIR });
    const base = majorityRate(ds);
    for (const kind of ['lr', 'mlp'] as const) {
      const m = fitModel(ds, { kind, eps: 0 });
      process.stderr.write(`# ${name} ${kind} ERM accuracy ${(100 * m.metrics.accuracy).toFixed(2)}% vs majority ${(100 * base).toFixed(2)}%\n`);
      if (name !== 'german') assert.ok(m.metrics.accuracy > base + 0.01, `${name} ${kind}: ${m.metrics.accuracy} ≤ majority ${base}`);
    }
  }
});

test('LR: PGD adversarial accuracy equals the exact worst case within 1/n', { skip: real, timeout: 600_000 }, async () => {
  for (const name of ['adult', 'compas']) {
    const ds = await getDataset(name, { dataDir: DATA_DIR });
    for (const eps of [0, 0.1]) {
      const m = fitModel(ds, { kind: 'lr', eps });
      for (const evalEps of [0.05, 0.1, 0.3]) {
        const r = evaluateModel(m.net, ds.test, evalEps);
        assert.ok(
          Math.abs(r.advAccuracy - r.exactAdvAccuracy!) <= 1 / ds.test.x.rows + 1e-12,
          `${name} ε_train=${eps} ε_eval=${evalEps}: PGD ${r.advAccuracy} vs exact ${r.exactAdvAccuracy}`,
        );
        assert.ok(r.advAccuracy <= r.accuracy);
      }
    }
  }
});

test('adult: at ε = 0.1 the ε = 0.1 model is more robust than the ERM model', { skip: real, timeout: 600_000 }, async () => {
  const ds = await getDataset('adult', { dataDir: DATA_DIR });
  for (const kind of ['lr', 'mlp'] as const) {
    const erm = fitModel(ds, { kind, eps: 0 }, { evalEps: 0.1 });
    const rob = fitModel(ds, { kind, eps: 0.1 }, { evalEps: 0.1 });
    process.stderr.write(
      `# adult ${kind}: adv acc at 0.1: ERM ${erm.metrics.advAccuracy.toFixed(4)}, robust ${rob.metrics.advAccuracy.toFixed(4)} (degenerate ${rob.metrics.degenerate})\n`,
    );
    assert.ok(rob.metrics.advAccuracy > erm.metrics.advAccuracy + 0.05);
  }
});

test('eq. 16 closed-form loss equals the logistic loss at the exact worst case when the box does not bind', () => {
  const rng = new Rng(5);
  const d = 6,
    n = 50,
    eps = 0.05;
  const net = Net.init([d, 1], 11);
  // inputs in [eps, 1 − eps] so x ± ε stays inside [0,1]
  const x = matrix(
    n,
    d,
    rng.fill(n * d, (r) => r.uniform(eps, 1 - eps)),
  );
  const y = Float32Array.from({ length: n }, () => (rng.next() < 0.5 ? 1 : 0));
  const { w } = net.linear()!;
  const xw = linearWorstCase(w, x, y, eps);
  const [closed, onWorst] = tf.tidy(() => {
    const X = tf.tensor2d(x.data, [n, d]);
    const Y = tf.tensor1d(y);
    return [closedFormRobustLoss(net, X, Y, eps).dataSync()[0], logisticLoss(net.logits(tf.tensor2d(xw.data, [n, d])), Y).dataSync()[0]];
  });
  assert.ok(Math.abs(closed - onWorst) < 1e-5, `${closed} vs ${onWorst}`);
  // and when the box binds, the closed form over-estimates the achievable loss (it ignores the clipping)
  const xb = matrix(
    n,
    d,
    rng.fill(n * d, (r) => (r.next() < 0.5 ? 0 : 1)),
  );
  const xbw = linearWorstCase(w, xb, y, eps);
  const [c2, w2] = tf.tidy(() => {
    const Y = tf.tensor1d(y);
    return [
      closedFormRobustLoss(net, tf.tensor2d(xb.data, [n, d]), Y, eps).dataSync()[0],
      logisticLoss(net.logits(tf.tensor2d(xbw.data, [n, d])), Y).dataSync()[0],
    ];
  });
  assert.ok(c2 > w2 + 1e-6);
  net.dispose();
});

test('PGD never leaves the ε-ball ∩ [0,1]^d', () => {
  const ds = syntheticDataset({ n: 300, d: 5, seed: 1 });
  const net = Net.init([5, 10, 1], 2);
  const eps = 0.2;
  const xa = pgdAttack(net, ds.test.x, ds.test.y, { eps, steps: 10, randomStart: true, seed: 3 });
  for (let i = 0; i < xa.data.length; i++) {
    assert.ok(xa.data[i] >= 0 && xa.data[i] <= 1);
    assert.ok(Math.abs(xa.data[i] - ds.test.x.data[i]) <= eps + 1e-6);
  }
  net.dispose();
});

test('determinism: same seed → identical weights; different seed → different weights', () => {
  const ds = syntheticDataset({ n: 400, d: 4, seed: 0 });
  for (const kind of ['lr', 'mlp'] as const) {
    const o = { kind, eps: 0.1, epochs: 3 };
    const a = trainModel(ds.train, { ...o, seed: 1 });
    const b = trainModel(ds.train, { ...o, seed: 1 });
    const c = trainModel(ds.train, { ...o, seed: 2 });
    assert.deepEqual(a.net.weights(), b.net.weights());
    assert.notDeepEqual(a.net.weights(), c.net.weights());
    [a, b, c].forEach((r) => r.net.dispose());
  }
});

test('models trained from one seed at different ε share their initialisation (Lemma 1 setting)', () => {
  const ds = syntheticDataset({ n: 100, d: 3, seed: 0 });
  const a = trainModel(ds.train, { kind: 'lr', eps: 0, epochs: 1, optimizer: 'sgd', learningRate: 1e-9 });
  const b = trainModel(ds.train, { kind: 'lr', eps: 0.3, epochs: 1, optimizer: 'sgd', learningRate: 1e-9 });
  const wa = a.net.weights()[0].W,
    wb = b.net.weights()[0].W;
  wa.forEach((v, i) => assert.ok(Math.abs(v - wb[i]) < 1e-6));
});

test('degenerate detection: ≥ 99% one class', () => {
  assert.equal(isDegenerate(Float32Array.from({ length: 100 }, (_, i) => (i === 0 ? 0 : 1))), true);
  assert.equal(isDegenerate(Float32Array.from({ length: 100 }, (_, i) => (i < 2 ? 0 : 1))), false);
  assert.equal(isDegenerate(new Float32Array(50)), true);
});

test('save/load round trip; the cache reuses a model; a corrupt model file is retrained', () => {
  const cache = tempDir();
  process.env.RECOURSE_CACHE_DIR = cache;
  try {
    const ds = syntheticDataset({ n: 200, d: 4, seed: 9 });
    const first = fitModel(ds, { kind: 'mlp', eps: 0.05, epochs: 2 });
    assert.equal(first.fromCache, false);
    const second = fitModel(ds, { kind: 'mlp', eps: 0.05, epochs: 2 });
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.net.weights(), first.net.weights());
    assert.deepEqual(second.metrics, first.metrics);
    const other = fitModel(ds, { kind: 'mlp', eps: 0.05, epochs: 3 });
    assert.equal(other.fromCache, false, 'a different config is a different cache entry');
    const file = join(cache, 'm.json');
    saveModel(first, file);
    assert.deepEqual(loadModel(file).net.predict(ds.test.x), first.net.predict(ds.test.x));
    writeFileSync(first.cacheFile!, '{"format":"robust-recourse/model@1","layers":[{"inDim":4,"outDim":1,"W":[1,2],"b":[0]}]}');
    const retrained = fitModel(ds, { kind: 'mlp', eps: 0.05, epochs: 2 });
    assert.equal(retrained.fromCache, false);
    assert.deepEqual(retrained.net.weights(), first.net.weights());
    assert.throws(() => loadModel(first.cacheFile!.replace('.json', '-missing.json')), /model file .* does not exist/);
  } finally {
    delete process.env.RECOURSE_CACHE_DIR;
  }
});

test('bad training options give errors naming the option', () => {
  assert.throws(
    () => resolveTrainOptions({ eps: 1.5 }),
    /^RecourseError: train: option eps must be a number ≤ 1 \(features are scaled to \[0, 1\]\); got 1\.5$/,
  );
  assert.throws(() => resolveTrainOptions({ eps: NaN }), /option eps must be a finite number/);
  assert.throws(() => resolveTrainOptions({ kind: 'svm' as never }), /option kind must be one of lr, lr-closed, mlp; got "svm"/);
  assert.throws(() => resolveTrainOptions({ batchSize: 0 }), /option batchSize must be a number ≥ 1; got 0/);
  assert.throws(() => resolveTrainOptions({ learningRate: -1 }), /option learningRate must be a number > 0; got -1/);
  assert.throws(() => resolveTrainOptions({ width: 100_000_000 }), /option width must be a number ≤ 4096; got 100000000/);
  assert.throws(() => resolveTrainOptions({ lr: 0.1 } as never), /unknown option 'lr' for train; valid options: kind, eps, seed/);
});

test('training does not leak tensors', () => {
  const ds = syntheticDataset({ n: 300, d: 4, seed: 0 });
  trainModel(ds.train, { kind: 'mlp', eps: 0.1, epochs: 1 }).net.dispose();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) {
    const r = trainModel(ds.train, { kind: 'mlp', eps: 0.1, epochs: 2 });
    evaluateModel(r.net, ds.test, 0.1);
    r.net.dispose();
  }
  assert.equal(tf.memory().numTensors, before);
});

test('analytic ∇ₓ logit of the network equals autodiff (depth 1 and 2, and LR)', () => {
  const rng = new Rng(1);
  for (const sizes of [
    [5, 1],
    [5, 10, 1],
    [5, 7, 6, 1],
  ]) {
    const net = Net.init(sizes, 4);
    const x = tf.tensor2d(
      rng.fill(8 * 5, (r) => r.next()),
      [8, 5],
    );
    const analytic = net.logitInputGradient(x).arraySync() as number[][];
    const auto = tf
      .grad((v: tf.Tensor) => tf.sum(net.logits(v as tf.Tensor2D)))(x)
      .arraySync() as number[][];
    analytic.flat().forEach((v, i) => assert.ok(Math.abs(v - auto.flat()[i]) < 1e-5, `${sizes}: ${v} vs ${auto.flat()[i]}`));
    x.dispose();
    net.dispose();
  }
});

test('one evaluation-radius rule: the radius asked for, else the training ε, else 0.1 for an ERM model', async () => {
  const { evaluationRadius } = await import('../src/models/evaluate');
  assert.equal(evaluationRadius(0.3), 0.3);
  assert.equal(evaluationRadius(0), 0.1);
  assert.equal(evaluationRadius(0.3, 0.05), 0.05);
  assert.equal(evaluationRadius(0, 0), 0, 'an asked radius of 0 is kept (clean accuracy only)');
});
