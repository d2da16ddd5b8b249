/** The over-seeds summaries (arquero group-bys) against a plain reference: means and sample stds per grid point, NaN handling, group and column order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUMMARY_METRICS, summarizeModels, summarizeOverSeeds, type ModelRow, type RecourseRow } from '../src/experiments/results';
import { Rng } from '../src/util/rng';

/** Mean and sample std of the finite values (NaN for none; std NaN for fewer than two). */
function reference(v: readonly number[]): [number, number] {
  const f = v.filter(Number.isFinite);
  if (!f.length) return [NaN, NaN];
  const m = f.reduce((a, b) => a + b, 0) / f.length;
  return [m, f.length < 2 ? NaN : Math.sqrt(f.reduce((a, b) => a + (b - m) ** 2, 0) / (f.length - 1))];
}

const close = (a: number, b: number, what: string) =>
  assert.ok((Number.isNaN(a) && Number.isNaN(b)) || Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('summarizeOverSeeds: one row per grid point in first-seen order, with seed and collapse counts and mean ± sample std of the finite values', () => {
  const rng = new Rng(3);
  const rows: RecourseRow[] = [];
  for (const eps of [0.2, 0, 0.1]) {
    for (const method of ['scfe', 'gsm']) {
      const seeds = eps === 0.1 && method === 'gsm' ? 1 : 3;
      for (let seed = 0; seed < seeds; seed++) {
        const metric = (k: string) => (k === 'robustness' && seed === 0 ? NaN : k === 'costDiff' && eps === 0.2 ? NaN : rng.next());
        rows.push({
          dataset: 'adult',
          model: 'mlp',
          depth: 1,
          width: 0,
          eps,
          method,
          setup: 'default',
          target: 'favourable',
          epsUnits: 'minmax',
          threshold: 'trained',
          seed,
          degenerate: seed === 1 && eps === 0.2,
          belowMajority: false,
          ...Object.fromEntries(SUMMARY_METRICS.map((k) => [k, metric(k)])),
        } as unknown as RecourseRow);
      }
    }
  }
  const out = summarizeOverSeeds(rows);
  assert.deepEqual(
    out.map((r) => [r.eps, r.method]),
    [
      [0.2, 'scfe'],
      [0.2, 'gsm'],
      [0, 'scfe'],
      [0, 'gsm'],
      [0.1, 'scfe'],
      [0.1, 'gsm'],
    ],
  );
  assert.deepEqual(Object.keys(out[0]).slice(0, 13), [
    'dataset',
    'model',
    'depth',
    'width',
    'eps',
    'method',
    'setup',
    'target',
    'epsUnits',
    'threshold',
    'seeds',
    'degenerateSeeds',
    'belowMajoritySeeds',
  ]);
  for (const r of out) {
    const g = rows.filter((x) => x.eps === r.eps && x.method === r.method);
    assert.equal(r.seeds, g.length);
    assert.equal(r.degenerateSeeds, g.filter((x) => x.degenerate).length);
    assert.equal(r.belowMajoritySeeds, 0);
    for (const k of SUMMARY_METRICS) {
      const [m, s] = reference(g.map((x) => Number(x[k as keyof RecourseRow])));
      close(r[`${k}Mean`], m, `${r.eps} ${r.method} ${k} mean`);
      close(r[`${k}Std`], s, `${r.eps} ${r.method} ${k} std`);
    }
  }
  assert.ok(Number.isNaN(out[0].costDiffMean), 'no finite value: NaN');
  assert.ok(Number.isNaN(out[5].validityStd), 'one seed: no spread');
  assert.deepEqual(summarizeOverSeeds([]), []);
});

test('summarizeModels: one row per configuration, the setup named from its training part, accuracy mean ± sample std', () => {
  const row = (eps: number, seed: number, accuracy: number, o: Partial<ModelRow> = {}) =>
    ({
      dataset: 'compas',
      model: 'lr',
      depth: 0,
      width: 0,
      eps,
      seed,
      protocol: 'fixed',
      classWeight: 'none',
      target: 'favourable',
      epsUnits: 'minmax',
      threshold: 'trained',
      degenerate: false,
      belowMajority: accuracy < 0.6,
      majorityRate: 0.6,
      evalEps: 0.1,
      accuracy,
      advAccuracy: accuracy - 0.1,
      positiveRate: 0.5,
      ...o,
    }) as unknown as ModelRow;
  const out = summarizeModels([row(0, 0, 0.7), row(0.1, 0, 0.5), row(0, 1, 0.8), row(0.1, 1, 0.65), row(0, 0, 0.75, { classWeight: 'balanced' })]);
  assert.equal(out.length, 3);
  assert.deepEqual(
    out.map((r) => [r.eps, r.seeds, r.belowMajoritySeeds, r.method]),
    [
      [0, 2, 0, 'model'],
      [0.1, 2, 1, 'model'],
      [0, 1, 0, 'model'],
    ],
  );
  close(out[0].accuracyMean, 0.75, 'mean');
  close(out[0].accuracyStd, Math.sqrt(0.005), 'std');
  assert.ok(Number.isNaN(out[2].accuracyStd));
  assert.notEqual(out[2].setup, out[0].setup, 'class weights make another setup');
});
