/** The factors that decide the trade-off, each on small hand-made data where the answer is known. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerDataset, syntheticDataset, withMinorityTarget, flipsForMinority, positiveShare, type Dataset } from '../src/data/index';
import { atBudget, budgetColumns, BUDGETS, getSetup, recourseRow, runExperiment, type RecourseMeasurements } from '../src/experiments/index';
import { fitModel } from '../src/models/store';
import { linearWorstCase, pgdAttack } from '../src/models/attack';
import { evaluateModel } from '../src/models/evaluate';
import { Net } from '../src/models/net';
import { columnStd, radiusScaleFor } from '../src/models/radius';
import { logitsOf } from '../src/models/predict';
import { matchingShift, matchThreshold, positiveRateOf } from '../src/models/threshold';
import { getRecourseMethod } from '../src/recourse/index';
import { budgetFigure } from '../src/figures/paper';
import { Rng } from '../src/util/rng';
import { tempDir } from './helpers';

test('setup names: a base and factors joined by +, in any order, with one canonical name; unknown parts are refused with the syntax', () => {
  assert.equal(getSetup('minority+matched').name, 'minority+matched');
  assert.equal(getSetup('matched+minority').name, 'minority+matched');
  assert.equal(getSetup('default+matched').name, 'matched');
  const s = getSetup('balanced+minority');
  assert.deepEqual([s.name, s.classWeight, s.target, s.threshold], ['balanced+minority', 'balanced', 'minority', 'trained']);
  assert.deepEqual([getSetup('default').target, getSetup('default').threshold], ['favourable', 'trained']);
  assert.throws(
    () => getSetup('minorty'),
    /unknown setup 'minorty'; a setup is a base \(default, selected, balanced, carla, original\) and\/or factors \(minority, std, matched\)/,
  );
  assert.throws(() => getSetup('carla+balanced'), /unknown setup/, 'two bases');
  assert.throws(() => getSetup('minority+minority'), /unknown setup/, 'a factor twice');
});

/** A split of n rows, 2 features in [0, 1], label 1 for about `share` of the rows (a noisy threshold on x0). */
function split(rng: Rng, n: number, share: number) {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = [rng.next(), rng.next()];
    rows.push(`${a.toFixed(4)},${b.toFixed(4)},${a + 0.15 * rng.normal() > 1 - share ? 1 : 0}`);
  }
  return ['a,b,y', ...rows].join('\n') + '\n';
}

test('target = minority flips the labels of both splits where the favourable class is the majority, and leaves a minority target alone', () => {
  const ds = syntheticDataset({ n: 400, seed: 3 });
  const share = positiveShare(ds.train.y);
  const flipped = withMinorityTarget(ds);
  if (share > 0.5) {
    assert.ok(flipsForMinority(ds));
    assert.deepEqual(
      Array.from(flipped.train.y),
      Array.from(ds.train.y, (v) => 1 - v),
    );
    assert.deepEqual(
      Array.from(flipped.test.y),
      Array.from(ds.test.y, (v) => 1 - v),
    );
    assert.equal(flipped.train.x, ds.train.x, 'features are untouched');
  } else assert.equal(flipped, ds);
  const minority = share > 0.5 ? flipped : ds;
  assert.ok(positiveShare(minority.train.y) < 0.5);
  assert.equal(withMinorityTarget(minority), minority, 'a minority target is returned as it is (so its models are shared)');
});

test('target = minority through the runner: a collapsed model that was valid at cost 0 for everyone becomes one with validity 0', async () => {
  const dir = tempDir('factors-');
  try {
    const rng = new Rng(11);
    writeFileSync(join(dir, 'train.csv'), split(rng, 600, 0.7));
    writeFileSync(join(dir, 'test.csv'), split(rng, 200, 0.7));
    registerDataset({ name: 'factors-majority', label: 'y', features: ['a', 'b'], files: { train: join(dir, 'train.csv'), test: join(dir, 'test.csv') } });
    const r = await runExperiment(
      [
        {
          name: 't',
          datasets: ['factors-majority'],
          models: ['lr-closed'],
          eps: [0, 0.6],
          methods: ['exact'],
          seeds: [0],
          factuals: 60,
          setups: ['default', 'minority', 'matched'],
          training: { epochs: 200, learningRate: 0.05 },
        },
      ],
      { cache: false },
    );
    const orig = r.datasets.get('factors-majority')!;
    const mino = r.datasets.get('factors-majority~minority')!;
    assert.ok(positiveShare(orig.train.y) > 0.6);
    assert.deepEqual(
      Array.from(mino.test.y),
      Array.from(orig.test.y, (v) => 1 - v),
    );
    const row = (setup: string, eps: number) => r.recourse.find((x) => x.setup === setup && x.eps === eps)!;
    // ε = 0.6 drives the weights to 0 (eq. 16's penalty ε‖w‖₁): the model predicts the training majority for everyone
    assert.ok(row('default', 0.6).positiveRate >= 0.99, `default collapses to the favourable majority: ${row('default', 0.6).positiveRate}`);
    assert.equal(row('default', 0.6).validity, 1, 'every factual is already positive: valid at cost 0');
    assert.ok(Number.isNaN(row('default', 0.6).costDiff), 'no factual needs a recourse from the robust model');
    assert.ok(row('default', 0.6).paperCostDiff < 0, "the paper's cost difference is defined there: 0 minus the ε = 0 model's cost");
    assert.ok(row('minority', 0.6).positiveRate <= 0.01, `minority collapses to the new majority, label 0: ${row('minority', 0.6).positiveRate}`);
    assert.equal(row('minority', 0.6).validity, 0, 'no point of the box is predicted positive: no recourse exists');
    assert.equal(row('minority', 0).target, 'minority');
    assert.ok(row('minority', 0).factuals > 0 && row('default', 0).factuals > 0);
    // matched: the collapsed model's threshold is moved back to the ε = 0 model's positive rate
    const m = r.models.find((x) => x.threshold === 'matched' && x.eps === 0.6)!;
    assert.ok(m.thresholdShift !== 0 && !m.degenerate, `matched model: shift ${m.thresholdShift}, positive rate ${m.positiveRate}`);
    for (const x of r.models) assert.equal(x.belowMajority, x.accuracy < x.majorityRate - 1e-4);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('matched threshold: the shift makes round(rate·n) logits positive, so a robust model reaches the ε = 0 positive rate within one training row', () => {
  const rng = new Rng(5);
  for (const n of [1, 7, 100, 1001]) {
    const z = Float32Array.from({ length: n }, () => rng.normal() * 3 - 2);
    for (const rate of [0, 0.013, 0.25, 0.5, 0.97, 1]) {
      const s = matchingShift(z, rate);
      const pos = z.reduce((c, v) => c + (Math.fround(v + s) > 0 ? 1 : 0), 0);
      assert.ok(Math.abs(pos - Math.round(rate * n)) <= 1, `n ${n}, rate ${rate}: ${pos} positive`);
    }
  }
  const ds = syntheticDataset({ n: 800, seed: 2 });
  const base = fitModel(ds, { kind: 'lr', eps: 0, epochs: 20 }, { cache: false });
  const robust = fitModel(ds, { kind: 'lr', eps: 0.3, epochs: 20 }, { cache: false });
  const rate = positiveRateOf(logitsOf(base.net, ds.train.x));
  const { net, shift } = matchThreshold(robust.net, ds.train.x, rate);
  const got = positiveRateOf(logitsOf(net, ds.train.x));
  assert.ok(Math.abs(got - rate) * ds.train.x.rows <= 1, `positive rate ${got} against ${rate} (shift ${shift})`);
  assert.deepEqual(
    net
      .weights()
      .slice(0, -1)
      .map((l) => l.W),
    robust.net
      .weights()
      .slice(0, -1)
      .map((l) => l.W),
    'only the output bias moves',
  );
  assert.deepEqual(net.weights()[0].W, robust.net.weights()[0].W);
  for (const x of [base.net, robust.net, net]) x.dispose();
});

/** Measurements of a unit with the given per-factual iterations and costs (all found, none already positive unless said). */
function measured(iterations: number[], l2: number[], o: Partial<RecourseMeasurements> = {}): RecourseMeasurements {
  const n = iterations.length;
  return {
    key: 'k',
    d: 1,
    indices: iterations.map((_, i) => i),
    counterfactuals: new Array(n).fill(0.5),
    found: new Array(n).fill(true),
    alreadyPositive: new Array(n).fill(false),
    feasible: new Array(n).fill(true),
    certified: new Array(n).fill(false),
    l2,
    optimal: [],
    noRecourse: [],
    robustness: new Array(n).fill(NaN),
    iterations,
    seconds: 0,
    note: '',
    ...o,
  };
}

test('search budget: validity and cost read off the iterations each row needed, with the closed-form counts', () => {
  const m = measured([5, 20, 50, 200], [1, 2, 3, 4], { found: [true, true, true, false] });
  const ref = measured([1, 1, 1, 1], [0.5, 0.5, 0.5, 0.5]);
  assert.deepEqual(atBudget(m, ref, 10), { validity: 0.25, cost: 1, costDiff: 0.5 });
  assert.deepEqual(atBudget(m, ref, 30), { validity: 0.5, cost: 1.5, costDiff: 1 });
  assert.deepEqual(atBudget(m, ref, 100), { validity: 0.75, cost: 2, costDiff: 1.5 });
  const already = measured([0, 0], [0, 0], { alreadyPositive: [true, false], found: [true, false] });
  assert.equal(atBudget(already, already, 10).validity, 0.5, 'an already-positive factual is valid at every budget');
  const cols = budgetColumns(m, ref);
  assert.deepEqual(Object.keys(cols).sort(), BUDGETS.flatMap((b) => [`validityAt${b}`, `costAt${b}`, `costDiffAt${b}`]).sort());
});

test('search budget on SCFE: validity is monotone in the budget and reaches the full search at its step cap', async () => {
  const ds: Dataset = syntheticDataset({ n: 600, seed: 4 });
  const model = fitModel(ds, { kind: 'mlp', eps: 0.05, epochs: 10 }, { cache: false });
  const pred = model.net.predict(ds.test.x);
  const idx = [...pred.keys()].filter((i) => pred[i] === 0).slice(0, 40);
  const x = {
    rows: idx.length,
    cols: ds.test.x.cols,
    data: Float32Array.from(idx.flatMap((i) => Array.from(ds.test.x.data.subarray(i * ds.test.x.cols, (i + 1) * ds.test.x.cols)))),
  };
  const out = await getRecourseMethod('scfe').generate(model.net, x, { maxSteps: 150 }, { spec: ds.spec, train: ds.train });
  const m = measured(out.iterations as number[], Array(idx.length).fill(1), {
    found: out.found as boolean[],
    alreadyPositive: out.alreadyPositive as boolean[],
  });
  const v = [...BUDGETS, 150].map((b) => atBudget(m, m, b).validity);
  for (let i = 1; i < v.length; i++) assert.ok(v[i] >= v[i - 1], `validity at budgets ${[...BUDGETS, 150].join(', ')}: ${v.join(', ')}`);
  assert.equal(v[v.length - 1], out.found.filter(Boolean).length / idx.length, "the full budget gives the search's own validity");
  assert.ok(v[0] < v[v.length - 1], `a 10-step budget finds fewer recourses (${v[0]} < ${v[v.length - 1]})`);
  model.net.dispose();
});

test("the paper's cost difference is the difference of the two models' paper costs, defined where the paired one is not", () => {
  const robust = measured([0, 0], [0, 0], { alreadyPositive: [true, true] });
  const ref = measured([3, 4], [0.4, 0.6]);
  const u = {
    dataset: 'd',
    model: { kind: 'lr', arch: { depth: 0, width: 0 }, options: { eps: 0.1 }, seed: 0 },
    method: 'exact',
    setup: getSetup('default'),
  } as never;
  const row = recourseRow(
    u,
    robust,
    ref,
    { accuracy: 0.7, advAccuracy: 0.7, positiveRate: 1, degenerate: true, belowMajority: false },
    { rows: 2, cols: 1, data: Float32Array.from([0.1, 0.2]) },
  );
  assert.ok(Number.isNaN(row.costDiff), 'no factual needs recourse from the robust model: the paired difference is undefined');
  assert.equal(row.paperCost, 0);
  assert.equal(row.paperCostDiff, -0.5, '0 − (0.4 + 0.6) / 2');
});

test('ℓ1 columns: the cost and the paired cost difference in ‖x′ − x‖₁ from the stored rows; proven optimality only where the method reports it', () => {
  // two features; factuals are test rows 1 and 0
  const test = { rows: 2, cols: 2, data: Float32Array.from([0, 0, 0.5, 0.5]) };
  const base = {
    key: 'k',
    d: 2,
    indices: [1, 0],
    found: [true, true],
    alreadyPositive: [false, false],
    feasible: [true, true],
    certified: [false, false],
    robustness: [NaN, NaN],
    iterations: [0, 0],
    seconds: 0,
    note: '',
  };
  const ref = { ...base, counterfactuals: [0.5, 0.75, 0.25, 0], l2: [0.25, 0.25], optimal: [true, true], noRecourse: [false, false] };
  const robust = { ...base, counterfactuals: [1, 0.5, 0.25, 0.5], l2: [0.5, Math.hypot(0.25, 0.5)], optimal: [true, false], noRecourse: [false, false] };
  const u = {
    dataset: 'd',
    model: { kind: 'mlp', arch: { depth: 1, width: 0 }, options: { eps: 0.1 }, seed: 0 },
    method: 'exact',
    setup: getSetup('default'),
  } as never;
  const row = recourseRow(u, robust, ref, { accuracy: 0.7, advAccuracy: 0.7, positiveRate: 0.5, degenerate: false, belowMajority: false }, test);
  // robust ℓ1: |1 − 0.5| + 0 = 0.5 and 0.25 + 0.5 = 0.75; reference ℓ1: 0.25 and 0.25
  assert.equal(row.costL1, (0.5 + 0.75) / 2);
  assert.equal(row.costDiffL1, (0.5 - 0.25 + (0.75 - 0.25)) / 2);
  assert.equal(row.provenOptimal, 0.5);
  assert.equal(row.provenNoRecourse, 0);
  const search = recourseRow(
    u,
    { ...robust, optimal: [], noRecourse: [] },
    ref,
    { accuracy: 0.7, advAccuracy: 0.7, positiveRate: 0.5, degenerate: false, belowMajority: false },
    test,
  );
  assert.ok(Number.isNaN(search.provenOptimal) && Number.isNaN(search.provenNoRecourse), 'a search proves nothing');
});

test('ε in standard deviations: per-feature radii ε·σⱼ, and PGD on LR reaches the exact worst case under them', () => {
  const x = { rows: 4, cols: 2, data: Float32Array.from([0, 0.5, 1, 0.5, 0, 0.5, 1, 0.5]) };
  assert.deepEqual(Array.from(columnStd(x)), [0.5, 0]);
  assert.equal(radiusScaleFor({ epsUnits: 'minmax' }, { x, y: new Float32Array(4) }), null);
  const ds = syntheticDataset({ n: 400, d: 4, seed: 8 });
  const scale = columnStd(ds.train.x);
  const net = new Net([{ inDim: 4, outDim: 1, W: [1.5, -2, 0.7, -0.3], b: [0.1] }]);
  const eps = 0.2;
  const pgd = pgdAttack(net, ds.test.x, ds.test.y, { eps, steps: 20, scale });
  const exact = linearWorstCase([1.5, -2, 0.7, -0.3], ds.test.x, ds.test.y, eps, scale);
  let moved = 0;
  for (let q = 0; q < pgd.data.length; q++) {
    const j = q % 4;
    const delta = Math.abs(pgd.data[q] - ds.test.x.data[q]);
    assert.ok(delta <= eps * scale[j] + 1e-6, `feature ${j} moves ${delta} > ε·σ = ${eps * scale[j]}`);
    assert.ok(Math.abs(pgd.data[q] - exact.data[q]) < 1e-5, 'PGD equals the exact worst case');
    const x0 = ds.test.x.data[q];
    if (x0 - eps * scale[j] > 0 && x0 + eps * scale[j] < 1) moved += Math.abs(delta - eps * scale[j]) < 1e-5 ? 1 : 0;
  }
  assert.ok(moved > 0, 'unclipped features move by exactly ε·σⱼ');
  // a model trained in std units is evaluated in them too
  const m = fitModel(ds, { kind: 'lr-closed', eps, epochs: 5, epsUnits: 'std' }, { cache: false, evalEps: eps });
  const again = evaluateModel(m.net, ds.test, eps, { radiusScale: scale });
  assert.equal(m.metrics.advAccuracy, again.advAccuracy);
  assert.equal(m.metrics.exactAdvAccuracy, again.exactAdvAccuracy);
  const minmax = fitModel(ds, { kind: 'lr-closed', eps, epochs: 5 }, { cache: false, evalEps: eps });
  assert.notDeepEqual(m.net.weights()[0].W, minmax.net.weights()[0].W, 'the units change the robust model');
  for (const n of [net, m.net, minmax.net]) n.dispose();
});

test('the budget figure draws one curve per budget and the full search, each from its own column, one panel per dataset', () => {
  const rows = [0, 0.1, 0.2].map((eps, i) => ({
    dataset: 'adult',
    model: 'mlp',
    depth: 1,
    width: 0,
    eps,
    method: 'scfe',
    setup: 'default',
    seeds: 3,
    degenerateSeeds: 0,
    validityMean: 1,
    validityStd: 0,
    validityAt10Mean: [0.2, 0.15, 0.1][i],
    validityAt10Std: 0.01,
    validityAt30Mean: 0.5,
    validityAt30Std: 0.01,
    validityAt100Mean: 0.9,
    validityAt100Std: 0.01,
  }));
  const f = budgetFigure({ summary: rows, models: [] }, 'scfe')!;
  const lines = f.data.filter((d) => (d as { mode?: string }).mode === 'lines+markers') as { name: string; y: number[] }[];
  assert.deepEqual(
    lines.map((l) => l.name),
    ['≤ 10 steps', '≤ 30 steps', '≤ 100 steps', 'full search'],
  );
  assert.deepEqual(lines[0].y, [0.2, 0.15, 0.1]);
  assert.deepEqual(lines[3].y, [1, 1, 1]);
  assert.equal(budgetFigure({ summary: rows, models: [] }, 'gsm'), null, 'no GSM rows: no figure');
});
