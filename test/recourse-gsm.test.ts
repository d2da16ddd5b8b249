import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { logitsOf } from '../src/models/predict';
import { gsm } from '../src/recourse/gsm';
import { featureLayout, isFeasible } from '../src/data/layout';
import { fromRows, takeRows } from '../src/util/matrix';
import { Stopped } from '../src/util/stop';
import { constantModel, negatives, rowOf, synthetic, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

test('GSM: every returned counterfactual has the opposite label, is feasible and keeps immutables', async () => {
  const ds = synthetic(3);
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 30);
  const r = await gsm.generate(net, f, { samplesPerShell: 300 }, { spec: ds.spec });
  const layout = featureLayout(f.cols, ds.spec);
  const z = logitsOf(net, r.counterfactuals);
  assert.ok(r.found.filter(Boolean).length >= 25);
  for (let i = 0; i < f.rows; i++) {
    if (!r.found[i]) continue;
    assert.ok(z[i] > 0, `row ${i} has the opposite (positive) label`);
    assert.ok(isFeasible(layout, rowOf(r.counterfactuals, i), rowOf(f, i)));
    assert.equal(r.counterfactuals.data[i * f.cols], f.data[i * f.cols], 'immutable column 0 unchanged');
  }
  const again = await gsm.generate(net, f, { samplesPerShell: 300 }, { spec: ds.spec });
  assert.deepEqual(Array.from(again.counterfactuals.data), Array.from(r.counterfactuals.data), 'same seed, same result');
  net.dispose();
});

test('GSM feature selection: reverting any single changed column of a sparse counterfactual loses validity', async () => {
  const ds = synthetic(4);
  const net = trained(ds, 'lr');
  const f = negatives(net, ds.test.x, 15);
  const r = await gsm.generate(net, f, { samplesPerShell: 300 }, { spec: ds.spec });
  for (let i = 0; i < f.rows; i++) {
    if (!r.found[i]) continue;
    for (let j = 0; j < f.cols; j++) {
      if (r.counterfactuals.data[i * f.cols + j] === f.data[i * f.cols + j]) continue;
      const back = Float32Array.from(rowOf(r.counterfactuals, i));
      back[j] = f.data[i * f.cols + j];
      assert.ok(logitsOf(net, { data: back, rows: 1, cols: f.cols })[0] <= 0, `row ${i}: column ${j} was not needed`);
    }
  }
  net.dispose();
});

test('GSM on a constant model stops at its caps and reports not found', async () => {
  const model = constantModel(3, -1);
  const x = fromRows([
    [0.2, 0.5, 0.7],
    [0.9, 0.1, 0.4],
  ]);
  const r = await gsm.generate(model, x, { samplesPerShell: 50, maxShells: 7, maxRadius: 100 });
  assert.deepEqual(r.found, [false, false]);
  // one shrink round (no enemy), then exactly maxIter shells
  assert.deepEqual(r.iterations, [8, 8]);
  assert.deepEqual(Array.from(r.counterfactuals.data), Array.from(x.data), 'no candidate: the factual is returned');
  const capped = await gsm.generate(model, x, { samplesPerShell: 50 });
  assert.deepEqual(capped.found, [false, false], 'the default radius cap also ends the search');
  assert.ok(capped.iterations.every((it) => it < 1000));
});

test('GSM on a model that is positive everywhere except the factual stops shrinking at maxShrink', async () => {
  const model = constantModel(2, 1);
  const r = await gsm.generate(model, fromRows([[0.5, 0.5]]), { samplesPerShell: 20, maxShrinks: 4 });
  // already positive: returned unchanged
  assert.deepEqual(r.alreadyPositive, [true]);
  assert.equal(r.iterations[0], 0);
});

test('bad GSM options are named', async () => {
  const model = constantModel(2, -1);
  const x = fromRows([[0.5, 0.5]]);
  await assert.rejects(gsm.generate(model, x, { decreaseRadius: 1 }), /gsm: option decreaseRadius must be a number > 1; got 1/);
  await assert.rejects(gsm.generate(model, x, { samplesPerShell: 0 }), /gsm: option samplesPerShell must be a number ≥ 1; got 0/);
});

test('a search asked to stop ends at its next shell: GSM on a model with no positive point stops within a second of the abort', async () => {
  const ds = synthetic(5);
  const model = constantModel(ds.test.x.cols, -5);
  const f = takeRows(ds.test.x, [0, 1, 2, 3]);
  const controller = new AbortController();
  const t0 = performance.now();
  let stoppedAt = NaN;
  setTimeout(() => {
    controller.abort();
    stoppedAt = performance.now();
  }, 300);
  // without the stop this search grows a million shells to a radius of 10^6
  await assert.rejects(
    gsm.generate(model, f, { maxShells: 1_000_000, maxRadius: 1e6, samplesPerShell: 200 }, { spec: ds.spec, signal: controller.signal }),
    (e: Error) => e instanceof Stopped,
  );
  const after = performance.now() - stoppedAt;
  assert.ok(after < 1000, `stopped ${after.toFixed(0)} ms after the abort`);
  assert.ok(performance.now() - t0 < 5000);
  // no signal: the same call runs (a small cap, so it ends) and finds nothing for a model with no positive point
  const r = await gsm.generate(model, f, { maxShells: 5, samplesPerShell: 200 }, { spec: ds.spec });
  assert.deepEqual(r.found, [false, false, false, false]);
});

test('closestPositive: the nearest candidate scored positive, the first of a tie, −1 when none is positive', async () => {
  const { closestPositive } = await import('../src/recourse/closest');
  const dist = [3, 1, 2, 1, 0.5];
  assert.equal(
    closestPositive([1, 1, 1, 1, -1], 5, (k) => dist[k]),
    1,
    'candidates 1 and 3 tie at 1; 4 is closer but negative',
  );
  assert.equal(
    closestPositive([1, -1, 1, 0, 2], 5, (k) => dist[k]),
    4,
  );
  assert.equal(
    closestPositive([0, -1, NaN], 3, (k) => dist[k]),
    -1,
    'a logit of 0 or NaN is not positive',
  );
});
