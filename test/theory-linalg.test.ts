import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLemma2 } from '../src/theory/index';
import { deltaK, lemma2Row } from '../src/experiments/theory/index';
import { NtkModel } from '../src/models/ntk/model';
import { addDiagonal, cholesky, choleskySolve, mat64, matVec, type Mat64 } from '../src/util/linalg';
import { lanczosExtremes, symmetricEigenvalues, symmetricSpectralNorm } from '../src/util/spectral';
import { norm2 } from '../src/util/matrix';
import { Rng } from '../src/util/rng';

function randomSymmetric(rng: Rng, n: number): Mat64 {
  const a = mat64(n, n);
  for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a.data[i * n + j] = a.data[j * n + i] = rng.normal();
  return a;
}

function gram(rng: Rng, n: number): Mat64 {
  const b = Array.from({ length: n * n }, () => rng.normal());
  const a = mat64(n, n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += b[i * n + k] * b[j * n + k];
      a.data[i * n + j] = s;
    }
  return a;
}

test('Cholesky solves an SPD system to 1e-10', () => {
  const rng = new Rng(1);
  const a = addDiagonal(gram(rng, 30), 0.1);
  const x = Float64Array.from({ length: 30 }, () => rng.normal());
  const sol = choleskySolve(cholesky(a), matVec(a, x));
  assert.ok(norm2(sol.map((v, i) => v - x[i])) < 1e-8 * norm2(x));
});

test('a matrix that is not positive definite is a RecourseError telling to raise β', () => {
  assert.throws(() => cholesky(mat64(2, 2, Float64Array.from([1, 2, 2, 1]))), /increase β/);
});

test('Lanczos finds the same extreme eigenvalues as a full Jacobi solve', () => {
  const rng = new Rng(2);
  for (const n of [5, 20, 60]) {
    const a = randomSymmetric(rng, n);
    const ev = symmetricEigenvalues(a);
    const l = lanczosExtremes((v) => matVec(a, v), n);
    assert.ok(Math.abs(l.min - ev[0]) < 1e-9 * Math.abs(ev[0]), `min ${l.min} vs ${ev[0]}`);
    assert.ok(Math.abs(l.max - ev[n - 1]) < 1e-9 * Math.abs(ev[n - 1]), `max ${l.max} vs ${ev[n - 1]}`);
  }
});

test('Lemma 2 holds on random matrices: ‖(A⁻¹ − B⁻¹)Y‖ ≤ ‖A⁻¹ − B⁻¹‖₂‖Y‖, with equality at the top eigenvector', () => {
  const rng = new Rng(3);
  for (let trial = 0; trial < 15; trial++) {
    const n = 10 + trial * 3;
    const d = 2 + (trial % 4);
    const beta = [0.1, 0.5, 1, 2][trial % 4];
    const X = mat64(
      n,
      d,
      Float64Array.from({ length: n * d }, () => rng.next()),
    );
    const XR = mat64(
      n,
      d,
      X.data.map((v) => Math.min(1, Math.max(0, v + 0.2 * (rng.next() - 0.5)))),
    );
    const Y = Float64Array.from({ length: n }, () => rng.normal() * 3); // any real labels, not only ±1
    const nr = new NtkModel(X, Y, beta);
    const r = new NtkModel(XR, Y, beta);
    const res = checkLemma2({ variant: {}, params: { beta }, rows: [lemma2Row(nr, r)] });
    assert.equal(res.checks[0].verdict, 'holds', `trial ${trial}: ${res.checks[0].lhs} > ${res.checks[0].bound}`);
    const dK = deltaK(nr, r);
    assert.ok(dK <= 1 / beta + 1e-12, 'both inverses are PSD with norm ≤ 1/β');
    // tightness: Δ_K is attained, so the spectral norm is not over-estimated
    const diff = (v: Float64Array) => {
      const b = r.solve(v);
      return nr.solve(v).map((x, i) => x - b[i]);
    };
    const dense = mat64(n, n);
    for (let j = 0; j < n; j++) {
      const e = new Float64Array(n);
      e[j] = 1;
      diff(e).forEach((v, i) => (dense.data[i * n + j] = v));
    }
    const ev = symmetricEigenvalues(dense);
    assert.ok(Math.abs(dK - Math.max(-ev[0], ev[n - 1])) < 1e-9 * dK);
    assert.ok(Math.abs(symmetricSpectralNorm((v) => matVec(dense, v), n) - dK) < 1e-9 * dK);
  }
});
