import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { limeSurrogates } from '../src/recourse/lime';
import { roar, roarInnerMax, roarObjective } from '../src/recourse/roar';
import { scfeObjective } from '../src/recourse/scfe';
import { syntheticDataset } from '../src/data/synthetic';
import { fromRows } from '../src/util/matrix';
import { Rng } from '../src/util/rng';
import { linearNet, negatives, synthetic, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

test("ROAR with δ_max = 0 has exactly SCFE's objective (BCE + λ·ℓ1) on a logistic model", () => {
  const w = [1.5, -2, 0.7, 0.3];
  const b = -0.4;
  const net = linearNet(w, b);
  const rng = new Rng(4);
  const n = 20;
  const [x0, xv] = [0, 1].map(() =>
    tf.tensor2d(
      Float32Array.from({ length: n * 4 }, () => rng.next()),
      [n, 4],
    ),
  );
  const W = tf.tensor2d(
    Array.from({ length: n }, () => w),
    [n, 4],
  );
  const bt = tf.fill([n], b) as tf.Tensor1D;
  const ro = roarObjective(W, bt, xv, xv, x0, 0, 0.3, 'l1').loss.arraySync();
  const sc = scfeObjective(net, xv, xv, x0, { loss: 'bce', norm: 'l1', targetLogit: 1 }, 0.3).loss.arraySync();
  ro.forEach((v, i) => assert.ok(Math.abs(v - sc[i]) < 1e-5, `row ${i}: ${v} vs ${sc[i]}`));
  // and δ_max > 0 only raises it (the worst case is worse)
  const rob = roarObjective(W, bt, xv, xv, x0, 0.1, 0.3, 'l1').loss.arraySync();
  rob.forEach((v, i) => assert.ok(v > sc[i]));
  tf.dispose([x0, xv, W, bt]);
  net.dispose();
});

test('the closed-form inner maximum equals brute force over the vertices of the ℓ∞ ball (3 features + intercept)', () => {
  const rng = new Rng(9);
  for (let trial = 0; trial < 50; trial++) {
    const w = [rng.normal(), rng.normal(), rng.normal()];
    const b = rng.normal();
    const x = [rng.next(), rng.next(), trial % 5 === 0 ? 0 : rng.next()];
    const delta = rng.uniform(0, 0.5);
    let worst = Infinity;
    for (let v = 0; v < 16; v++) {
      const s = [0, 1, 2, 3].map((k) => ((v >> k) & 1 ? delta : -delta));
      worst = Math.min(worst, (w[0] + s[0]) * x[0] + (w[1] + s[1]) * x[1] + (w[2] + s[2]) * x[2] + b + s[3]);
    }
    const r = roarInnerMax(w, b, x, delta);
    assert.ok(Math.abs(r.worstLogit - worst) < 1e-12, `${r.worstLogit} vs ${worst}`);
    // the loss BCE(σ(logit), 1) = softplus(−logit) is decreasing, so the worst logit is the maximal loss
    assert.ok(Math.abs(Math.log1p(Math.exp(-r.worstLogit)) - Math.log1p(Math.exp(-worst))) < 1e-12);
  }
});

test('ROAR: worst-case validity (under a fixed shift of 0.2) does not fall as δ_max grows', async () => {
  const ds = syntheticDataset({ n: 600, d: 5, immutable: [0], seed: 5 });
  const net = trained(ds, 'lr', 0, 100);
  const f = negatives(net, ds.test.x, 40);
  const lin = net.linear()!;
  let prevShare = -1;
  for (const deltaMax of [0, 0.05, 0.1, 0.2]) {
    const r = await roar.generate(net, f, { deltaMax }, { spec: ds.spec });
    let robust = 0;
    for (let i = 0; i < f.rows; i++) {
      if (roarInnerMax(lin.w, lin.b, r.counterfactuals.data.subarray(i * f.cols, (i + 1) * f.cols), 0.2).worstLogit > 0) robust++;
    }
    assert.ok(robust / f.rows >= prevShare, `δ_max = ${deltaMax}: robust share ${robust / f.rows} < ${prevShare}`);
    if (deltaMax === 0) assert.ok(robust / f.rows < 0.2, 'plain recourses sit on the boundary and rarely survive a shift');
    prevShare = robust / f.rows;
  }
  assert.ok(prevShare > 0.5, 'at δ_max = 0.2 most recourses survive the 0.2 shift');
  net.dispose();
});

test('the LIME surrogate of a logistic model recovers its weights in input units (logit scale)', () => {
  const ds = synthetic(6);
  const net = trained(ds, 'lr', 0, 40);
  const { w, b } = net.linear()!;
  const f = negatives(net, ds.test.x, 3);
  const s = limeSurrogates(net, f, [...Array(f.rows).keys()], ds.train, { samples: 3000, kernelWidth: 0, ridge: 1, seed: 0 });
  for (let i = 0; i < f.rows; i++) {
    w.forEach((wj, j) => assert.ok(Math.abs(s.W[i * f.cols + j] - wj) < 0.02 * (1 + Math.abs(wj)), `row ${i} w${j}: ${s.W[i * f.cols + j]} vs ${wj}`));
    assert.ok(Math.abs(s.b[i] - b) < 0.05 * (1 + Math.abs(b)));
  }
  net.dispose();
});

test('ROAR on an MLP runs through LIME surrogates and needs the training data for it', async () => {
  const ds = synthetic(7);
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 10);
  await assert.rejects(roar.generate(net, f, {}, { spec: ds.spec }), /needs the training data/);
  const r = await roar.generate(net, f, { limeSamples: 500 }, { spec: ds.spec, train: ds.train });
  assert.ok(r.worstCaseLogits.length === f.rows && r.worstCaseLogits.every(Number.isFinite), 'every searched row reports its worst-case logit');
  assert.ok(r.found.filter(Boolean).length >= 7);
  assert.ok(r.counterfactuals.data.every((v) => v >= 0 && v <= 1));
  await assert.rejects(
    roar.generate(net, fromRows([[0.5, 0.5, 0.5, 0.5, 0.5, 1]]), { deltaMax: -0.1 }),
    /roar: option deltaMax must be a number ≥ 0; got -0\.1/,
  );
  net.dispose();
});
