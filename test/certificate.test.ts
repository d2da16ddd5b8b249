/** The certificate that no recourse exists: exact for LR, sound for ReLU nets, and never contradicted by a search. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as tf from '@tensorflow/tfjs';
import { featureLayout } from '../src/data/layout';
import type { DatasetSpec } from '../src/data/definition';
import type { LayerWeights } from '../src/models/dense';
import { Net } from '../src/models/net';
import { certifiedNoRecourse, intervalUpperBound, linearMaximum, logitUpperBounds } from '../src/recourse/certificate';
import { getRecourseMethod } from '../src/recourse/index';
import type { Classifier } from '../src/models/types';
import { Rng } from '../src/util/rng';

/** 5 columns: 0 continuous, 1 binary, 2–3 a one-hot group, 4 immutable. */
const SPEC: DatasetSpec = {
  name: 'cert',
  label: 'y',
  features: ['a', 'b', 'g1', 'g2', 'fixed'],
  types: ['continuous', 'binary', 'binary', 'binary', 'continuous'],
  oneHotGroups: [[2, 3]],
  immutable: [4],
};
const layout = featureLayout(5, SPEC);

/** Every corner of one factual's feasible set (continuous columns at 0 or 1, one-hot groups one-hot, immutables fixed). */
function corners(x: readonly number[]): number[][] {
  const out: number[][] = [];
  for (const a of [0, 1])
    for (const b of [0, 1])
      for (const g of [
        [1, 0],
        [0, 1],
      ])
        out.push([a, b, g[0], g[1], x[4]]);
  return out;
}

test('LR: the closed-form maximum over the feasible set equals a brute-force maximum over its corners', () => {
  const rng = new Rng(1);
  for (let t = 0; t < 200; t++) {
    const layer: LayerWeights = { inDim: 5, outDim: 1, W: Array.from({ length: 5 }, () => rng.normal() * 2), b: [rng.normal()] };
    const x = [rng.next(), rng.next() < 0.5 ? 0 : 1, 1, 0, rng.next()];
    const brute = Math.max(...corners(x).map((c) => c.reduce((s, v, j) => s + v * layer.W[j], layer.b[0])));
    assert.ok(Math.abs(linearMaximum(layer, x, layout) - brute) < 1e-9, `trial ${t}`);
  }
});

test('ReLU nets: the interval bound is never below the logit at any feasible point', () => {
  const rng = new Rng(2);
  for (let t = 0; t < 40; t++) {
    const net = Net.init(t % 2 ? [5, 6, 1] : [5, 4, 4, 1], t);
    const w = net.weights();
    const x = [rng.next(), 1, 0, 1, rng.next()];
    const bound = logitUpperBounds(w, { rows: 1, cols: 5, data: Float32Array.from(x) }, layout)[0];
    for (let k = 0; k < 200; k++) {
      const g = rng.next() < 0.5;
      const p = [rng.next(), rng.next() < 0.5 ? 0 : 1, g ? 1 : 0, g ? 0 : 1, x[4]];
      const z = forward(w, p);
      assert.ok(z <= bound + 1e-9, `net ${t}: logit ${z} above the bound ${bound}`);
    }
    net.dispose();
  }
  // the box itself: a one-unit net whose bound is attained at a corner
  assert.equal(intervalUpperBound([{ inDim: 2, outDim: 1, W: [1, -1], b: [0] }], [0, 0], [1, 1]), 1);
});

/** A plain-JS forward pass (the reference the bound is held against). */
function forward(layers: readonly LayerWeights[], x: readonly number[]): number {
  let h = [...x];
  layers.forEach((l, k) => {
    const out = Array.from({ length: l.outDim }, (_, o) => h.reduce((s, v, i) => s + v * l.W[i * l.outDim + o], l.b[o]));
    h = k < layers.length - 1 ? out.map((v) => Math.max(0, v)) : out;
  });
  return h[0];
}

test('no method finds a valid recourse where the certificate says none exists (random small nets, searched without it)', async () => {
  const rng = new Rng(3);
  let certifiedRows = 0;
  for (let t = 0; t < 6; t++) {
    const w = Net.initWeights([5, 6, 1], 10 + t);
    // a negative output bias makes the positive region small or empty for many factuals
    const weights = w.map((l, i) => (i === w.length - 1 ? { ...l, b: [-1.5 - rng.next()] } : l));
    const net = new Net(weights);
    const n = 30;
    const data = new Float32Array(n * 5);
    for (let i = 0; i < n; i++) {
      const g = rng.next() < 0.5;
      data.set([rng.next(), rng.next() < 0.5 ? 0 : 1, g ? 1 : 0, g ? 0 : 1, rng.next()], i * 5);
    }
    const factuals = { rows: n, cols: 5, data };
    const certified = certifiedNoRecourse([weights], factuals, layout);
    certifiedRows += certified.filter(Boolean).length;
    // the same net without denseNets: the wrapper cannot certify, so every method searches every negative row
    const hidden: Classifier = { inputDim: 5, logits: (x: tf.Tensor2D) => net.logits(x), logitInputGradient: (x: tf.Tensor2D) => net.logitInputGradient(x) };
    for (const method of ['scfe', 'gsm']) {
      const r = await getRecourseMethod(method).generate(hidden, factuals, method === 'gsm' ? { samplesPerShell: 200, maxShells: 60 } : { maxSteps: 300 }, {
        spec: SPEC,
      });
      assert.ok(
        r.certified.every((c) => !c),
        "nothing is certified without the net's weights",
      );
      certified.forEach((c, i) => assert.ok(!(c && r.found[i]), `${method}, net ${t}, row ${i}: a recourse where none can exist`));
      // with the weights the wrapper certifies the same rows and does not search them
      const direct = await getRecourseMethod(method).generate(net, factuals, method === 'gsm' ? { samplesPerShell: 200, maxShells: 60 } : { maxSteps: 300 }, {
        spec: SPEC,
      });
      assert.deepEqual(
        direct.certified,
        certified.map((c, i) => c && !direct.alreadyPositive[i]),
      );
      direct.certified.forEach((c, i) => c && assert.equal(direct.found[i], false));
      direct.certified.forEach((c, i) => c && assert.equal(direct.iterations[i], 0));
    }
    net.dispose();
  }
  assert.ok(certifiedRows > 0, 'the nets certify some rows, so the property is exercised');
});

test('the MILP certificate proves what the interval bound cannot (|x1 − x2| − 1.5 < 0 everywhere), and certified rows come out as a search would leave them', async () => {
  const { initBackend } = await import('../src/backend');
  const { milpCertified } = await import('../src/recourse/certificate-milp');
  const { fromRows } = await import('../src/util/matrix');
  await initBackend({ quiet: true });
  // h1 = relu(x1 − x2), h2 = relu(x2 − x1), logit = h1 + h2 − 1.5: at most −0.5; the interval bound says 0.5
  const layers: LayerWeights[] = [
    { inDim: 2, outDim: 2, W: [1, -1, -1, 1], b: [0, 0] },
    { inDim: 2, outDim: 1, W: [1, 1], b: [-1.5] },
  ];
  const plain = featureLayout(2);
  const f = fromRows([
    [0.1, 0.9],
    [0.5, 0.5],
    [0.3, 0.2],
  ]);
  assert.ok(intervalUpperBound(layers, [0, 0], [1, 1]) > 0, 'the interval bound proves nothing here');
  assert.deepEqual(certifiedNoRecourse([layers], f, plain), [false, false, false]);
  const train = fromRows([
    [0, 0],
    [1, 0],
    [0.2, 0.7],
  ]);
  assert.deepEqual(await milpCertified(layers, f, plain, [true, true, false], train), [true, true, false], 'open rows proven, the closed one left alone');
  // with one positive point (logit = |x1 − x2| − 0.5) nothing is certified
  const reachable: LayerWeights[] = [layers[0], { ...layers[1], b: [-0.5] }];
  assert.deepEqual(await milpCertified(reachable, f, plain, [true, true, true], train), [false, false, false]);
  const net = new Net(layers);
  const gsm = getRecourseMethod('gsm');
  const withTrain = await gsm.generate(net, f, { maxShells: 50, samplesPerShell: 200 }, { train: { x: train, y: new Float32Array(3) } });
  const without = await gsm.generate(net, f, { maxShells: 50, samplesPerShell: 200 });
  assert.deepEqual(withTrain.certified, [true, true, true]);
  assert.deepEqual(without.certified, [false, false, false]);
  assert.deepEqual(withTrain.found, without.found);
  assert.deepEqual(
    Array.from(withTrain.counterfactuals.data),
    Array.from(without.counterfactuals.data),
    'a certified row is returned as the search leaves an unfound one: the factual',
  );
  net.dispose();
});
