/**
 * Exact recourse on ReLU networks (the MILP of src/recourse/exact/relu-milp.ts): on tiny nets its optimum is
 * the brute-force minimum over a fine grid of the feasible set, within the grid's resolution; every recourse is
 * valid and respects the layout; no positive point means a proven "no recourse"; and the method wrapper reports
 * per row whether the minimum is proven, its lower bound and the program's binaries.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import type { FeatureLayout } from '../src/data/layout';
import type { LayerWeights } from '../src/models/dense';
import { Net } from '../src/models/net';
import { logitsOf } from '../src/models/predict';
import { exact } from '../src/recourse/exact/method';
import { preActivationBounds } from '../src/recourse/exact/milp-bounds';
import { closestValidPoint, greedyRecourse, polishedStart } from '../src/recourse/exact/milp-start';
import { reluMilpRecourse } from '../src/recourse/exact/relu-milp';
import { costOf, type ExactNorm } from '../src/recourse/exact/relu-net';
import { fromRows } from '../src/util/matrix';
import { Rng } from '../src/util/rng';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HAVE_DATA, readCsv, runCli, tempDir } from './helpers';

await initBackend({ quiet: true });

/** A random ReLU net d → h → 1 (seeded). */
function tinyNet(seed: number, d: number, hidden: readonly number[]): LayerWeights[] {
  const rng = new Rng(seed);
  const sizes = [d, ...hidden, 1];
  return sizes.slice(1).map((out, i) => ({
    inDim: sizes[i],
    outDim: out,
    W: Array.from({ length: sizes[i] * out }, () => rng.normal() * 2),
    b: Array.from({ length: out }, () => rng.normal()),
  }));
}

/** The logit in float64 (the brute force's reference). */
function logit(layers: readonly LayerWeights[], x: ArrayLike<number>): number {
  let h = Array.from(x);
  layers.forEach((l, k) => {
    const z = Array.from({ length: l.outDim }, (_, o) => h.reduce((s, v, i) => s + v * l.W[i * l.outDim + o], l.b[o]));
    h = k < layers.length - 1 ? z.map((v) => Math.max(0, v)) : z;
  });
  return h[0];
}

/** 3 inputs: column 0 continuous, column 1 binary, column 2 continuous (or immutable). */
const layout = (immutable2: boolean): FeatureLayout => ({
  d: 3,
  mutable: Float32Array.from([1, 1, immutable2 ? 0 : 1]),
  continuous: immutable2 ? [0] : [0, 2],
  binary: [1],
  groups: [],
  immutable: immutable2 ? [2] : [],
});

/** The minimal cost over a grid of step h of the layout's feasible set (binary column at 0 and 1). */
function bruteForce(layers: readonly LayerWeights[], x0: readonly number[], l: FeatureLayout, norm: ExactNorm, margin: number, h: number): number {
  let best = Infinity;
  const steps = Math.round(1 / h);
  const c2 = l.immutable.includes(2) ? [x0[2]] : Array.from({ length: steps + 1 }, (_, k) => k * h);
  for (let a = 0; a <= steps; a++)
    for (const b of [0, 1])
      for (const c of c2) {
        const x = [a * h, b, c];
        if (logit(layers, x) >= margin) best = Math.min(best, costOf(x, x0, norm));
      }
  return best;
}

test('preActivationBounds contain every pre-activation over the box (sampled)', () => {
  const layers = tinyNet(3, 3, [5, 4]);
  const bounds = preActivationBounds(layers, [0, 0, 0.3], [1, 1, 0.3]);
  const rng = new Rng(9);
  for (let s = 0; s < 500; s++) {
    let h = [rng.next(), rng.next(), 0.3];
    layers.slice(0, -1).forEach((l, k) => {
      const z = Array.from({ length: l.outDim }, (_, o) => h.reduce((acc, v, i) => acc + v * l.W[i * l.outDim + o], l.b[o]));
      z.forEach((v, o) => assert.ok(v >= bounds[k].l[o] - 1e-9 && v <= bounds[k].u[o] + 1e-9));
      h = z.map((v) => Math.max(0, v));
    });
  }
});

test('the MILP optimum equals the brute-force minimum over a fine grid, within its resolution; the recourse is valid and feasible', async () => {
  const h = 0.002;
  let solved = 0;
  for (let seed = 1; seed <= 12; seed++) {
    const layers = tinyNet(seed, 3, seed % 3 === 0 ? [4, 3] : [4]);
    const rng = new Rng(100 + seed);
    const x0 = [rng.next(), rng.next() > 0.5 ? 1 : 0, rng.next()];
    if (logit(layers, x0) > 0) continue; // already positive: nothing to solve
    for (const [norm, immutable2] of [
      ['l1', false],
      ['linf', false],
      ['l1', true],
    ] as const) {
      const l = layout(immutable2);
      const r = await reluMilpRecourse(layers, x0, l, { norm, margin: 1e-3, timeLimit: 10 });
      const brute = bruteForce(layers, x0, l, norm, 1e-3, h);
      if (brute === Infinity) {
        // the grid found no positive point: the solver either proves none exists or finds one between grid points
        if (r.status === 'infeasible') continue;
      }
      assert.equal(r.status, 'optimal', `seed ${seed} ${norm}`);
      const x = r.x!;
      assert.ok(r.cost <= brute + 1e-6, `seed ${seed} ${norm}: MILP ${r.cost} is no worse than the grid's ${brute}`);
      // a grid point within h of the optimum in every free column is feasible unless the region is thinner than h
      assert.ok(brute === Infinity || brute - r.cost <= 3 * h * 4, `seed ${seed} ${norm}: grid ${brute} vs MILP ${r.cost}`);
      assert.ok(logit(layers, x) >= 1e-3 - 1e-7, `seed ${seed}: logit ${logit(layers, x)} reaches the margin`);
      assert.ok(x[1] === 0 || x[1] === 1, 'binary column integral');
      assert.ok(
        x.every((v) => v >= 0 && v <= 1),
        'in the box',
      );
      if (immutable2) assert.equal(x[2], x0[2], 'immutable column unchanged');
      assert.equal(r.lowerBound, r.cost);
      solved++;
    }
  }
  assert.ok(solved >= 12, `${solved} programs compared with the brute force`);
});

/** 5 inputs: columns 0 and 1 continuous, column 2 binary, columns 3 and 4 a one-hot group. */
const groupLayout: FeatureLayout = { d: 5, mutable: Float32Array.from([1, 1, 1, 1, 1]), continuous: [0, 1], binary: [2], groups: [[3, 4]], immutable: [] };

/** A random point of groupLayout within ℓ1 distance `radius` of x0 (rejection sampling). */
function pointInBall(rng: Rng, x0: readonly number[], radius: number): number[] {
  for (;;) {
    const g = rng.next() > 0.5;
    const x = [x0[0] + (rng.next() * 2 - 1) * radius, x0[1] + (rng.next() * 2 - 1) * radius, rng.next() > 0.5 ? 1 : 0, g ? 1 : 0, g ? 0 : 1].map((v) =>
      Math.min(1, Math.max(0, v)),
    );
    if (costOf(x, x0, 'l1') <= radius) return x;
  }
}

test('bounds over the ball of a known cost contain every pre-activation of the points that cheap, and are tighter than the box', () => {
  const rng = new Rng(12);
  let tighter = 0;
  for (let seed = 30; seed < 36; seed++) {
    const layers = tinyNet(seed, 5, [6, 4]);
    const x0 = [rng.next(), rng.next(), 0, 1, 0];
    for (const radius of [0.3, 1.5, 2.5]) {
      const lo = new Float64Array(5);
      const hi = new Float64Array(5).fill(1);
      const box = preActivationBounds(layers, lo, hi, groupLayout);
      const ball = preActivationBounds(layers, lo, hi, groupLayout, { x0, radius, norm: 'l1' });
      for (let s = 0; s < 300; s++) {
        let h = pointInBall(rng, x0, radius);
        layers.slice(0, -1).forEach((l, k) => {
          const z = Array.from({ length: l.outDim }, (_, o) => h.reduce((acc, v, i) => acc + v * l.W[i * l.outDim + o], l.b[o]));
          z.forEach((v, o) => assert.ok(v >= ball[k].l[o] - 1e-9 && v <= ball[k].u[o] + 1e-9, `seed ${seed} r ${radius} layer ${k} unit ${o}`));
          h = z.map((v) => Math.max(0, v));
        });
      }
      ball.forEach((b, k) =>
        b.u.forEach((u, o) => {
          assert.ok(u <= box[k].u[o] + 1e-9 && b.l[o] >= box[k].l[o] - 1e-9, 'never looser than the box');
          if (u - b.l[o] < box[k].u[o] - box[k].l[o] - 1e-6) tighter++;
        }),
      );
    }
  }
  assert.ok(tighter > 50, `${tighter} units with tighter bounds`);
});

test('starting recourses: the greedy walk and the polished start are recourses, and polishing never raises the cost', () => {
  let walks = 0;
  for (let seed = 40; seed < 120; seed++) {
    const layers = tinyNet(seed, 5, [6]);
    const rng = new Rng(seed);
    const x0 = [rng.next(), rng.next(), 0, 1, 0];
    if (logit(layers, x0) >= 1e-5) continue;
    for (const step of [1, 0.05]) {
      const g = greedyRecourse(layers, x0, groupLayout, 1e-5, step);
      if (!g) continue;
      walks++;
      assert.ok(logit(layers, g) >= 1e-5, 'the walk ends at a recourse');
      const p = polishedStart(layers, x0, groupLayout, g, 1e-5);
      assert.ok(logit(layers, p) >= 1e-5, 'the polished point is a recourse');
      assert.ok(costOf(p, x0, 'l1') <= costOf(g, x0, 'l1') + 1e-12, 'polishing never raises the cost');
      assert.ok(p[2] === 0 || p[2] === 1, 'binary stays integral');
      assert.equal(p[3] + p[4], 1, 'one-hot stays one-hot');
    }
  }
  assert.ok(walks >= 20, `${walks} walks checked`);
});

test("a start changes how the MILP gets there, not its optimum (the ball of the start's cost holds the optimum)", async () => {
  let compared = 0;
  for (let seed = 200; seed < 240; seed++) {
    const layers = tinyNet(seed, 5, seed % 2 ? [6] : [5, 3]);
    const rng = new Rng(seed);
    const x0 = [rng.next(), rng.next(), 0, 1, 0];
    if (logit(layers, x0) >= 1e-5) continue;
    const start = greedyRecourse(layers, x0, groupLayout, 1e-5, 1);
    if (!start) continue;
    const o = { norm: 'l1' as const, margin: 1e-5, timeLimit: 10 };
    const [cold, warm] = [await reluMilpRecourse(layers, x0, groupLayout, o), await reluMilpRecourse(layers, x0, groupLayout, o, start)];
    assert.equal(cold.status, 'optimal');
    assert.equal(warm.status, 'optimal');
    assert.ok(Math.abs(cold.cost - warm.cost) <= 1e-6 * (1 + cold.cost), `seed ${seed}: ${cold.cost} without a start, ${warm.cost} with`);
    compared++;
  }
  assert.ok(compared >= 8, `${compared} programs compared`);
});

test('a network with no positive point in the layout: the MILP proves no recourse exists', async () => {
  // logit = −relu(x0 − 0.5) − 1 < 0 everywhere
  const layers: LayerWeights[] = [
    { inDim: 2, outDim: 1, W: [1, 0], b: [-0.5] },
    { inDim: 1, outDim: 1, W: [-1], b: [-1] },
  ];
  const r = await reluMilpRecourse(
    layers,
    [0.2, 0.7],
    { d: 2, mutable: Float32Array.from([1, 1]), continuous: [0, 1], binary: [], groups: [], immutable: [] },
    { norm: 'l1', margin: 1e-3, timeLimit: 5 },
  );
  assert.equal(r.status, 'infeasible');
  assert.equal(r.x, null);
  assert.equal(r.cost, Infinity);
});

test('exact on an MLP through the method contract: valid rows, proven minima with their binaries, and a one-hot group kept one-hot', async () => {
  const layers = tinyNet(21, 4, [6]);
  const net = new Net(layers);
  // columns 2 and 3 are a one-hot group
  const spec = {
    name: 'tiny',
    features: ['a', 'b', 'g1', 'g2'],
    types: ['continuous', 'continuous', 'binary', 'binary'],
    immutable: [],
    oneHotGroups: [[2, 3]],
  } as never;
  const rng = new Rng(4);
  const rows = Array.from({ length: 40 }, () => {
    const g = rng.next() > 0.5;
    return [rng.next(), rng.next(), g ? 1 : 0, g ? 0 : 1];
  });
  const f = fromRows(rows);
  const r = await exact.generate(net, f, { timeLimit: 10 }, { spec });
  const z = logitsOf(net, r.counterfactuals);
  let searched = 0;
  for (let i = 0; i < f.rows; i++) {
    if (r.alreadyPositive[i]) continue;
    searched++;
    if (r.noRecourse[i] || r.certified[i]) {
      assert.ok(!r.found[i]);
      continue;
    }
    assert.ok(r.found[i] && z[i] > 0, `row ${i} is a valid recourse (logit ${z[i]})`);
    assert.ok(r.feasible[i]);
    const g = [r.counterfactuals.data[i * 4 + 2], r.counterfactuals.data[i * 4 + 3]];
    assert.deepEqual(g.sort(), [0, 1], 'the group stays one-hot');
    assert.ok(r.optimal[i]);
    assert.ok(Math.abs(r.lowerBound[i] - costOf(r.counterfactuals.data.subarray(i * 4, i * 4 + 4), rows[i], 'l1')) < 1e-5);
    assert.ok(r.binaries[i] >= 2 && r.binaries[i] <= 2 + 6, "the group's columns plus at most one binary per hidden unit");
  }
  assert.ok(searched > 5, `${searched} rows needed a recourse`);
  net.dispose();
});

test('exact refuses a model that is neither linear nor one dense ReLU net, in one line', async () => {
  const model = {
    inputDim: 2,
    logits: () => {
      throw new Error('unused');
    },
    linear: () => null,
  };
  await assert.rejects(exact.generate(model as never, fromRows([[0.1, 0.2]])), /method exact needs a linear model or one dense ReLU network/);
});

test('no search beats the optimum: on a trained MLP every valid SCFE and Growing Spheres recourse costs at least the exact ℓ1 minimum', async () => {
  const { synthetic, negatives, trained } = await import('./recourse-fixtures');
  const { gsm } = await import('../src/recourse/gsm');
  const { scfe } = await import('../src/recourse/scfe');
  const ds = synthetic(7);
  const net = trained(ds, 'mlp');
  const f = negatives(net, ds.test.x, 25);
  const best = await exact.generate(net, f, { timeLimit: 10 }, { spec: ds.spec, train: ds.train });
  const layers = net.denseNets()[0];
  let compared = 0;
  for (const method of [gsm, scfe]) {
    const r = await method.generate(net, f, {}, { spec: ds.spec, train: ds.train });
    for (let i = 0; i < f.rows; i++) {
      const x = r.counterfactuals.data.subarray(i * f.cols, (i + 1) * f.cols);
      // a search's recourse is valid in float32; the optimum is over logits ≥ the margin
      if (!r.found[i] || !r.feasible[i] || !best.optimal[i] || logit(layers, x) < 1e-5) continue;
      const x0 = f.data.subarray(i * f.cols, (i + 1) * f.cols);
      const opt = costOf(best.counterfactuals.data.subarray(i * f.cols, (i + 1) * f.cols), x0, 'l1');
      assert.ok(opt <= costOf(x, x0, 'l1') + 1e-6, `row ${i}: ${method.name} ${costOf(x, x0, 'l1')} < exact ${opt}`);
      compared++;
    }
  }
  assert.ok(compared >= 20, `${compared} search recourses compared with the optimum`);
  net.dispose();
});

test(
  'explain --method exact on an MLP, and reproduce --exact-mlp: proven-optimal shares, ℓ1 columns, and no search cheaper than the optimum in ℓ1',
  { skip: !HAVE_DATA && 'no data dir', timeout: 300_000 },
  () => {
    const env = { RECOURSE_CACHE_DIR: tempDir('exact-mlp-cache-') };
    const text = runCli(['explain', '--dataset', 'adult', '--model', 'mlp', '--eps', '0', '--method', 'exact', '--n', '12', '--epochs', '5'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^proven optimal \d+\.\d% of the valid recourses needed \(\d+ of \d+\)/m);
    assert.match(text.stdout, /^mean ℓ1 cost   \d\.\d{4} over valid recourses \(the norm exact minimises on an MLP\)$/m);
    const out = tempDir('exact-mlp-out-');
    const r = runCli(
      [
        'reproduce',
        '--profile',
        'quick',
        '--datasets',
        'compas',
        '--models',
        'mlp',
        '--methods',
        'gsm,exact',
        '--exact-mlp',
        '--eps',
        '0,0.05',
        '--seeds',
        '1',
        '--factuals',
        '12',
        '--no-theory',
        '--no-images',
        '--out',
        out,
        '--json',
      ],
      env,
    );
    assert.equal(r.code, 0, r.stderr);
    const rows = readCsv(join(out, 'results', 'recourse.csv'));
    const exactRows = rows.filter((x) => x.method === 'exact');
    assert.equal(exactRows.length, 2, 'exact ran on the MLP at both ε');
    for (const e of exactRows) {
      const p = Number(e.provenOptimal);
      assert.ok(Number.isNaN(p) || (p >= 0 && p <= 1), e.provenOptimal);
      const g = rows.find((x) => x.method === 'gsm' && x.eps === e.eps)!;
      assert.equal(g.provenOptimal, 'NaN', 'a search proves nothing');
      if (p === 1 && Number(g.validityNeeded) === 1 && Number(e.validityNeeded) === 1)
        assert.ok(Number(e.costL1) <= Number(g.costL1) + 1e-6, `ε = ${e.eps}: exact ℓ1 ${e.costL1} ≤ GSM's ${g.costL1}`);
    }
    assert.ok(existsSync(join(out, 'figures', 'exact-cost-difference-nn.html')), 'the ℓ1 cost-difference figure with the exact line');
  },
);

test("on a linear model the MILP's ℓ1 optimum equals the closed form (the LP optimum: move the largest |w_j| first, as far as the box allows)", async () => {
  const rng = new Rng(31);
  let checked = 0;
  for (let trial = 0; trial < 30; trial++) {
    const d = 5;
    const w = Array.from({ length: d }, () => rng.normal() * 2);
    const x0 = Array.from({ length: d }, () => rng.next());
    const b = -w.reduce((s, v, j) => s + v * x0[j], 0) - rng.uniform(0.05, 1.5); // the factual's logit is negative
    const margin = 1e-5;
    let need = margin - (w.reduce((s, v, j) => s + v * x0[j], 0) + b);
    let closed = 0;
    for (const j of [...w.keys()].sort((p, q) => Math.abs(w[q]) - Math.abs(w[p]))) {
      const room = w[j] > 0 ? 1 - x0[j] : x0[j];
      if (Math.abs(w[j]) * room >= need) {
        closed += need / Math.abs(w[j]);
        need = 0;
        break;
      }
      closed += room;
      need -= Math.abs(w[j]) * room;
    }
    const layout: FeatureLayout = { d, mutable: new Float32Array(d).fill(1), continuous: [...Array(d).keys()], binary: [], groups: [], immutable: [] };
    const r = await reluMilpRecourse([{ inDim: d, outDim: 1, W: w, b: [b] }], x0, layout, { norm: 'l1', margin, timeLimit: 5 });
    if (need > 0) {
      assert.equal(r.status, 'infeasible', `trial ${trial}: the box holds no positive point`);
      continue;
    }
    assert.equal(r.status, 'optimal');
    assert.ok(Math.abs(r.cost - closed) < 1e-6, `trial ${trial}: MILP ${r.cost} vs closed form ${closed}`);
    checked++;
  }
  assert.ok(checked >= 20, `${checked} linear programs compared`);
});

test(
  'on Adult and COMPAS MLPs, no SCFE or Growing Spheres recourse is cheaper in ℓ1 than the certified optimum, factual by factual',
  { skip: !HAVE_DATA && 'no data dir', timeout: 300_000 },
  async () => {
    const { getDataset } = await import('../src/data/index');
    const { trainModel } = await import('../src/models/train');
    const { takeRows } = await import('../src/util/matrix');
    const { gsm } = await import('../src/recourse/gsm');
    const { scfe } = await import('../src/recourse/scfe');
    let compared = 0;
    for (const name of ['adult', 'compas']) {
      const ds = await getDataset(name);
      const net = trainModel(ds.train, { kind: 'mlp', eps: 0, epochs: 10, seed: 0 }).net;
      const z = logitsOf(net, ds.test.x);
      const f = takeRows(ds.test.x, [...z.keys()].filter((i) => z[i] <= 0).slice(0, 15));
      const best = await exact.generate(net, f, {}, { spec: ds.spec, train: ds.train });
      const layers = net.denseNets()[0];
      for (const method of [gsm, scfe]) {
        const r = await method.generate(net, f, {}, { spec: ds.spec, train: ds.train });
        for (let i = 0; i < f.rows; i++) {
          const x = r.counterfactuals.data.subarray(i * f.cols, (i + 1) * f.cols);
          if (!r.found[i] || !r.feasible[i] || !best.optimal[i] || !best.found[i] || logit(layers, x) < 1e-5) continue;
          const x0 = f.data.subarray(i * f.cols, (i + 1) * f.cols);
          const opt = costOf(best.counterfactuals.data.subarray(i * f.cols, (i + 1) * f.cols), x0, 'l1');
          assert.ok(opt <= costOf(x, x0, 'l1') + 1e-6, `${name} row ${i}: ${method.name} ${costOf(x, x0, 'l1')} < exact ${opt}`);
          compared++;
        }
      }
      net.dispose();
    }
    assert.ok(compared >= 30, `${compared} search recourses compared with the optimum`);
  },
);

test("the starting point is the cheapest candidate that is a recourse once its immutables are the factual's", () => {
  const layers = tinyNet(5, 3, [4]);
  const l = layout(true);
  const rng = new Rng(77);
  const cands = Array.from({ length: 200 }, () => [rng.next(), rng.next() > 0.5 ? 1 : 0, rng.next()]);
  const x0 = [0.3, 0, 0.6];
  const start = closestValidPoint(layers, x0, l, { rows: cands.length, cols: 3, data: cands.flat() }, 1e-5, 'l1');
  const valid = cands.map((c) => [c[0], c[1], x0[2]]).filter((c) => logit(layers, c) >= 1e-5);
  if (!valid.length) return assert.equal(start, null);
  assert.ok(start && start[2] === x0[2] && logit(layers, start) >= 1e-5);
  assert.equal(costOf(start, x0, 'l1'), Math.min(...valid.map((c) => costOf(c, x0, 'l1'))));
});
