import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src/backend';
import { featureLayout, isFeasible } from '../src/data/layout';
import { logitsOf } from '../src/models/predict';
import { scfeClosedForm } from '../src/recourse/exact/linear';
import { scfe } from '../src/recourse/scfe';
import { RecourseError } from '../src/util/errors';
import { fromRows, takeRows } from '../src/util/matrix';
import { linearNet, negatives, rowOf, synthetic, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

test('SCFE with the squared-ℓ2 distance and the (logit − s)² loss converges to the closed form within 1e-3', async () => {
  const w = [1.2, -0.8, 0.5, 1.0];
  const b = -1;
  const net = linearNet(w, b);
  const x = fromRows([
    [0.4, 0.6, 0.5, 0.3],
    [0.5, 0.5, 0.4, 0.45],
    [0.35, 0.55, 0.6, 0.5],
  ]);
  const [s, lambda] = [0.5, 0.5];
  const r = await scfe.generate(net, x, { norm: 'l2sq', loss: 'mse', targetLogit: s, lambda, stopAtValid: false, maxSteps: 4000, learningRate: 0.005 });
  for (let i = 0; i < x.rows; i++) {
    const z = scfeClosedForm(w, b, rowOf(x, i), s, lambda);
    const target = Array.from(rowOf(x, i), (v, j) => v + z[j]);
    assert.ok(
      target.every((v) => v > 0 && v < 1),
      'the closed form lies inside the box, so the clamp is inactive',
    );
    const err = Math.max(...target.map((v, j) => Math.abs(v - r.counterfactuals.data[i * x.cols + j])));
    assert.ok(err < 1e-3, `row ${i}: |SCFE − closed form|∞ = ${err}`);
  }
  net.dispose();
});

test('SCFE stops each row at a valid, feasible iterate: [0,1], binaries in {0,1}, immutables unchanged', async () => {
  const ds = synthetic();
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 40);
  const r = await scfe.generate(net, f, {}, { spec: ds.spec });
  const layout = featureLayout(f.cols, ds.spec);
  const z = logitsOf(net, r.counterfactuals);
  assert.ok(r.found.filter(Boolean).length >= 30, 'most rows find a recourse');
  for (let i = 0; i < f.rows; i++) {
    assert.equal(r.found[i], z[i] > 0);
    assert.ok(isFeasible(layout, rowOf(r.counterfactuals, i), rowOf(f, i)), `row ${i} is feasible`);
    if (r.found[i]) assert.ok(r.iterations[i] <= 1000);
  }
  net.dispose();
});

test('SCFE is batch-independent and deterministic: a row optimised alone equals the same row in a batch', async () => {
  const ds = synthetic(2);
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 12);
  const all = await scfe.generate(net, f, {}, { spec: ds.spec });
  const again = await scfe.generate(net, f, {}, { spec: ds.spec });
  assert.deepEqual(Array.from(all.counterfactuals.data), Array.from(again.counterfactuals.data));
  for (const i of [0, 5, 11]) {
    const one = await scfe.generate(net, takeRows(f, [i]), {}, { spec: ds.spec });
    assert.equal(one.iterations[0], all.iterations[i]);
    const diff = Math.max(...Array.from(rowOf(one.counterfactuals, 0), (v, j) => Math.abs(v - all.counterfactuals.data[i * f.cols + j])));
    assert.ok(diff < 1e-5, `row ${i} differs by ${diff}`);
  }
  net.dispose();
});

test('a factual already classified positive is returned unchanged after 0 iterations', async () => {
  const net = linearNet([1, 1], -0.5);
  const x = fromRows([
    [0.9, 0.9],
    [0.1, 0.1],
  ]);
  const r = await scfe.generate(net, x);
  assert.deepEqual(r.alreadyPositive, [true, false]);
  assert.equal(r.iterations[0], 0);
  assert.deepEqual(Array.from(rowOf(r.counterfactuals, 0)), Array.from(rowOf(x, 0)));
  assert.ok(r.found[1] && r.iterations[1] > 0);
  net.dispose();
});

test('SCFE leaves no tensors behind', async () => {
  const net = linearNet([2, -1, 1], -1);
  const x = fromRows([
    [0.1, 0.5, 0.2],
    [0.3, 0.3, 0.3],
  ]);
  const before = tf.memory().numTensors;
  await scfe.generate(net, x, { maxSteps: 50 });
  assert.equal(tf.memory().numTensors, before);
  net.dispose();
});

test('bad SCFE options and inputs give errors naming the problem', async () => {
  const net = linearNet([1, 1], 0);
  const x = fromRows([[0.1, 0.1]]);
  await assert.rejects(
    scfe.generate(net, x, { lambda: -1 }),
    (e: Error) => e instanceof RecourseError && /scfe: option lambda must be a number ≥ 0; got -1/.test(e.message),
  );
  await assert.rejects(scfe.generate(net, x, { maxSteps: 0 }), /scfe: option maxSteps must be a number ≥ 1; got 0/);
  await assert.rejects(scfe.generate(net, x, { norm: 'l3' as never }), /scfe: option norm must be one of l1, l2, l2sq/);
  await assert.rejects(scfe.generate(net, x, { lamda: 1 } as never), /unknown option 'lamda' for scfe/);
  await assert.rejects(scfe.generate(net, fromRows([])), /no factuals given/);
  await assert.rejects(scfe.generate(net, fromRows([[0.1, 2]])), /must be \[0,1\]-scaled/);
  await assert.rejects(scfe.generate(net, fromRows([[0.1, 0.2, 0.3]])), /factuals have 3 columns but the model expects 2/);
  net.dispose();
});
