/**
 * The fused gradient search (src/engine/search/fused-search.ts) against the reference tfjs loop it replaces: the
 * same counterfactuals, stopping decisions and iteration counts for SCFE (LR, MLPs of depth 1 and 2, a
 * NetStack; projection with binary and one-hot columns; clamp on and off; every norm and loss; rounds > 1)
 * and ROAR, chosen automatically, deterministic, and without leaking tensors.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs';
import { backendName, initBackend } from '../src/backend';
import { getDataset } from '../src/data';
import { featureLayout } from '../src/data/layout';
import { syntheticDataset } from '../src/data/synthetic';
import type { Dataset } from '../src/data/types';
import { Net, NetStack } from '../src/models/net';
import { trainModel } from '../src/models/train';
import type { Classifier } from '../src/models/types';
import { gradientSearch, type GradientSearchResult, type GradientSearchSpec } from '../src/recourse/gradient-search';
import { fusedForm } from '../src/recourse/objective';
import { roarSearchSpec, ROAR_DEFAULTS, type RoarOptions } from '../src/recourse/roar';
import { scfe, scfeSearchSpec, SCFE_DEFAULTS, type ScfeOptions } from '../src/recourse/scfe';
import { matrix, type Matrix } from '../src/util/matrix';
import { DATA_DIR, HAVE_DATA } from './helpers';
import { constantModel, negatives } from './recourse-fixtures';

await initBackend({ quiet: true });

/** Synthetic data with every column role: column 0 immutable, 1–3 continuous, 4 binary, 5–7 one one-hot group. */
function mixedColumns(seed = 3): Dataset {
  const ds = syntheticDataset({ n: 600, d: 8, binary: 4, immutable: [0], seed });
  for (const split of [ds.train, ds.test]) {
    for (let i = 0; i < split.x.rows; i++) {
      const o = i * 8;
      const hot = 5 + (i % 3);
      for (let j = 5; j < 8; j++) split.x.data[o + j] = j === hot ? 1 : 0;
    }
  }
  return { ...ds, spec: { ...ds.spec, oneHotGroups: [[5, 6, 7]] } };
}

/** Largest |a − b| over two results' points, and the rows whose stop flag or iteration count differ. */
function differences(a: GradientSearchResult, b: GradientSearchResult): { maxDiff: number; rows: number[] } {
  let maxDiff = 0;
  for (let q = 0; q < a.points.data.length; q++) maxDiff = Math.max(maxDiff, Math.abs(a.points.data[q] - b.points.data[q]));
  const rows = a.iterations.flatMap((it, i) => (it !== b.iterations[i] || a.stopped[i] !== b.stopped[i] ? [i] : []));
  return { maxDiff, rows };
}

/**
 * How far fused and reference counterfactuals may differ: on wasm none at all (the fused loop rounds as the
 * wasm kernels do, so even a one-ulp slip — a product summed in another order — fails), elsewhere float rounding.
 */
const TOLERANCE = backendName() === 'wasm' ? 0 : 1e-6;

/** Runs a search fused and (the same objective, or `referenceSpec`'s) through the reference ops; asserts equal results and returns them. */
function assertFusedEqualsReference(
  spec: GradientSearchSpec,
  what: string,
  referenceSpec = spec,
): { fused: GradientSearchResult; reference: GradientSearchResult } {
  assert.ok(fusedForm(spec.objective), `${what}: the search has a fused form`);
  const before = tf.memory().numTensors;
  const fused = gradientSearch(spec);
  assert.equal(tf.memory().numTensors, before, `${what}: the fused search creates no tensors`);
  const reference = gradientSearch(referenceSpec, { reference: true });
  const { maxDiff, rows } = differences(fused, reference);
  assert.deepEqual(rows, [], `${what}: stop flags or iteration counts differ on rows ${rows.join(', ')}`);
  assert.ok(maxDiff <= TOLERANCE, `${what}: counterfactuals differ by ${maxDiff}`);
  return { fused, reference };
}

const SCFE_CASES: [string, Partial<ScfeOptions>][] = [
  ['l1 + bce (defaults)', {}],
  ['l2 + mse', { norm: 'l2', loss: 'mse', targetLogit: 0.5 }],
  ['l2sq, λ = 0.5 so rows fail and run 3 rounds', { norm: 'l2sq', lambda: 0.5, rounds: 3, maxSteps: 120 }],
  ['carla: no clamp, no projection, λ − 0.05 per round', { carla: true, rounds: 2, maxSteps: 150 }],
  ['plain Adam, every step (no stop)', { amsgrad: false, stopAtValid: false, maxSteps: 150 }],
  ['15 steps: some rows stop, the others hit the cap', { maxSteps: 15 }],
];

const ds = mixedColumns();
const layout = featureLayout(8, ds.spec);
const models: [string, Net][] = [
  ['LR', trainModel(ds.train, { kind: 'lr', epochs: 15, seed: 0 }).net],
  ['MLP 8→16→1', trainModel(ds.train, { kind: 'mlp', epochs: 15, seed: 0 }).net],
  ['MLP 8→12→12→1', trainModel(ds.train, { kind: 'mlp', depth: 2, width: 12, epochs: 15, seed: 0 }).net],
  ['robust MLP (ε = 0.05)', trainModel(ds.train, { kind: 'mlp', eps: 0.05, epochs: 15, seed: 0 }).net],
  ['robust LR (ε = 0.3)', trainModel(ds.train, { kind: 'lr', eps: 0.3, epochs: 15, seed: 0 }).net],
];

for (const [name, net] of models) {
  test(`fused SCFE equals the reference search on ${name} (binary and one-hot columns, an immutable one)`, () => {
    const f = negatives(net, ds.test.x, 30);
    assert.ok(f.rows >= 10, 'enough negatives');
    for (const [what, o] of SCFE_CASES) {
      const { reference } = assertFusedEqualsReference(scfeSearchSpec(net, f, layout, { ...SCFE_DEFAULTS, ...o }), `${name}, ${what}`);
      if (o.maxSteps === 15) {
        const stopped = reference.stopped.filter(Boolean).length;
        assert.ok(stopped > 0 && stopped < f.rows, `${name}: ${stopped} of ${f.rows} rows stop within 15 steps (both kinds of rows are compared)`);
      }
    }
  });
}

test('a row that stops in the reference stops at the same step in the fused search, and the point is feasible', () => {
  const net = models[1][1];
  const f = negatives(net, ds.test.x, 30);
  const { fused } = assertFusedEqualsReference(scfeSearchSpec(net, f, layout, SCFE_DEFAULTS), 'MLP');
  const stoppedRows = fused.stopped.flatMap((s, i) => (s ? [i] : []));
  assert.ok(stoppedRows.length > f.rows / 2, 'most rows find a recourse');
  for (const i of stoppedRows) {
    const r = fused.points.data.subarray(i * 8, (i + 1) * 8);
    assert.equal(r[0], f.data[i * 8], 'immutable column unchanged');
    assert.ok(r[4] === 0 || r[4] === 1, 'binary column is 0 or 1');
    assert.equal(r[5] + r[6] + r[7], 1, 'the group is one-hot');
  }
});

test('fused SCFE equals the reference on a NetStack (each row block through its own net)', () => {
  const nets = [0, 0.05, 0.1].map((eps) => trainModel(ds.train, { kind: 'mlp', eps, epochs: 10, seed: 0 }).net);
  const stack = new NetStack(nets);
  const f = negatives(nets[0], ds.test.x, 12);
  const tiled = matrix(3 * f.rows, 8);
  for (let m = 0; m < 3; m++) tiled.data.set(f.data, m * f.data.length);
  for (const [what, o] of SCFE_CASES.slice(0, 3))
    assertFusedEqualsReference(scfeSearchSpec(stack, tiled, layout, { ...SCFE_DEFAULTS, ...o }), `NetStack, ${what}`);
  // each block equals its own net's search
  const alone = gradientSearch(scfeSearchSpec(nets[2], f, layout, SCFE_DEFAULTS));
  const stacked = gradientSearch(scfeSearchSpec(stack, tiled, layout, SCFE_DEFAULTS));
  assert.deepEqual(Array.from(stacked.points.data.subarray(2 * f.data.length)), Array.from(alone.points.data));
  assert.deepEqual(stacked.iterations.slice(2 * f.rows), alone.iterations);
  assert.throws(() => gradientSearch(scfeSearchSpec(stack, matrix(3 * f.rows + 1, 8), layout, SCFE_DEFAULTS)), /needs M·n input rows/);
  stack.dispose();
  nets.forEach((n) => n.dispose());
});

test('fused SCFE equals the reference on wide nets (60 inputs, 120 hidden: products tiled past 48 columns), alone and stacked', () => {
  const wide = syntheticDataset({ n: 300, d: 60, seed: 5 });
  const wl = featureLayout(60, wide.spec);
  const nets = [0, 0.05].map((eps) => trainModel(wide.train, { kind: 'mlp', eps, epochs: 5, seed: 0 }).net);
  const f = negatives(nets[0], wide.test.x, 10);
  assertFusedEqualsReference(scfeSearchSpec(nets[0], f, wl, { ...SCFE_DEFAULTS, maxSteps: 200 }), 'wide MLP');
  const stack = new NetStack(nets);
  const tiled = matrix(2 * f.rows, 60);
  tiled.data.set(f.data);
  tiled.data.set(f.data, f.data.length);
  assertFusedEqualsReference(scfeSearchSpec(stack, tiled, wl, { ...SCFE_DEFAULTS, maxSteps: 200 }), 'wide NetStack');
  stack.dispose();
  nets.forEach((n) => n.dispose());
});

test('fused SCFE equals the reference on german (real one-hot groups, 60 columns)', { skip: !HAVE_DATA && 'no data dir' }, async () => {
  const german = await getDataset('german', { dataDir: DATA_DIR });
  const gl = featureLayout(german.test.x.cols, german.spec);
  const nets = [0, 0.1].map((eps) => trainModel(german.train, { kind: 'mlp', eps, epochs: 3, seed: 0 }).net);
  const f = negatives(nets[0], german.test.x, 10);
  for (const [what, o] of SCFE_CASES.slice(0, 3))
    assertFusedEqualsReference(scfeSearchSpec(nets[0], f, gl, { ...SCFE_DEFAULTS, ...o, maxSteps: 200 }), `german MLP, ${what}`);
  const stack = new NetStack(nets);
  const tiled = matrix(2 * f.rows, f.cols);
  tiled.data.set(f.data);
  tiled.data.set(f.data, f.data.length);
  assertFusedEqualsReference(scfeSearchSpec(stack, tiled, gl, { ...SCFE_DEFAULTS, maxSteps: 200 }), 'german NetStack');
  stack.dispose();
  nets.forEach((n) => n.dispose());
});

test('fused ROAR equals the reference (robust and converged stops, l1 and l2)', () => {
  const net = models[0][1];
  const f = negatives(net, ds.test.x, 25);
  const lin = net.linear()!;
  const W = new Float32Array(f.rows * 8);
  for (let i = 0; i < f.rows; i++) W.set(lin.w, i * 8);
  const b = new Float32Array(f.rows).fill(lin.b);
  const cases: Partial<RoarOptions>[] = [
    {},
    { norm: 'l2', deltaMax: 0.3 },
    { stop: 'converged', lossThreshold: 1e-3 },
    { stop: 'converged', lossThreshold: 1e-4, amsgrad: false, norm: 'l2sq' },
  ];
  for (const o of cases) {
    assertFusedEqualsReference(roarSearchSpec(f, layout, { ...ROAR_DEFAULTS, ...o, maxSteps: 300 }, { W, b }), `ROAR ${JSON.stringify(o)}`);
  }
});

test('fused and reference project the same way at the edges: binary 0.5, tied and all-zero groups, values outside [0, 1]', () => {
  // rows as the iterate can be when the clamp is off; maxIter 0 evaluates (and records) only the projected start
  const rows = [
    [0.3, 0.5, 0.5, 0.5, 0.5, 0.3, 0.3, 0.1],
    [0.3, -0.2, 1.3, 0.7, 0.49999997, 0, 0, 0],
    [0.3, 0.2, 0.2, 0.2, 0.50000006, -0.5, 1.5, 1.5],
    [0.3, 1, 0, 0.5, 1, 0.7, 0.9, 0.9],
  ];
  const x = matrix(rows.length, 8, Float32Array.from(rows.flat()));
  const net = models[1][1];
  for (const maxSteps of [0, 3]) {
    const spec = { ...scfeSearchSpec(net, x, layout, SCFE_DEFAULTS), maxIter: maxSteps, clamp: false };
    const { fused } = assertFusedEqualsReference(spec, `projection, ${maxSteps} steps`);
    if (maxSteps === 0) {
      assert.deepEqual(
        Array.from(fused.points.data.subarray(0, 8)),
        Array.from(Float32Array.of(0.3, 0.5, 0.5, 0.5, 0, 1, 0, 0)),
        'binary 0.5 rounds to 0, a tie takes the first column',
      );
    }
  }
});

test('the comparison can fail: a fused objective that differs from the reference is caught', () => {
  const net = models[1][1];
  const f = negatives(net, ds.test.x, 20);
  const spec = scfeSearchSpec(net, f, layout, SCFE_DEFAULTS);
  const wrong = { ...spec, objective: { ...spec.objective, lambda: () => 0.0101 } };
  assert.throws(() => assertFusedEqualsReference(wrong, 'λ off by 1%', spec), /differ/);
});

test('the fused path is chosen for dense nets only, is deterministic and runs inside scfe.generate', async () => {
  const net = models[2][1];
  const f: Matrix = negatives(net, ds.test.x, 15);
  assert.equal(
    fusedForm(scfeSearchSpec(constantModel(8, -1), f, layout, SCFE_DEFAULTS).objective),
    null,
    'a classifier that is not a dense net keeps the reference path',
  );
  const spec = scfeSearchSpec(net, f, layout, SCFE_DEFAULTS);
  const [a, b] = [gradientSearch(spec), gradientSearch(spec)];
  assert.deepEqual(Array.from(a.points.data), Array.from(b.points.data));
  assert.deepEqual(a.iterations, b.iterations);
  const before = tf.memory().numTensors;
  const r = await scfe.generate(net, f, {}, { spec: ds.spec });
  assert.equal(tf.memory().numTensors, before, 'no tensor leak through generate');
  const reference = gradientSearch(spec, { reference: true });
  assert.deepEqual(Array.from(r.counterfactuals.data), Array.from(reference.points.data));
  assert.deepEqual(r.iterations, reference.iterations);
  const constant: Classifier = constantModel(8, -1);
  const c = await scfe.generate(constant, f, { maxSteps: 20 }, { spec: ds.spec });
  assert.deepEqual(c.found, new Array(f.rows).fill(false));
});

test.after(() => models.forEach(([, n]) => n.dispose()));

test('a toy method written as an objective only gets the fused run, equal to its reference interpreter', async () => {
  const { defineMethod } = await import('../src/recourse/method');
  // a new method: squared distance of the logit to 1.5 plus 0.02·ℓ1 cost, stopping at the first valid iterate; no tfjs code, no fused code
  const toy = (reference: boolean) =>
    defineMethod<{ steps: number }>({
      name: 'toy',
      summary: 'toy: (logit − 1.5)² + 0.02·‖x′ − x‖₁',
      defaults: { steps: 200 },
      rules: { steps: { type: 'number', integer: true, min: 1, help: 'steps' } },
      async search({ model, factuals, options, layout, finish }) {
        const spec: GradientSearchSpec = {
          factuals,
          layout,
          lr: 0.01,
          amsgrad: true,
          maxIter: options.steps,
          rounds: 1,
          stop: 'valid',
          lossThreshold: 0,
          clamp: true,
          project: true,
          updateMask: layout.mutable,
          onStop: finish,
          objective: { score: { kind: 'classifier', model }, loss: 'mse', targetLogit: 1.5, norm: 'l1', lambda: () => 0.02 },
        };
        const run = gradientSearch(spec, { reference });
        return { counterfactuals: run.points, iterations: run.iterations };
      },
    });
  const net = models[1][1];
  const f = negatives(net, ds.test.x, 20);
  const before = tf.memory().numTensors;
  const [fused, reference] = [await toy(false).generate(net, f, {}, { spec: ds.spec }), await toy(true).generate(net, f, {}, { spec: ds.spec })];
  assert.equal(tf.memory().numTensors, before, 'no tensor leak on either path');
  let maxDiff = 0;
  for (let q = 0; q < fused.counterfactuals.data.length; q++)
    maxDiff = Math.max(maxDiff, Math.abs(fused.counterfactuals.data[q] - reference.counterfactuals.data[q]));
  assert.ok(maxDiff <= TOLERANCE, `counterfactuals differ by ${maxDiff}`);
  assert.deepEqual(fused.iterations, reference.iterations);
  assert.deepEqual(fused.found, reference.found);
  assert.ok(fused.found.some(Boolean), 'the toy finds recourses');
});
