/** Every bound of Section 4 computed by hand on a 2-D toy case and compared with the library. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import {
  checkLemma1,
  checkLemma2,
  checkTheorem1,
  checkTheorem2,
  checkTheorem3,
  checkTheorem4,
  checkTheorem5,
  costDifferenceChecks,
  findStatement,
  harmonicMean,
  lemma1Delta,
  summarize,
  theorem1Bound,
  theorem2Bound,
  theorem3Bound,
  theorem3Chain,
  variantLabel,
} from '../src/theory/index';
import {
  closedFormCosts,
  deltaK,
  lemma1Rows,
  lemma2Row,
  lemmaN,
  linearisedZeta,
  targetResiduals,
  theorem1Rows,
  theorem2Rows,
  theorem4Rows,
  theorem5Rows,
  type LrPairWeights,
} from '../src/experiments/theory/index';
import { NtkModel } from '../src/models/ntk/model';
import { mat64 } from '../src/util/linalg';
import { fromRows } from '../src/util/matrix';
import { Rng } from '../src/util/rng';

await initBackend({ quiet: true });

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} ≠ ${b}`);
const linearPair = (wNR: number[], wR: number[], o: Partial<LrPairWeights> = {}): LrPairWeights => ({
  wNR: Float64Array.from(wNR),
  bNR: 0,
  wR: Float64Array.from(wR),
  bR: 0,
  eps: 0.5,
  eta: 0.01,
  steps: 10,
  epochs: 2,
  deltaTrain: NaN,
  ...o,
});

test('Lemma 1: Δ = Nη(‖x‖ + ε√d) (ℓ∞ ball; ε instead of ε√d for the ℓ2 reading) and the per-instance verdicts', () => {
  close(lemma1Delta(2, 5, 0.5, 2), 2 * (5 + 0.5 * Math.SQRT2));
  close(lemma1Delta(2, 5, 0.5, 2, 'l2'), 2 * (5 + 0.5));
  const w = linearPair([1, 2], [1, 0]);
  const { nEta } = lemmaN(w, 'steps');
  close(nEta, 0.1);
  assert.equal(lemmaN(w, 'epochs').N, 2);
  const r = checkLemma1({
    variant: { lemmaN: 'steps' },
    params: { nEta, eps: 0.5, d: 2 },
    rows: lemma1Rows(
      w,
      fromRows([
        [3, 4],
        [30, 40],
      ]),
    ),
  });
  close(r.checks[0].lhs, 2);
  close(r.checks[0].bound, 0.1 * (5 + 0.5 * Math.SQRT2));
  close(r.checks[1].bound, 0.1 * (50 + 0.5 * Math.SQRT2));
  assert.deepEqual(
    r.checks.map((c) => c.verdict),
    ['violated', 'holds'],
  );
});

test('Theorem 1: λ(2‖w‖ + Δ)/(‖w‖(‖w‖ − Δ)), vacuous when ‖w‖ ≤ Δ; the signed difference is ‖ζ_R‖ − ‖ζ_NR‖', () => {
  close(theorem1Bound(0.5, 5, 1), (0.5 * 11) / (5 * 4));
  assert.ok(Number.isNaN(theorem1Bound(0.5, 5, 5)));
  // ζ_NR = (0.3, 0.4), 0, (0, 0.2); ζ_R = (0.6, 0.8), 0, (0.1, 0)
  const r = checkTheorem1({
    variant: { zeta: 'closed-form', delta: 'measured', bound: 'paper' },
    params: { lambda: 0.5, wNrNorm: 5 },
    rows: theorem1Rows({ costNR: [0.5, 0, 0.2], costR: [1, 0, 0.1], deltas: [1, 5, 1] }),
  });
  assert.deepEqual(
    r.checks.map((c) => c.verdict),
    ['violated', 'vacuous', 'holds'],
  );
  close(r.checks[0].bound, 0.275);
  close(r.checks[0].lhs, 0.5);
  close(r.checks[0].signed!, 0.5);
  close(r.checks[2].signed!, -0.1);
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
  // ζ_NR = (1, 0), ζ_R = (0, 0.5)
  const res = checkTheorem2({ variant: { zeta: 'scfe' }, params: {}, rows: theorem2Rows(nr, r, fromRows([[1, 1]]), { costNR: [1], costR: [0.5] }) });
  close(res.checks[0].bound, 2 / a, 1e-7);
  close(res.checks[0].lhs, 0.5);
  assert.equal(res.checks[0].verdict, 'holds');
  // the proof's linearised SCFE step: f(x) = 0 at (1, 1), so ζ = s/(λ + ‖w̄‖²)·w̄
  const z = linearisedZeta(nr, [1, 1], 1, 0.01);
  close(z[0], c / (0.01 + a * a), 1e-7);
});

test('Theorem 3: L_G(r_R + r_NR), vacuous where a search failed, and the chain links per instance', () => {
  close(theorem3Bound(2, 0.3, 0.2), 1);
  // ζ_NR = (0.3, 0.4), ζ_R = (0.72, 0.96): costs 0.5 and 1.2, ‖x′_R − x′_NR‖ = 0.7
  const input = {
    variant: { zeta: 'cchvae' as const },
    params: { lipschitz: 2 },
    rows: [
      { costNR: 0.5, costR: 1.2, foundNR: true, foundR: true, radiusNR: 0.2, radiusR: 0.3, counterfactualGap: 0.7, discreteDiffers: false },
      { costNR: 0, costR: 0, foundNR: true, foundR: false, radiusNR: 0.2, radiusR: 0.3, counterfactualGap: 0, discreteDiffers: false },
      { costNR: 0.1, costR: 1.1, foundNR: true, foundR: true, radiusNR: 0.1, radiusR: 0.1, counterfactualGap: 1, discreteDiffers: true },
    ],
  };
  const r = checkTheorem3(input);
  close(r.checks[0].lhs, 0.7);
  close(r.checks[0].bound, 1);
  assert.deepEqual(
    r.checks.map((c) => c.verdict),
    ['holds', 'vacuous', 'violated'],
  );
  assert.match(r.checks[1].reason!, /for the robust model/);
  const chain = theorem3Chain(input);
  assert.equal(chain.compared, 2);
  assert.equal(chain.withRounding, 1);
  assert.deepEqual(
    chain.links.map((l) => l.index),
    [0, 2],
  );
  close(chain.minBoundOverGapNoRounding, 1 / 0.7);
  close(chain.minBoundOverGapRounding, 0.4);
  close(chain.minBoundOverLhs, 0.4);
});

test('Lemma 2: Δ_K = 1/3 and ‖w_NR − w_R‖ = 1/3 ≤ Δ_K‖Y‖ = √2/3 on the toy', () => {
  const { nr, r } = toyPair();
  close(deltaK(nr, r), 1 / 3, 1e-10);
  const res = checkLemma2({ variant: {}, params: { beta: 1 }, rows: [lemma2Row(nr, r)] });
  close(res.checks[0].lhs, 1 / 3, 1e-10);
  close(res.checks[0].bound, Math.SQRT2 / 3, 1e-10);
  assert.equal(res.checks[0].verdict, 'holds');
});

test('Theorem 4 bookkeeping: condition / conclusion / counterexample counts, and no recourse is vacuous', () => {
  // f_NR = x₁, f_R = x₁/2. Instances: (cond, concl) = (T, T), (T, F), (F, T), (F, F), and one without a robust recourse.
  const w = linearPair([1, 0], [0.5, 0]);
  const rows = theorem4Rows(
    w,
    fromRows([
      [2, 0],
      [0.1, 0],
      [3, 0],
      [0, 0],
      [2, 0],
    ]),
    fromRows([
      [1, 0],
      [1, 0],
      [0.5, 0],
      [4, 0],
      [1, 0],
    ]),
    [2, 1, 1, 0.5, 2],
    [true, true, true, true, true],
    [true, true, true, true, false],
  );
  const r = checkTheorem4({ variant: { zeta: 'scfe', delta: 'lemma1' }, params: {}, rows });
  assert.deepEqual(
    r.checks.map((c) => c.verdict),
    ['holds', 'violated', 'vacuous', 'vacuous', 'vacuous'],
  );
  close(r.checks[1].lhs, 0.9, 1e-7); // counterfactuals are float32 matrices
  close(r.checks[1].bound, 1);
  close(r.checks[3].bound, 2);
  assert.match(r.checks[4].reason!, /no valid recourse from the search for the robust model/);
  assert.deepEqual(r.implication, { noRecourse: 1, conditionHolds: 2, conclusionHolds: 2, counterexamples: 1, conclusionWithoutCondition: 1 });
});

test('Theorem 5 on the NTK toy: one vacuous, one holding, one counterexample, one without recourse', () => {
  const { nr, r } = toyPair();
  const rows = theorem5Rows(
    nr,
    r,
    fromRows([
      [1, 0],
      [2, 0],
      [0, 1],
      [2, 0],
    ]),
    fromRows([
      [0, 1],
      [1, 0],
      [0, 0.9],
      [1, 0],
    ]),
    [true, true, true, false],
    [true, true, true, true],
  );
  const res = checkTheorem5({ variant: { zeta: 'scfe' }, params: { deltaK: 1 / 3, yNorm: Math.SQRT2 }, rows });
  // 0: |(K(e2, X_R) − K(e1, X))ᵀw_NR| = |(−1/2, 1/2)·(2/3, −2/3)| = 2/3 > ‖(0, 1/2)‖·(1/3)·√2
  close(res.checks[0].lhs, 2 / 3, 1e-10);
  close(res.checks[0].bound, (0.5 * Math.SQRT2) / 3, 1e-10);
  // 1: K(e1, X_R) = K(2e1, X) = (1, 0): lhs 0; f_NR(2e1) = 2/3 ≥ f_R(e1) = 1/3
  close(res.checks[1].lhs, 0, 1e-10);
  // 2: lhs = |(0, −0.05)·w_NR| = 1/30 ≤ 0.45·√2/3, but f_NR(e2) = −1/3 < f_R(0.9e2) = −0.3
  close(res.checks[2].lhs, 1 / 30, 1e-6); // 0.9 is a float32
  close(res.checks[2].bound, (0.45 * Math.SQRT2) / 3, 1e-7);
  assert.deepEqual(
    res.checks.map((c) => c.verdict),
    ['vacuous', 'holds', 'violated', 'vacuous'],
  );
  assert.deepEqual(res.implication, { noRecourse: 1, conditionHolds: 2, conclusionHolds: 2, counterexamples: 1, conclusionWithoutCondition: 1 });
});

test('verdicts: rounding slack, vacuous rows excluded from the bound statistics, counts add up', () => {
  const r = checkTheorem1({
    variant: { zeta: 'closed-form', delta: 'measured', bound: 'paper' },
    params: { lambda: 1, wNrNorm: 5 },
    // bound 11/20 = 0.55; row 0 sits exactly on it (up to rounding), row 1 is above, row 2 is vacuous
    rows: theorem1Rows({ costNR: [0.55 * (1 + 1e-12), 0.6, 0], costR: [0, 0, 0], deltas: [1, 1, 10] }),
  });
  assert.deepEqual(
    r.checks.map((c) => c.verdict),
    ['holds', 'violated', 'vacuous'],
  );
  const s = summarize(r);
  assert.equal(s.holds + s.violated + s.vacuous, 3);
  close(s.boundMean, 0.55);
  close(s.lhsMean, (0.55 * (1 + 1e-12) + 0.6) / 3);
  assert.equal(s.label, 'ζ=closed-form, Δ=measured, bound=paper');
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
    const r = checkTheorem1({
      variant: { zeta: 'closed-form', delta: 'measured', bound: 'corrected' },
      params: { lambda, wNrNorm: Math.hypot(...wNR) },
      rows: theorem1Rows({
        costNR: closedFormCosts(wNR, bNR, x, s, lambda, 'closed-form'),
        costR: closedFormCosts(wR, bR, x, s, lambda, 'closed-form'),
        deltas: new Array(5).fill(gap),
        residualNR: targetResiduals(wNR, bNR, x, s),
        residualR: targetResiduals(wR, bR, x, s),
      }),
    });
    for (const c of r.checks) {
      assert.notEqual(c.verdict, 'violated', `trial ${trial}: ${c.lhs} > ${c.bound}`);
      if (c.verdict === 'holds') checked++;
    }
  }
  assert.ok(checked > 100, `only ${checked} non-vacuous checks`);
  assert.throws(
    () => checkTheorem1({ variant: { bound: 'corrected' }, params: { lambda: 1, wNrNorm: 5 }, rows: theorem1Rows({ costNR: [0], costR: [0], deltas: [1] }) }),
    /needs the target residuals/,
  );
});

test('cost-difference checks: an instance where either search failed is vacuous, with the reason', () => {
  const costs = { nr: [5, 1, 0], r: [1, 2, 0] };
  const rows = costs.nr.map((c, i) => ({ costNR: c, costR: costs.r[i], foundNR: [true, false, true][i], foundR: [true, true, false][i] }));
  const checks = costDifferenceChecks(rows, () => ({ bound: 10 }));
  assert.deepEqual(
    checks.map((c) => c.verdict),
    ['holds', 'vacuous', 'vacuous'],
  );
  assert.equal(checks[0].lhs, 4);
  assert.equal(checks[0].signed, -4);
  assert.match(checks[1].reason!, /non-robust model/);
  assert.match(checks[2].reason!, /for the robust model/);
  const without = costDifferenceChecks(
    rows.map((r) => ({ ...r, foundNR: true, foundR: true })),
    () => ({ bound: 0.5 }),
  );
  assert.deepEqual(
    without.map((c) => c.verdict),
    ['violated', 'violated', 'holds'],
  );
});

test('variants: one label formatter, and findStatement matches fields exactly and refuses ambiguity', () => {
  const st = (zeta: 'scfe' | 'closed-form', bound: 'paper' | 'corrected') =>
    checkTheorem1({
      variant: { zeta, delta: 'measured', bound },
      params: { lambda: 1, wNrNorm: 5 },
      rows: theorem1Rows({ costNR: [0], costR: [0], deltas: [1], residualNR: [1], residualR: [1] }),
    });
  const all = [st('scfe', 'paper'), st('closed-form', 'paper'), st('closed-form', 'corrected')];
  assert.equal(variantLabel({ zeta: 'scfe', delta: 'lemma1', lemmaN: 'steps' }), 'ζ=scfe, Δ=lemma1, N=steps');
  assert.equal(variantLabel({}), '—');
  assert.equal(findStatement(all, 'theorem1', { zeta: 'closed-form', bound: 'corrected' }), all[2]);
  assert.equal(findStatement(all, 'theorem1', { zeta: 'scfe' }), all[0]);
  assert.throws(() => findStatement(all, 'theorem1', { zeta: 'closed-form' }), /several theorem1 statements match/);
  assert.throws(() => findStatement(all, 'theorem1', { zeta: 'linearised' }), /no theorem1 statements match .*measured variants: ζ=scfe/);
  assert.throws(() => findStatement(all, 'lemma1'), /no lemma1 statements/);
});
