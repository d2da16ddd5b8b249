/**
 * Figures that do not mislead and go into a paper, on hand-made tables: no line segment touches a flagged
 * (degenerate or below-majority) point, coinciding curves stay apart, bands stay in the metric's range, integer
 * axes have integer ticks, cost axes show 0, accuracy figures show the majority-class rate; every saved HTML file
 * renders alone and offline; the paper preset's PNG is 300 dpi and its PDF has the column's size.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { epsPanels, flagged, type CurvePoint } from '../src/figures/bands';
import { fig11, fig12, fig5, fig9, fig10 } from '../src/figures/paper';
import { accuracyFigure } from '../src/figures/accuracy';
import { COLUMN_INCHES, CSS_DPI, PRINT_DPI, paperFigure } from '../src/figures/paper-preset';
import { saveFigures } from '../src/figures/save';
import { CHROMIUM_PATH } from '../src/figures/export';
import { tempDir, withOfflinePage } from './helpers';

type Row = CurvePoint & { depth: number; width: number };
const row = (o: Partial<Row> & { eps: number }): Row =>
  ({
    dataset: 'adult',
    model: 'lr',
    method: 'scfe',
    setup: 'default',
    seeds: 3,
    degenerateSeeds: 0,
    belowMajoritySeeds: 0,
    depth: 1,
    width: 0,
    validityMean: 0.8,
    validityStd: 0.3,
    costDiffMean: 0.5,
    costDiffStd: 0.2,
    ...o,
  }) as never;
const EPS = [0, 0.1, 0.2, 0.3];
/** SCFE and exact with identical curves; GSM's ε = 0.2 model is degenerate and its ε = 0.3 model below the majority rate. */
const summary: Row[] = [
  ...EPS.map((eps, i) => row({ eps, validityMean: 1 - 0.3 * i, costDiffMean: 0.2 * i })),
  ...EPS.map((eps, i) => row({ eps, method: 'exact', validityMean: 1 - 0.3 * i, costDiffMean: 0.2 * i })),
  ...EPS.map((eps, i) =>
    row({ eps, method: 'gsm', validityMean: 0.95 - 0.1 * i, degenerateSeeds: eps === 0.2 ? 1 : 0, belowMajoritySeeds: eps === 0.3 ? 2 : 0 }),
  ),
];
type T = {
  mode?: string;
  x: number[];
  y: (number | null)[];
  line?: { width?: number; dash?: string };
  marker?: { symbol?: unknown };
  name?: string;
  customdata?: unknown[][];
  xaxis?: string;
  yaxis?: string;
  error_y?: { array: number[]; arrayminus: number[] };
};

test('no line segment runs into or out of a flagged point, in the ε panels, Fig. 12 and Fig. 5', () => {
  const flaggedEps = summary.filter(flagged).map((r) => `${r.method} ${r.eps}`);
  assert.deepEqual(flaggedEps, ['gsm 0.2', 'gsm 0.3']);
  for (const fig of [fig9({ summary, models: [] })!, fig12({ summary, models: [] })!]) {
    for (const t of fig.data as T[]) {
      if (!t.mode?.includes('lines') || t.line?.width === 0 || !t.customdata) continue;
      // customdata[4] is the true ε of each point (x may be offset)
      t.y.forEach((y, i) => {
        const p = summary.find(
          (r) => r.eps === t.customdata![i][4] && t.name!.startsWith(r.method === 'gsm' ? 'GSM' : r.method === 'exact' ? 'exact' : 'SCFE'),
        );
        if (p && flagged(p)) assert.equal(y, null, `${t.name} has a line point at flagged ε = ${p.eps}`);
      });
    }
  }
  const sizes = [1, 2, 3].map((depth) => row({ eps: 0.3, dataset: 'adult', model: 'mlp', depth, degenerateSeeds: depth === 2 ? 3 : 0 }));
  const f5 = fig5({ summary: sizes, models: [] })!;
  for (const t of f5.data as T[]) if (t.mode === 'lines+markers') assert.equal(t.y[1], null, 'no line to the degenerate depth 2');
  assert.ok(
    (f5.data as T[]).some((t) => t.mode === 'markers' && t.x[0] === 2 && String(t.marker?.symbol).endsWith('-open')),
    'depth 2 stands alone, open',
  );
  assert.deepEqual((f5.layout as any).xaxis.tickvals, [1, 2, 3], 'integer ticks at the depths that ran');
  for (const t of f5.data as T[])
    if (t.yaxis === 'y3' && t.error_y)
      t.y.forEach(
        (y, i) => y !== null && assert.ok(y + t.error_y!.array[i] <= 1 + 1e-12 && y - t.error_y!.arrayminus[i] >= -1e-12, 'validity bars inside [0, 1]'),
      );
});

test('coinciding curves differ in marker and position and the note names them; bands stay inside [0, 1]; cost axes show 0', () => {
  const f = fig9({ summary, models: [] })!;
  const means = (f.data as T[]).filter((t) => t.mode === 'lines+markers');
  const [scfe, exact] = [means.find((t) => t.name === 'SCFE')!, means.find((t) => t.name === 'exact')!];
  assert.notEqual(scfe.marker!.symbol, exact.marker!.symbol);
  assert.ok(
    exact.x.every((x, i) => x > scfe.x[i]),
    'the repeated curve is drawn a little to the right',
  );
  assert.match((f.layout as any).annotations.at(-1).text, /identical curves, drawn a little to the right: adult: exact = SCFE/);
  for (const t of f.data as (T & { fill?: string })[])
    if (t.name?.endsWith('std'))
      assert.ok(
        t.y.every((v) => v === null || (v >= 0 && v <= 1)),
        t.name,
      );
  const cost = fig10({ summary, models: [] })!;
  assert.equal((cost.layout as any).yaxis.rangemode, 'tozero');
});

test('accuracy figures show the majority-class rate; Fig. 11 states its attack radius', () => {
  const models = EPS.map((eps) => row({ eps, method: 'model', advAccuracyMean: 0.7, advAccuracyStd: 0.01, majorityRate: 0.75, evalEps: 0.1 } as never));
  const f11 = fig11({ summary: [], models })!;
  assert.match(String((f11.layout as any).title.text), /attack ε = 0\.1 \(PGD-20, ℓ∞\)/);
  assert.ok(
    (f11.layout as any).shapes.some((s: { y0: number }) => s.y0 === 0.75),
    'a line at the majority-class rate',
  );
  const acc = accuracyFigure(
    [
      { model: 'lr', eps: 0, accuracy: 0.7, advAccuracy: 0.6, degenerate: false },
      { model: 'lr-closed', eps: 0, accuracy: 0.7, advAccuracy: 0.6, degenerate: false },
    ],
    'acc',
    0.7,
  );
  assert.ok((acc.data as T[]).some((t) => /^majority-class rate/.test(t.name!)));
  const [lr, closed] = [(acc.data as T[])[0], (acc.data as T[])[2]];
  assert.notDeepEqual(lr.marker!.symbol, closed.marker!.symbol, 'identical accuracy lines keep apart');
  assert.match(closed.name!, /\(= lr clean\)/);
});

test('the paper preset: no title or notes, one or two columns wide, legend below', () => {
  const f = paperFigure(fig9({ summary, models: [] })!, 'single');
  assert.equal((f.layout as any).width, Math.round(COLUMN_INCHES.single * CSS_DPI));
  assert.equal((f.layout as any).title.text, '');
  assert.ok(!(f.layout as any).annotations.some((a: { name?: string }) => a.name === 'note'));
  assert.equal((paperFigure(fig9({ summary, models: [] })!, 'double').layout as any).width, 672);
});

const haveChromium = existsSync(CHROMIUM_PATH);

test(
  'every saved figure file renders alone, offline; the paper PNG is 300 dpi and the PDF is the column size',
  { skip: !haveChromium && `no Chromium at ${CHROMIUM_PATH}` },
  async () => {
    const dir = tempDir('figs-');
    const saved = await saveFigures({ fig09: fig9({ summary, models: [] })! }, dir);
    assert.equal(saved.note, '');
    // copied alone into an empty folder and opened with every network request refused
    const alone = tempDir('figs-alone-');
    copyFileSync(join(dir, 'fig09.html'), join(alone, 'fig09.html'));
    const requests = await withOfflinePage(join(alone, 'fig09.html'), async (page) => {
      await page.waitForSelector('.js-plotly-plot g.trace', { timeout: 20_000 });
      assert.ok((await page.locator('.js-plotly-plot g.trace').count()) > 0);
    });
    assert.deepEqual(requests, [], 'the file asks the network for nothing');
    const png = readFileSync(join(dir, 'paper', 'fig09-single.png'));
    assert.equal(png.readUInt32BE(16), Math.round(COLUMN_INCHES.single * CSS_DPI * (PRINT_DPI / CSS_DPI)), 'PNG width in pixels: 3.5 in at 300 dpi');
    const pdf = readFileSync(join(dir, 'paper', 'fig09-double.pdf'), 'latin1');
    const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf);
    assert.ok(box, 'a PDF with a media box');
    assert.ok(Math.abs(Number(box![1]) - COLUMN_INCHES.double * 72) < 1, `PDF width ${box![1]} pt = 7 in`);
    assert.ok(existsSync(join(dir, 'paper', 'fig09-single.svg')));
  },
);
