import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { syntheticDataset } from '../src/data';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fitGrid, fitModel, Net, NetStack, trainGrid, trainModel, trainModelOps } from '../src/models';
import { epsBox, pgdDense, pgdTensor, type DenseLayer } from '../src/models/attack';
import { autodiffLossGrads, lossGrads } from '../src/models/train-grads';
import { fusedTrainStep } from '../src/engine/train/train-kernel';
import { flattenWeights, paramLayout, ScalarPool, unflattenWeights } from '../src/models/train-params';
import { Rng } from '../src/util/rng';
import { tempDir } from './helpers';

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
    x: tf.tensor2d(
      rng.fill(n * d, (r) => r.next()),
      [n, d],
    ),
    ys: tf.tensor1d(Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : -1))),
  };
}

test('analytic loss gradients equal tfjs autodiff (LR, eq. 16 LR with one or per-feature radii, one- and two-hidden-layer MLP)', () => {
  const pool = new ScalarPool();
  const cases: [string, number[], number | Float32Array | null][] = [
    ['lr', [6, 1], null],
    ['lr-closed', [6, 1], 0.1],
    ['lr-closed, per-feature radii', [6, 1], Float32Array.from([0.01, 0.2, 0.05, 0, 0.1, 0.3])],
    ['mlp', [6, 12, 1], null],
    ['mlp depth 2', [6, 12, 12, 1], null],
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

test('the fused kernel gradients equal tfjs autodiff (LR, eq. 16 LR, MLP)', () => {
  const pool = new ScalarPool();
  for (const [name, sizes, closed] of [
    ['lr', [6, 1], false],
    ['lr-closed', [6, 1], true],
    ['mlp', [6, 12, 1], false],
  ] as const) {
    const layout = paramLayout(sizes);
    const weights = Net.initWeights(sizes, 4).map((l, i) => ({ ...l, b: l.b.map(() => 0.05 * (i + 1)) }));
    const { x, ys } = randomBatch(37, 6, 9);
    const [grad, loss] = fusedTrainStep(
      {
        X: x,
        YS: ys,
        perm: tf.tensor1d(
          Array.from({ length: 37 }, (_, i) => i),
          'int32',
        ),
        noise: null,
        theta: tf.tensor2d(flattenWeights(layout, weights), [1, layout.total]),
        m: null,
        v: null,
      },
      { sizes: [...sizes], eps: [closed ? 0.1 : 0], pgd: null, closed, optimizer: null, learningRate: 0, t: 1, start: 0, size: 37 },
    );
    const net = new Net(weights);
    const layers = net.layers.map((l) => ({ W: l.W as tf.Tensor2D, b: l.b as tf.Tensor1D }));
    const auto = autodiffLossGrads(layers, { x, ys, closedEps: closed ? 0.1 : null });
    const autoFlat = flattenWeights(
      layout,
      auto.grads.map((g, i) => ({ ...weights[i], W: Array.from(g.W.dataSync()), b: Array.from(g.b.dataSync()) })),
    );
    assert.ok(relDiff(grad.dataSync(), autoFlat) < 1e-5, `${name}: ∂θ`);
    assert.ok(relDiff(loss.dataSync(), auto.lossSum.dataSync()) < 1e-5, `${name}: loss`);
    tf.dispose([grad, loss, x, ys, auto.lossSum, ...auto.grads.flatMap((g) => [g.W, g.b])]);
    net.dispose();
  }
  pool.dispose();
});

const GRID = [0, 0.05, 0.1, 0.3];

test('a stacked ε grid trains every model exactly as trainModel trains it alone', () => {
  const ds = syntheticDataset({ n: 500, d: 5, seed: 1 });
  for (const kind of ['lr', 'lr-closed', 'mlp'] as const) {
    const o = { kind, epochs: 3, batchSize: 64, seed: 7 };
    const grid = trainGrid(
      ds.train,
      GRID.map((eps) => ({ ...o, eps })),
    );
    GRID.forEach((eps, i) => {
      const alone = trainModel(ds.train, { ...o, eps });
      assert.deepEqual(grid[i].net.weights(), alone.net.weights(), `${kind} ε=${eps}: weights`);
      assert.deepEqual(grid[i].lossHistory, alone.lossHistory, `${kind} ε=${eps}: loss history`);
      alone.net.dispose();
      grid[i].net.dispose();
    });
  }
});

test('the fused kernel trains as the plain-ops reference trainer does, up to float rounding (ε in min–max units and in standard deviations)', () => {
  const ds = syntheticDataset({ n: 500, d: 5, seed: 3 });
  for (const kind of ['lr', 'lr-closed', 'mlp'] as const) {
    for (const [eps, epsUnits] of [
      [0, 'minmax'],
      [0.1, 'minmax'],
      [0.3, 'std'],
    ] as const) {
      const o = { kind, eps, epochs: 3, batchSize: 64, seed: 2, epsUnits };
      const [a, b] = [trainModel(ds.train, o), trainModelOps(ds.train, o)];
      const flat = (r: typeof a) => r.net.weights().flatMap((l) => [...l.W, ...l.b]);
      assert.ok(relDiff(flat(a), flat(b)) < 1e-5, `${kind} ε=${eps} (${epsUnits}): weights differ by ${relDiff(flat(a), flat(b))}`);
      assert.ok(relDiff(a.lossHistory, b.lossHistory) < 1e-5, `${kind} ε=${eps} (${epsUnits}): loss history`);
      [a, b].forEach((r) => r.net.dispose());
    }
  }
});

test('grid training is deterministic: same seed → identical weights, another seed → different ones', () => {
  const ds = syntheticDataset({ n: 300, d: 4, seed: 5 });
  const run = (seed: number) =>
    trainGrid(
      ds.train,
      GRID.map((eps) => ({ kind: 'mlp' as const, eps, epochs: 2, seed })),
    ).map((r) => {
      const w = r.net.weights();
      r.net.dispose();
      return w;
    });
  assert.deepEqual(run(1), run(1));
  assert.notDeepEqual(run(1), run(2));
});

test('models of a grid share their initialisation (Lemma 1 setting)', () => {
  const ds = syntheticDataset({ n: 100, d: 3, seed: 0 });
  const rs = trainGrid(
    ds.train,
    GRID.map((eps) => ({ kind: 'mlp' as const, eps, epochs: 1, optimizer: 'sgd' as const, learningRate: 1e-9 })),
  );
  const w0 = rs[0].net.weights()[0].W;
  for (const r of rs) r.net.weights()[0].W.forEach((v, i) => assert.ok(Math.abs(v - w0[i]) < 1e-6));
  rs.forEach((r) => r.net.dispose());
});

test('a grid whose options differ in more than ε is an error naming the option', () => {
  const ds = syntheticDataset({ n: 50, d: 3, seed: 0 });
  assert.throws(
    () =>
      trainGrid(ds.train, [
        { kind: 'lr', eps: 0 },
        { kind: 'lr', eps: 0.1, seed: 3 },
      ]),
    /may differ only in eps, but 'seed' is 0 and 3/,
  );
  assert.throws(() => trainGrid(ds.train, []), /at least one model/);
});

test('training leaves no tensors behind (single models and stacked grids, every kind)', () => {
  const ds = syntheticDataset({ n: 300, d: 4, seed: 2 });
  const before = tf.memory().numTensors;
  for (const kind of ['lr', 'lr-closed', 'mlp'] as const) {
    trainModel(ds.train, { kind, eps: 0.1, epochs: 2 }).net.dispose();
    trainModelOps(ds.train, { kind, eps: 0.1, epochs: 2 }).net.dispose();
    trainGrid(
      ds.train,
      GRID.map((eps) => ({ kind, eps, epochs: 2 })),
    ).forEach((r) => r.net.dispose());
    assert.equal(tf.memory().numTensors, before, `${kind}: tensors left behind`);
  }
});

test('fitGrid writes one cache file per model, matching fitModel, and reloads them', () => {
  const cache = tempDir();
  process.env.RECOURSE_CACHE_DIR = cache;
  try {
    const ds = syntheticDataset({ n: 200, d: 4, seed: 9 });
    const base = { kind: 'mlp' as const, epochs: 2 };
    const first = fitGrid(ds, base, GRID);
    assert.equal(readdirSync(join(cache, 'models')).length, GRID.length);
    first.models.forEach((m) => assert.ok(m.cacheFile && existsSync(m.cacheFile) && !m.fromCache));
    const single = fitModel(ds, { ...base, eps: 0.1 });
    assert.equal(single.fromCache, true, 'fitModel finds the file fitGrid wrote');
    const alone = trainModel(ds.train, { ...base, eps: 0.1 });
    assert.deepEqual(first.models[GRID.indexOf(0.1)].net.weights(), alone.net.weights());
    const again = fitGrid(ds, base, GRID);
    assert.ok(again.models.every((m) => m.fromCache));
    assert.equal(again.trainSeconds, 0);
    for (const m of [...first.models, ...again.models, single]) m.net.dispose();
    alone.net.dispose();
  } finally {
    delete process.env.RECOURSE_CACHE_DIR;
  }
});

test('a NetStack gives each row block the logits of its own net', () => {
  const nets = [1, 2, 3].map((seed) => Net.init([4, 8, 1], seed));
  const stack = new NetStack(nets);
  const rng = new Rng(4);
  const x = tf.tensor2d(
    rng.fill(3 * 5 * 4, (r) => r.next()),
    [15, 4],
  );
  const all = stack.logits(x).dataSync();
  nets.forEach((net, m) => {
    const own = tf.tidy(() => net.logits(tf.slice(x, [m * 5, 0], [5, 4])).dataSync());
    assert.ok(relDiff(all.subarray(m * 5, (m + 1) * 5), own) < 1e-5, `block ${m}`);
  });
  assert.throws(() => stack.logits(tf.zeros([7, 4]) as tf.Tensor2D), /needs M·n input rows/);
  assert.throws(() => new NetStack([nets[0], Net.init([4, 1], 0)]), /one architecture/);
  tf.dispose(x);
  stack.dispose();
  nets.forEach((n) => n.dispose());
});

test('the fused PGD kernel finds the iterates of the plain-ops PGD (LR and MLP, no random start)', () => {
  const ds = syntheticDataset({ n: 400, d: 5, seed: 3 });
  const pool = new ScalarPool();
  for (const sizes of [
    [5, 1],
    [5, 10, 1],
  ]) {
    const net = Net.init(sizes, 2);
    const layers = net.layers.map((l) => ({ W: l.W as tf.Tensor2D, b: l.b as tf.Tensor1D }));
    const [fused, ops] = tf.tidy(() => {
      const x = tf.tensor2d(ds.test.x.data, [ds.test.x.rows, 5]);
      const y = tf.tensor1d(ds.test.y);
      const { lo, hi } = epsBox(x, pool.get(0.1), pool);
      const ysAlpha = tf.mul(tf.reshape(tf.sub(tf.mul(y, 2), 1), [-1, 1]), pool.get((2.5 * 0.1) / 20)) as tf.Tensor2D;
      return [
        pgdTensor(net, x, y, { eps: 0.1, steps: 20 }).dataSync(),
        pgdDense(layers, x, lo as tf.Tensor2D, hi as tf.Tensor2D, ysAlpha, 20, pool).dataSync(),
      ];
    });
    assert.ok(relDiff(fused, ops) < 1e-6, `${sizes.join('→')}: fused and ops PGD differ by ${relDiff(fused, ops)}`);
    net.dispose();
  }
  pool.dispose();
});
