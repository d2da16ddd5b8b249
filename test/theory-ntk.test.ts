import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { crossKernel, kernelGradient, kernelMatrix, ntk } from '../src/models/ntk/kernel';
import { NtkModel } from '../src/models/ntk/model';
import { mat64, matVec } from '../src/util/linalg';
import { symmetricEigenvalues } from '../src/util/spectral';
import { norm2 } from '../src/util/matrix';
import { Rng } from '../src/util/rng';

await initBackend({ quiet: true });

function randomRows(rng: Rng, n: number, d: number, draw = (r: Rng) => r.next()) {
  return mat64(
    n,
    d,
    Float64Array.from({ length: n * d }, () => draw(rng)),
  );
}

test('the NTK kernel matrix is symmetric and positive semi-definite, also with zero and duplicate rows', () => {
  for (const seed of [1, 2, 3]) {
    const rng = new Rng(seed);
    const X = randomRows(rng, 40, 6, (r) => r.normal());
    X.data.fill(0, 0, 6); // row 0 is the zero vector
    X.data.copyWithin(6, 12, 18); // row 1 duplicates row 2
    const K = kernelMatrix(X);
    for (let i = 0; i < 40; i++) for (let j = 0; j < 40; j++) assert.equal(K.data[i * 40 + j], K.data[j * 40 + i]);
    const ev = symmetricEigenvalues(K);
    const largest = ev[ev.length - 1];
    assert.ok(largest > 0);
    assert.ok(ev[0] >= -1e-8 * largest, `smallest eigenvalue ${ev[0]} vs largest ${largest}`);
  }
});

test('K(x, x) = ‖x‖²/2, K(x, 0) = 0, K(x, −x) = 0 and K is 0 on orthogonal pairs', () => {
  const rng = new Rng(4);
  for (let t = 0; t < 20; t++) {
    const x = Array.from({ length: 5 }, () => rng.normal());
    const n2 = x.reduce((s, v) => s + v * v, 0);
    assert.ok(Math.abs(ntk(x, x) - n2 / 2) <= 1e-12 * n2, 'θ = 0');
    assert.equal(ntk(x, new Array(5).fill(0)), 0);
    assert.ok(
      Math.abs(
        ntk(
          x,
          x.map((v) => -v),
        ),
      ) <=
        1e-12 * n2,
      'θ = π',
    );
  }
  assert.equal(ntk([1, 0, 0], [0, 2, 0]), 0);
  // 45°: aᵀb (π − π/4)/(2π) = 1 · 3/8
  assert.ok(Math.abs(ntk([1, 0], [1, 1]) - 3 / 8) < 1e-15);
});

test('the analytic input gradient equals the tfjs autodiff gradient within 1e-5 (relative) on random data', () => {
  for (const seed of [5, 6, 7]) {
    const rng = new Rng(seed);
    const n = 30;
    const d = 5;
    const X = { rows: n, cols: d, data: rng.fill(n * d, (r) => r.next()) };
    const y = rng.fill(n, (r) => (r.next() < 0.5 ? 0 : 1));
    const m = NtkModel.fit(X, y, 1);
    for (let k = 0; k < 10; k++) {
      const x = rng.fill(d, (r) => r.next());
      const a = m.gradient(x);
      const b = m.gradientAutodiff(x);
      const diff = norm2(a.map((v, j) => v - b[j]));
      assert.ok(diff <= 1e-5 * norm2(a), `relative difference ${diff / norm2(a)}`);
    }
    m.dispose();
  }
});

test('the analytic gradient matches Float64 central differences of Σ wⱼ K(x, Xⱼ)', () => {
  const rng = new Rng(8);
  const X = randomRows(rng, 25, 4, (r) => r.normal());
  const w = Float64Array.from({ length: 25 }, () => rng.normal());
  const f = (x: number[]) => crossKernel(x, X).reduce((s, k, j) => s + k * w[j], 0);
  for (let t = 0; t < 10; t++) {
    const x = Array.from({ length: 4 }, () => rng.normal());
    const g = kernelGradient(x, X, w);
    const h = 1e-6;
    const fd = x.map((_, c) => (f(x.map((v, j) => (j === c ? v + h : v))) - f(x.map((v, j) => (j === c ? v - h : v)))) / (2 * h));
    assert.ok(norm2(fd.map((v, c) => v - g[c])) <= 1e-6 * norm2(g));
  }
});

test('the gradient is finite at the zero vector and at a training point (θ = 0)', () => {
  const X = mat64(2, 2, Float64Array.from([1, 0, 0, 2]));
  const w = [1, -1];
  // at 0 every point counts as orthogonal: Σ wⱼ zⱼ/4
  assert.deepEqual(Array.from(kernelGradient([0, 0], X, w)), [0.25, -0.5]);
  const g = kernelGradient([1, 0], X, w);
  assert.ok(g.every(Number.isFinite));
  const m = new NtkModel(X, Float64Array.from([1, -1]), 1);
  assert.ok(Array.from(m.gradientAutodiff([1, 0])).every(Number.isFinite));
  assert.ok(Array.from(m.gradientAutodiff([0, 0])).every(Number.isFinite));
  m.dispose();
});

test('NTK weights solve (K + βI)w = Y, so f(X) = Y − βw, and the tfjs logits agree with the Float64 score', () => {
  const rng = new Rng(9);
  const x = { rows: 50, cols: 4, data: rng.fill(200, (r) => r.next()) };
  const y = rng.fill(50, (r) => (r.next() < 0.4 ? 1 : 0));
  const beta = 0.5;
  const m = NtkModel.fit(x, y, beta);
  const kw = matVec(m.K, m.w);
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(kw[i] - (m.Y[i] - beta * m.w[i])) < 1e-10);
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(m.score(x.data.subarray(i * 4, i * 4 + 4)) - kw[i]) < 1e-10);
  const q = rng.fill(40, (r) => r.next());
  const z = tf.tidy(() => m.logits(tf.tensor2d(q, [10, 4])).dataSync());
  for (let i = 0; i < 10; i++) {
    const s = m.score(q.subarray(i * 4, i * 4 + 4));
    assert.ok(Math.abs(z[i] - s) <= 1e-4 * Math.max(1, Math.abs(s)), `${z[i]} vs ${s}`);
  }
  m.dispose();
});

test('a non-positive β is a clear error', () => {
  const x = { rows: 2, cols: 2, data: Float32Array.from([0.1, 0.2, 0.3, 0.4]) };
  assert.throws(() => NtkModel.fit(x, Float32Array.from([0, 1]), 0), /β \(--beta\) must be > 0/);
});
