import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { costDifference, recourseCosts, recourseRobustness, selectFactuals, summarizeRecourse } from '../src/metrics';
import { exact } from '../src/recourse/exact/method';
import { featureLayout, plainLayout } from '../src/data/layout';
import { fromRows } from '../src/util/matrix';
import { constantModel, linearNet } from './recourse-fixtures';

await initBackend({ quiet: true });

test('costs: ℓ2, ℓ1, ℓ∞ and ℓ0 on hand-computed rows', () => {
  const x = fromRows([
    [0, 0, 0],
    [0.5, 0.5, 0.5],
    [1, 0, 1],
  ]);
  const cf = fromRows([
    [0.3, 0.4, 0],
    [0.5, 0.5, 0.5],
    [0, 0, 1 - 5e-6],
  ]);
  const c = recourseCosts(x, cf);
  assert.deepEqual(
    Array.from(c.l2).map((v) => +v.toFixed(6)),
    [0.5, 0, +Math.hypot(1, 5e-6).toFixed(6)],
  );
  assert.deepEqual(
    Array.from(c.l1).map((v) => +v.toFixed(6)),
    [0.7, 0, 1.000005],
  );
  assert.deepEqual(
    Array.from(c.linf).map((v) => +v.toFixed(6)),
    [0.4, 0, 1],
  );
  assert.deepEqual(Array.from(c.l0), [2, 0, 1], 'a change below 1e-5 does not count');
  assert.throws(() => recourseCosts(x, fromRows([[0, 0, 0]])), /pass the rows of one call/);
});

test('cost difference is ‖ζ_R‖ − ‖ζ_NR‖: robust minus non-robust', () => {
  assert.equal(costDifference(2, 1.5), 0.5);
  assert.equal(costDifference(1, 2), -1);
});

test("factual policies: negative = this model's negatives; reference = the ε=0 model's, with already-positive points valid at cost 0", async () => {
  const test_ = {
    x: fromRows([
      [0.1, 0.1],
      [0.9, 0.9],
      [0.4, 0.3],
      [0.2, 0.7],
    ]),
    y: Float32Array.from([0, 1, 0, 1]),
  };
  const reference = linearNet([1, 1], -1); // negatives: rows 0, 2, 3 (0.9 is the only positive sum > 1... row 3: 0.9 < 1)
  const robust = linearNet([1, 1], -0.5); // predicts rows 2 and 3 positive
  const own = selectFactuals(test_, reference);
  assert.deepEqual(own.indices, [0, 2, 3]);
  assert.deepEqual(own.alreadyPositive, [false, false, false]);
  assert.equal(own.eligible, 3);
  const ref = selectFactuals(test_, robust, { policy: 'reference', reference, n: 2 });
  assert.deepEqual(ref.indices, [0, 2]);
  assert.deepEqual(ref.alreadyPositive, [false, true]);
  assert.equal(ref.eligible, 3, 'eligible counts before the cap n');
  const r = await exact.generate(robust, ref.x);
  const s = summarizeRecourse(robust, ref.x, r);
  assert.equal(s.alreadyPositive, 1);
  assert.equal(s.validity, 1);
  const onlyFirst = Math.hypot(...[0, 1].map((j) => r.counterfactuals.data[j] - ref.x.data[j]));
  assert.ok(Math.abs(s.meanCostAll - onlyFirst / 2) < 1e-9, 'the already-positive factual adds cost 0');
  assert.throws(() => selectFactuals(test_, robust, { policy: 'reference' }), /needs a reference model/);
  assert.throws(() => selectFactuals(test_, robust, { n: 0 }), /n must be a positive integer/);
  assert.throws(() => selectFactuals(test_, constantModel(2, 1)), /predicts every test point positive/);
  reference.dispose();
  robust.dispose();
});

test("factual policy 'both': the first n in file order both models predict negative; none qualifying names the model and the remedy", () => {
  const test_ = {
    x: fromRows([
      [0.1, 0.1],
      [0.9, 0.9],
      [0.4, 0.3],
      [0.2, 0.7],
      [0.05, 0.2],
    ]),
    y: Float32Array.from([0, 1, 0, 1, 0]),
  };
  const reference = linearNet([1, 1], -1); // negatives: rows 0, 2, 3, 4
  const robust = linearNet([1, 1], -0.6); // negatives: rows 0, 4 (sums 0.2 and 0.25)
  const both = selectFactuals(test_, robust, { policy: 'both', reference, n: 1 });
  assert.deepEqual(both.indices, [0]);
  assert.equal(both.eligible, 2);
  assert.deepEqual(both.alreadyPositive, [false]);
  assert.throws(() => selectFactuals(test_, robust, { policy: 'both' }), /policy 'both' needs a reference model/);
  const allPositive = constantModel(2, 1);
  assert.throws(
    () => selectFactuals(test_, allPositive, { policy: 'both', reference, names: { explained: 'the robust model (ε = 0.3)' } }),
    /no test point needs a recourse: the robust model \(ε = 0\.3\) predicts every test point positive \(positive rate 100\.0% of 5 test points\); use a smaller ε/,
  );
  assert.throws(
    () => selectFactuals(test_, robust, { policy: 'both', reference: allPositive }),
    /the reference \(ε = 0\) model predicts every test point positive/,
  );
  const flipped = linearNet([-1, -1], 1.15); // negatives: rows with sum > 1.15, i.e. row 1 only, which the reference predicts positive
  assert.throws(
    () => selectFactuals(test_, flipped, { policy: 'both', reference, remedy: 'try again' }),
    /no test point is predicted negative by both the reference \(ε = 0\) model \(positive rate 20\.0% of 5 test points\) and the model \(positive rate 80\.0% of 5 test points\); try again/,
  );
  reference.dispose();
  robust.dispose();
  flipped.dispose();
});

test('recourse robustness: 1 without noise, about ½ for a counterfactual on the boundary, falls as the noise grows', () => {
  const net = linearNet([1, 1, 0], -1);
  const onBoundary = fromRows([
    [0.5, 0.5 + 1e-6, 0.3],
    [0.9, 0.9, 0.3],
  ]);
  const layout = plainLayout(3, [2]);
  assert.deepEqual(Array.from(recourseRobustness(net, onBoundary, [true, true], layout, { sigma: 0 }).perFactual), [1, 1]);
  const r = recourseRobustness(net, onBoundary, [true, false], layout, { sigma: 0.05, samples: 4000 });
  assert.ok(Math.abs(r.perFactual[0] - 0.5) < 0.04, `on the boundary: ${r.perFactual[0]}`);
  assert.ok(Number.isNaN(r.perFactual[1]), 'invalid counterfactuals are not scored');
  const far = fromRows([[0.9, 0.9, 0.3]]);
  const small = recourseRobustness(net, far, [true], layout, { sigma: 0.2, samples: 2000 }).mean;
  const large = recourseRobustness(net, far, [true], layout, { sigma: 0.6, samples: 2000 }).mean;
  assert.ok(small > large, `${small} > ${large}`);
  assert.throws(() => recourseRobustness(net, far, [true], layout, { sigma: -1 }), /sigma must be/);
  assert.equal(featureLayout(3).continuous.length, 3);
  net.dispose();
});
