/** Every bound of Section 4 computed by hand on a 2-D toy case and compared with the library. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import {
  checkLemma1, checkLemma2, checkTheorem1, checkTheorem1Corrected, checkTheorem2, closedFormZetas, targetResiduals, checkTheorem3, checkTheorem4, checkTheorem5, deltaK,
  harmonicMean, lemma1Delta, linearisedZeta, mat64, NtkModel, summarize, theorem1Bound, theorem2Bound, theorem3Bound, type LrPairWeights,
} from '../src/theory';
import { costDifferenceChecks } from '../src/theory/cost-diff';
import { fromRows } from '../src/util/matrix';
import { Rng } from '../src/util/rng';

await initBackend({ quiet: true });

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);

test('Lemma 1: Δ = Nη(‖x‖ + ε√d) and the per-instance verdicts', () => {
  close(lemma1Delta(2, 5, 0.5, 2), 2 * (5 + 0.5 * Math.SQRT2));
  const pair: LrPairWeights = {
    wNR: Float64Array.from([1, 2]), bNR: 0, wR: Float64Array.from([1, 0]), bR: 0, eps: 0.5,
    N: 10, eta: 0.01, nEta: 0.1, nMeaning: 'steps', deltaTrain: NaN,
  };
  const r = checkLemma1(pair, fromRows([[3, 4], [30, 40]]));
  close(r.checks[0].lhs, 2);
  close(r.checks[0].bound, 0.1 * (5 + 0.5 * Math.SQRT2));
  close(r.checks[1].bound, 0.1 * (50 + 0.5 * Math.SQRT2));
  assert.deepEqual(r.checks.map((c) => c.verdict), ['violated', 'holds']);
});

test('Theorem 1: λ(2‖w‖ + Δ)/(‖w‖(‖w‖ − Δ)), vacuous when ‖w‖ ≤ Δ', () => {
  close(theorem1Bound(0.5, 5, 1), (0.5 * 11) / (5 * 4));
  assert.ok(Number.isNaN(theorem1Bound(0.5, 5, 5)));
  const r = checkTheorem1({
    wNR: [3, 4], lambda: 0.5, deltas: [1, 5, 1], deltaSource: 'toy', zetaSource: 'toy',
    zetaNR: [[0.3, 0.4], [0, 0], [0, 0.2]], zetaR: [[0.6, 0.8], [0, 0], [0.1, 0]],
  });
  assert.deepEqual(r.checks.map((c) => c.verdict), ['violated', 'vacuous', 'holds']);
  close(r.checks[0].bound, 0.275);
  close(r.checks[0].lhs, 0.5);
  close(r.checks[0].signed!, -0.5);
  close(r.checks[2].lhs, 0.1);
});

// The NTK toy: X = {e1, e2}, X_R = {2e1, e2}, Y = (1, −1), β = 1. K = diag(1/2, 1/2), K_R = diag(2, 1/2),
// so w_NR = (2/3, −2/3), w_R = (1/3, −2/3) and (K + I)⁻¹ − (K_R + I)⁻¹ = diag(1/3, 0): Δ_K = 1/3.
function toyPair() {
  const Y = Float64Array.from([1, -1]);
  return { nr: new NtkModel(mat64(2, 2, Float64Array.from([1, 0, 0, 1])), Y, 1), r: new NtkModel(mat64(2, 2, Float64Array.from([2, 0, 0, 1])), Y, 1) };
}

test('Theorem 2: 2/H(‖w̄_NR‖, ‖w̄_R‖) with w̄ = ∇ₓK(x, X)w at x = (1, 1)', () => {
  close(harmonicMean(2, 6), 3);
  close(theorem2Bound(2, 6), 2 / 3);
  assert.ok(Number.isNaN(theorem2Bound(0, 1)));
  const { nr, r } = toyPair();
  // ∇ₓK(x, e1) = (3/8 + 1/(4π), −1/(4π)) at 45°, and K(x, 2e1) = 2K(x, e1): both w̄ are (2/3)(3/8 + 1/(2π))(1, −1)
  const c = (2 / 3) * (3 / 8 + 1 / (2 * Math.PI));
  for (const m of [nr, r]) {
    const g = m.gradient([1, 1]);
    close(g[0], c);
    close(g[1], -c);
  }
  const a = c * Math.SQRT2;
  const res = checkTheorem2({ nr, r, factuals: fromRows([[1, 1]]), zetaSource: 'toy', zetaNR: [[1, 0]], zetaR: [[0, 0.5]] });
  close(res.checks[0].bound, 2 / a, 1e-7);
  close(res.checks[0].lhs, 0.5);
  assert.equal(res.checks[0].verdict, 'holds');
  // the proof's linearised SCFE step: f(x) = 0 at (1, 1), so ζ = s/(λ + ‖w̄‖²)·w̄
  const z = linearisedZeta(nr, [1, 1], 1, 0.01);
  close(z[0], c / (0.01 + a * a), 1e-7);
});

test('Theorem 3: L_G(r_R + r_NR), vacuous where a search failed', () => {
  close(theorem3Bound(2, 0.3, 0.2), 1);
  const r = checkTheorem3({
    lipschitz: 2, radiiNR: [0.2, 0.2], radiiR: [0.3, 0.3], foundNR: [true, true], foundR: [true, false],
    zetaNR: [[0.3, 0.4], [0, 0]], zetaR: [[0.72, 0.96], [0, 0]],
  });
  close(r.checks[0].lhs, 0.7);
  close(r.checks[0].bound, 1);
  assert.deepEqual(r.checks.map((c) => c.verdict), ['holds', 'vacuous']);
});

test('Lemma 2: Δ_K = 1/3 and ‖w_NR − w_R‖ = 1/3 ≤ Δ_K‖Y‖ = √2/3 on the toy', () => {
  const { nr, r } = toyPair();
  close(deltaK(nr, r), 1 / 3, 1e-10);
  const res = checkLemma2(nr, r);
  close(res.checks[0].lhs, 1 / 3, 1e-10);
  close(res.checks[0].bound, Math.SQRT2 / 3, 1e-10);
  assert.equal(res.checks[0].verdict, 'holds');
});

test('Theorem 4 bookkeeping: condition / conclusion / counterexample counts on a hand-built example', () => {
  // f_NR = x₁, f_R = x₁/2. Instances: (cond, concl) = (T, T), (T, F), (F, T), (F, F).
  const r = checkTheorem4({
    nr: { w: [1, 0], b: 0 }, r: { w: [0.5, 0], b: 0 },
    cfNR: fromRows([[2, 0], [0.1, 0], [3, 0], [0, 0]]),
    cfR: fromRows([[1, 0], [1, 0], [0.5, 0], [4, 0]]),
    deltas: [2, 1, 1, 0.5], variant: 'toy',
  });
  assert.deepEqual(r.checks.map((c) => c.verdict), ['holds', 'violated', 'vacuous', 'vacuous']);
  close(r.checks[1].lhs, 0.9, 1e-7); // counterfactuals are float32 matrices
  close(r.checks[1].bound, 1);
  close(r.checks[3].bound, 2);
  assert.deepEqual(r.implication, { conditionHolds: 2, conclusionHolds: 2, counterexamples: 1, conclusionWithoutCondition: 1 });
});

test('Theorem 5 on the NTK toy: one vacuous, one holding, one counterexample', () => {
  const { nr, r } = toyPair();
  const res = checkTheorem5({
    nr, r, deltaK: 1 / 3, variant: 'toy',
    cfNR: fromRows([[1, 0], [2, 0], [0, 1]]),
    cfR: fromRows([[0, 1], [1, 0], [0, 0.9]]),
  });
  // 0: |(K(e2, X_R) − K(e1, X))ᵀw_NR| = |(−1/2, 1/2)·(2/3, −2/3)| = 2/3 > ‖(0, 1/2)‖·(1/3)·√2
  close(res.checks[0].lhs, 2 / 3, 1e-10);
  close(res.checks[0].bound, (0.5 * Math.SQRT2) / 3, 1e-10);
  // 1: K(e1, X_R) = K(2e1, X) = (1, 0): lhs 0; f_NR(2e1) = 2/3 ≥ f_R(e1) = 1/3
  close(res.checks[1].lhs, 0, 1e-10);
  // 2: lhs = |(0, −0.05)·w_NR| = 1/30 ≤ 0.45·√2/3, but f_NR(e2) = −1/3 < f_R(0.9e2) = −0.3
  close(res.checks[2].lhs, 1 / 30, 1e-6); // 0.9 is a float32
  close(res.checks[2].bound, (0.45 * Math.SQRT2) / 3, 1e-7);
  assert.deepEqual(res.checks.map((c) => c.verdict), ['vacuous', 'holds', 'violated']);
  assert.deepEqual(res.implication, { conditionHolds: 2, conclusionHolds: 2, counterexamples: 1, conclusionWithoutCondition: 1 });
});

test('verdicts: rounding slack, vacuous rows excluded from the bound statistics, counts add up', () => {
  const r = checkTheorem1({
    wNR: [3, 4], lambda: 1, deltas: [1, 1, 10], deltaSource: 'toy', zetaSource: 'toy',
    // bound 11/20 = 0.55; row 0 sits exactly on it (up to rounding), row 1 is above, row 2 is vacuous
    zetaNR: [[0.55 * (1 + 1e-12), 0], [0.6, 0], [0, 0]], zetaR: [[0, 0], [0, 0], [0, 0]],
  });
  assert.deepEqual(r.checks.map((c) => c.verdict), ['holds', 'violated', 'vacuous']);
  const s = summarize(r);
  assert.equal(s.holds + s.violated + s.vacuous, 3);
  close(s.boundMean, 0.55);
  close(s.lhsMean, (0.55 * (1 + 1e-12) + 0.6) / 3);
});

test('our corrected Theorem 1 (λ replaced by the target residual) holds for the true SCFE minimiser on random linear pairs', () => {
  const rng = new Rng(11);
  let checked = 0;
  for (let trial = 0; trial < 40; trial++) {
    const d = 2 + (trial % 5);
    const wNR = Float64Array.from({ length: d }, () => rng.normal() * 3);
    const wR = wNR.map((v) => v + rng.normal() * 0.5);
    const [bNR, bR, s, lambda] = [rng.normal(), rng.normal(), rng.normal() * 2, rng.uniform(0.001, 2)];
    const x = fromRows(Array.from({ length: 5 }, () => Array.from({ length: d }, () => rng.next())));
    const gap = Math.sqrt(wNR.reduce((a, v, j) => a + (v - wR[j]) ** 2, 0));
    const r = checkTheorem1Corrected({
      wNR, lambda, deltas: new Array(5).fill(gap), deltaSource: 'measured', zetaSource: 'closed-form',
      zetaNR: closedFormZetas(wNR, bNR, x, s, lambda, false), zetaR: closedFormZetas(wR, bR, x, s, lambda, false),
      residualNR: targetResiduals(wNR, bNR, x, s), residualR: targetResiduals(wR, bR, x, s),
    });
    for (const c of r.checks) {
      assert.notEqual(c.verdict, 'violated', `trial ${trial}: ${c.lhs} > ${c.bound}`);
      if (c.verdict === 'holds') checked++;
    }
  }
  assert.ok(checked > 100, `only ${checked} non-vacuous checks`);
});

test('cost-difference checks: an instance where either search failed is vacuous, with the reason', () => {
  const nr = [[3, 4], [1, 0], [0, 0]];
  const r = [[0, 1], [0, 2], [0, 0]];
  const checks = costDifferenceChecks(nr, r, () => ({ bound: 10 }), { nr: [true, false, true], r: [true, true, false] });
  assert.deepEqual(checks.map((c) => c.verdict), ['holds', 'vacuous', 'vacuous']);
  assert.equal(checks[0].lhs, 4);
  assert.match(checks[1].reason!, /non-robust model/);
  assert.match(checks[2].reason!, /for the robust model/);
  const without = costDifferenceChecks(nr, r, () => ({ bound: 0.5 }));
  assert.deepEqual(without.map((c) => c.verdict), ['violated', 'violated', 'holds']);
});
