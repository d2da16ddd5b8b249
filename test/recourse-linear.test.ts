import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactLinearRecourse, scfeClosedForm, scfeClosedFormPaper } from '../src/recourse/exact/linear';
import { discreteUnits } from '../src/recourse/exact/branch-and-bound';
import type { FeatureLayout } from '../src/data/layout';
import { Rng } from '../src/util/rng';

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i], 0);
const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v, i) => s + (v - b[i]) ** 2, 0));

test('scfeClosedForm is the stationary point of (h(x+ζ) − s)² + λ‖ζ‖²', () => {
  const rng = new Rng(1);
  for (let trial = 0; trial < 20; trial++) {
    const w = Array.from({ length: 6 }, () => rng.normal() * 3);
    const x = Array.from({ length: 6 }, () => rng.next());
    const b = rng.normal();
    const [s, lambda] = [rng.normal() * 2, rng.uniform(0.01, 2)];
    const z = scfeClosedForm(w, b, x, s, lambda);
    const r =
      dot(
        w,
        x.map((v, j) => v + z[j]),
      ) +
      b -
      s;
    // gradient: 2 r w + 2 λ ζ = 0
    w.forEach((wj, j) => assert.ok(Math.abs(r * wj + lambda * z[j]) < 1e-9));
    // and the objective is not improved by random nudges (convexity: stationary = global minimum)
    const obj = (zz: number[]) =>
      (dot(
        w,
        x.map((v, j) => v + zz[j]),
      ) +
        b -
        s) **
        2 +
      lambda * dot(zz, zz);
    const f0 = obj(Array.from(z));
    for (let k = 0; k < 20; k++) assert.ok(obj(Array.from(z, (v) => v + rng.normal() * 1e-3)) >= f0 - 1e-12);
  }
});

test('the paper form (Definition 1 as printed) is λ times the correct closed form', () => {
  const w = [1.5, -2, 0.5];
  const x = [0.2, 0.4, 0.9];
  for (const lambda of [0.1, 1, 3]) {
    const good = scfeClosedForm(w, 0.3, x, 1, lambda);
    const paper = scfeClosedFormPaper(w, 0.3, x, 1, lambda);
    good.forEach((g, j) => assert.ok(Math.abs(paper[j] - lambda * g) < 1e-12));
  }
});

test('exact relaxed recourse: reaches the margin, stays in the box, keeps immutables, and beats every sampled feasible point', () => {
  const rng = new Rng(7);
  let feasibleSamples = 0;
  for (let trial = 0; trial < 30; trial++) {
    const d = 4;
    const w = Array.from({ length: d }, () => rng.normal() * 3);
    const x = Array.from({ length: d }, () => rng.next());
    const b = -dot(w, x) - rng.uniform(0.1, 2); // the factual is negative
    const r = exactLinearRecourse(w, b, x, { margin: 0, immutable: [0] });
    if (!r.feasible) {
      // infeasible means even the best box corner (immutable fixed) stays below the margin
      const best = w.reduce((s, wj, j) => s + (j === 0 ? wj * x[0] : Math.max(0, wj)), b);
      assert.ok(best < 0);
      continue;
    }
    assert.ok(dot(w, r.x) + b >= -1e-9, 'reaches the boundary');
    assert.ok(Array.from(r.x).every((v) => v >= 0 && v <= 1));
    assert.equal(r.x[0], x[0]);
    for (let k = 0; k < 4000; k++) {
      const y = x.map((v, j) => (j === 0 ? v : Math.min(1, Math.max(0, v + (rng.next() - 0.5) * 2 * (r.cost + 0.05)))));
      if (dot(w, y) + b < 0) continue;
      feasibleSamples++;
      assert.ok(dist(y, x) >= r.cost - 1e-9, `sample beats the optimum: ${dist(y, x)} < ${r.cost}`);
    }
  }
  assert.ok(feasibleSamples > 1000, 'the comparison is not vacuous');
});

test('exact recourse with a margin is classified positive and costs at most margin/‖w‖ more than the boundary', () => {
  const w = [2, -1, 3];
  const x = [0.1, 0.8, 0.2];
  const b = -2;
  const r0 = exactLinearRecourse(w, b, x, { margin: 0 });
  const r1 = exactLinearRecourse(w, b, x, { margin: 1e-3 });
  assert.ok(dot(w, r1.x) + b >= 1e-3 - 1e-12);
  assert.ok(r1.cost >= r0.cost && r1.cost <= r0.cost + 1e-3 / Math.sqrt(14) + 1e-9);
});

test('branch and bound equals brute-force enumeration over binary and one-hot columns', () => {
  const layout: FeatureLayout = {
    d: 7,
    mutable: Float32Array.from([1, 1, 1, 1, 1, 1, 0]),
    continuous: [0, 1],
    binary: [2],
    groups: [[3, 4, 5]],
    immutable: [6],
  };
  const rng = new Rng(3);
  for (let trial = 0; trial < 40; trial++) {
    const w = Array.from({ length: 7 }, () => rng.normal() * 3);
    const x = [rng.next(), rng.next(), rng.int(2), 0, 0, 0, rng.next()];
    x[3 + rng.int(3)] = 1;
    const b = -dot(w, x) - rng.uniform(0.1, 3);
    const bb = exactLinearRecourse(w, b, x, { margin: 0, layout });
    // brute force: each discrete combination, then the exact continuous part
    let best = Infinity;
    for (const o1 of discreteUnits(layout, x, w)[0].options) {
      for (const o2 of discreteUnits(layout, x, w)[1].options) {
        const y = [...x];
        y[2] = o1.values[0];
        [3, 4, 5].forEach((j, i) => (y[j] = o2.values[i]));
        const sub = exactLinearRecourse([w[0], w[1]], b + dot(w.slice(2), y.slice(2)), [x[0], x[1]], { margin: 0 });
        if (sub.feasible) best = Math.min(best, Math.sqrt(sub.cost ** 2 + (o1.sqCost + o2.sqCost)));
      }
    }
    if (best === Infinity) {
      assert.equal(bb.feasible, false);
      continue;
    }
    assert.ok(bb.feasible && bb.optimal);
    assert.ok(Math.abs(bb.cost - best) < 1e-9, `${bb.cost} vs ${best}`);
    assert.ok(dot(w, bb.x) + b >= -1e-9);
    assert.ok([2, 3, 4, 5].every((j) => bb.x[j] === 0 || bb.x[j] === 1));
    assert.equal(bb.x[3] + bb.x[4] + bb.x[5], 1);
    assert.equal(bb.x[6], x[6]);
    // the relaxation is a lower bound
    assert.ok(exactLinearRecourse(w, b, x, { margin: 0, layout, relax: true }).cost <= bb.cost + 1e-9);
  }
});
