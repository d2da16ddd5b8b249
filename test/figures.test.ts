/** Figure functions on small hand-made results tables: traces, names, bands, degenerate markers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { epsPanels, type CurvePoint } from '../src/figures/bands';
import { fig1, fig11, fig5, paperFigures } from '../src/figures/paper';

function point(o: Partial<CurvePoint> & { eps: number; validityMean: number }): CurvePoint & { depth: number; width: number } {
  return {
    dataset: 'adult',
    model: 'mlp',
    method: 'scfe',
    setup: 'default',
    seeds: 3,
    degenerateSeeds: 0,
    depth: 1,
    width: 0,
    validityStd: 0.1,
    ...o,
  } as never;
}

const rows = [
  point({ eps: 0, validityMean: 1 }),
  point({ eps: 0.1, validityMean: 0.6, validityStd: 0.2 }),
  point({ eps: 0.3, validityMean: 0, degenerateSeeds: 2 }),
  point({ eps: 0, validityMean: 0.9, method: 'gsm' }),
  point({ eps: 0.3, validityMean: 0.5, method: 'gsm' }),
  point({ eps: 0, validityMean: 0.8, dataset: 'compas' }),
  point({ eps: 0.3, validityMean: 0.7, dataset: 'compas' }),
];

test('a curve is a lower edge, a band filled to it, a mean line that stops short of flagged points, and those points alone as open markers', () => {
  const f = epsPanels(rows, { metric: 'validity', title: 't', yTitle: 'y', datasets: ['adult', 'compas'], models: ['mlp'], valueRange: [0, 1] });
  assert.equal(f.data.length, 3 * 3 + 1, 'three curves (adult scfe, adult gsm, compas scfe), three traces each, and the degenerate adult scfe point');
  const [lo, hi, mean, flagged] = f.data.slice(0, 4) as any[];
  assert.deepEqual(mean.x, [0, 0.1, 0.3]);
  assert.deepEqual(mean.y, [1, 0.6, null], 'no segment runs into the degenerate point');
  assert.equal(mean.connectgaps, false);
  assert.deepEqual(
    lo.y.map((v: number | null) => (v === null ? null : +v.toFixed(9))),
    [0.9, 0.4, null],
  );
  assert.deepEqual(
    hi.y.map((v: number | null) => (v === null ? null : +v.toFixed(9))),
    [1, 0.8, null],
    'the band is clipped to the metric range [0, 1]',
  );
  assert.equal(hi.fill, 'tonexty');
  assert.deepEqual(
    [flagged.mode, flagged.x, flagged.y, flagged.marker.symbol, flagged.cliponaxis],
    ['markers', [0.3], [0], 'circle-open', false],
    'the degenerate point stands alone, open, drawn over the axis',
  );
  assert.equal(mean.name, 'SCFE');
  const compas = f.data[7] as any;
  assert.equal(compas.xaxis, 'x2', 'the second dataset is drawn in the second panel');
  assert.equal((f.data[9] as any).showlegend, false, 'a method appears once in the legend');
  // every line trace: no finite y at a flagged point, every band value inside [0, 1]
  for (const t of f.data as any[])
    if (t.fill === 'tonexty' || t.name?.endsWith('−std'))
      assert.ok(
        t.y.every((v: number | null) => v === null || (v >= 0 && v <= 1)),
        t.name,
      );
});

test('the note under a curve says why a grid point has no value: no factual needed recourse, or the metric condition failed', () => {
  const pts = [
    point({ eps: 0, validityMean: 1, costDiffMean: 0, validityNeededMean: 1 } as never),
    point({ eps: 0.1, validityMean: 1, costDiffMean: NaN, validityNeededMean: NaN } as never),
    point({ eps: 0.2, validityMean: 0, costDiffMean: NaN, validityNeededMean: 0 } as never),
  ];
  const f = fig1({ summary: pts, models: [] })!;
  const costNote = (
    epsPanels(pts, { metric: 'costDiff', title: 't', yTitle: 'y', datasets: ['adult'], models: ['mlp'], missingWhy: 'both fail' }).layout as any
  ).annotations.at(-1).text;
  assert.match(costNote, /no value where no factual needs recourse \(the model predicts them all positive\): adult ε = 0\.1(<br>|$)/);
  assert.match(costNote, /no value where both fail: adult ε = 0\.2$/);
  assert.doesNotMatch((f.layout as any).annotations.at(-1).text, /no value/, 'validity is defined everywhere');
});

test('paper figure functions pick their model class, and return null without data', () => {
  assert.ok(fig1({ summary: rows, models: [] }));
  assert.equal(fig1({ summary: rows.map((r) => ({ ...r, model: 'lr' })), models: [] }), null, 'Fig. 1 is the NN figure');
  assert.equal(fig5({ summary: rows, models: [] }), null, 'no depth/width grid, no Fig. 5');
  assert.equal(fig11({ summary: rows, models: [] }), null);
  const names = Object.keys(paperFigures({ summary: rows, models: [] }));
  assert.ok(names.includes('fig01-validity-nn') && !names.includes('fig03-validity-lr'));
});

test('Fig. 5 plots cost difference and validity against depth and width at ε = 0.3', () => {
  const grid = [1, 2, 3]
    .map((depth) => point({ eps: 0.3, depth, validityMean: 0.1 * depth, costDiffMean: depth, costDiffStd: 0 } as never))
    .concat([16, 32].map((width) => point({ eps: 0.3, depth: 2, width, validityMean: 0.5, costDiffMean: width / 16, costDiffStd: 0 } as never)));
  const f = fig5({ summary: grid, models: [] })!;
  assert.equal(f.data.length, 4, 'one method × four panels');
  assert.deepEqual((f.data[0] as any).x, [1, 2, 3]);
  assert.deepEqual((f.data[1] as any).x, [16, 32]);
  assert.deepEqual(
    (f.data[2] as any).y.map((v: number) => +v.toFixed(9)),
    [0.1, 0.2, 0.3],
  );
});

test('exact on an MLP: its ℓ1 optimum has its own line in the ℓ1 cost-difference figure, and no line in the ℓ2 figures (its ℓ2 cost is no optimum)', () => {
  const withCost = (method: string, eps: number, d: number) =>
    point({ eps, validityMean: 1, method, costDiffMean: d, costDiffStd: 0.01, costDiffL1Mean: d * 1.5, costDiffL1Std: 0.01 } as never);
  const summary = [0, 0.1, 0.2].flatMap((e) => [withCost('scfe', e, e), withCost('exact', e, e / 2)]);
  const figs = paperFigures({ summary, models: [] });
  const names = (f: { data: { name?: string }[] }) => f.data.map((t) => t.name ?? '').join(' | ');
  assert.ok(figs['exact-cost-difference-nn'], 'the ℓ1 figure is drawn');
  assert.match(names(figs['exact-cost-difference-nn'] as never), /exact/i);
  assert.doesNotMatch(names(figs['fig02-cost-difference-nn'] as never), /exact/i, 'Fig. 2 (ℓ2) leaves exact-on-MLP out');
  assert.match(names(figs['fig01-validity-nn'] as never), /exact/i, 'validity does not depend on the norm');
  assert.equal(
    paperFigures({ summary: summary.filter((r) => r.method !== 'exact'), models: [] })['exact-cost-difference-nn'],
    undefined,
    'no exact rows, no ℓ1 figure',
  );
});
