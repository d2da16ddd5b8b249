/**
 * The logic the notebooks call instead of holding it in cells: the notebook grids (one place, from the command
 * line's profiles), setups side by side, the quickstart's findings and figure, the theory notebook's trends,
 * totals, contradictions and shown parts, and figure file names from shown parts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { syntheticDataset } from '../src/data';
import { accuracyFindings, DEFAULT_GRID, notebookGrids, PROFILES, resolveGrid, type AccuracyRow, type RunResult } from '../src/experiments/index';
import { compareSetups } from '../src/reports/index';
import type { ScopeVerdict } from '../src/verdicts/index';
import {
  contradictionsMarkdown,
  foundRateTrend,
  lambdaSweepParts,
  lemma1Parts,
  runLrTheories,
  statementRows,
  theorem1Parts,
  theorem3Parts,
  validityFindings,
  validityTotals,
  type ValiditySweepRow,
} from '../src/experiments/theory/index';
import { accuracyFigure } from '../src/figures/accuracy';
import { partFigures } from '../src/figures/parts';
import type { Figure } from '../src/figures/plotly';

test('notebook grids: full = the paper and variants profiles resolved, small = test size; each call returns its own copy to edit', () => {
  const full = notebookGrids('full', ['main', 'depthWidth', 'variants']);
  assert.deepEqual(full.main, resolveGrid(PROFILES.paper.grids[0]));
  assert.deepEqual(full.main.eps, DEFAULT_GRID.eps);
  assert.deepEqual(full.depthWidth.name, 'depth-width');
  assert.deepEqual(full.variants, resolveGrid(PROFILES.variants.grids[0]));
  assert.ok(full.variants!.setups.length > 1);
  full.main.eps.push(0.5);
  assert.ok(!DEFAULT_GRID.eps.includes(0.5) && !notebookGrids('full', ['main']).main.eps.includes(0.5), 'editing a copy changes no shared grid');
  const small = notebookGrids('small', ['main', 'variants']);
  assert.deepEqual(Object.keys(small), ['main', 'variants']);
  assert.deepEqual(small.main.setups, ['default']);
  assert.deepEqual({ ...small.variants, name: 'main', setups: ['default'] }, small.main, 'the small comparison is the small main grid under more setups');
});

test('setups side by side: per-setup figures only where the setups disagree; one line otherwise; nothing run, one line', () => {
  const summary = ['default', 'carla'].map((setup) => ({ setup, depth: 1, width: 0 }));
  const run = { summary, models: [] } as unknown as RunResult;
  const figure = (t: { summary: readonly { setup: string }[] }): Figure => ({ data: [], layout: { title: { text: `setup ${t.summary[0].setup}` } } });
  const verdict = (setup: string, v: ScopeVerdict['verdict']): ScopeVerdict => ({
    subject: { kind: 'adversarial', dataset: 'adult', model: 'mlp' },
    setup,
    verdict: v,
    evidence: { kind: 'adversarial', evalEps: 0.1, measured: null },
    leftOut: null,
  });
  const c = compareSetups(
    run,
    [
      { label: 'Fig. A', title: 'A', file: 'figA', figure, judge: () => [verdict('default', 'reproduced'), verdict('carla', 'not reproduced')] },
      { label: 'Fig. B', title: 'B', file: 'figB', figure, judge: () => [verdict('default', 'reproduced'), verdict('carla', 'reproduced')] },
    ],
    '§6',
  );
  assert.deepEqual(Object.keys(c.files), ['figA-variants-default', 'figA-variants-carla']);
  assert.deepEqual(
    c.parts.map((p) => ('figure' in p ? 'figure' : 'markdown' in p ? p.markdown.slice(0, 30) : 'table')),
    ['**A — setups side by side: dep', 'figure', 'figure', '**B — setups side by side: rep', '*Fig. B: the setups do not dis'],
  );
  assert.equal(c.verdicts['Fig. A, setups side by side'].length, 2);
  assert.deepEqual(c.where, { 'Fig. A, setups side by side': '§6', 'Fig. B, setups side by side': '§6' });
  assert.deepEqual(compareSetups(null, []).parts, [{ markdown: '*No setup comparison: `config.variants` is null.*' }]);
});

const row = (o: Partial<AccuracyRow>): AccuracyRow => ({
  model: 'lr',
  eps: 0,
  accuracy: 0.7,
  advAccuracy: 0.5,
  exactAdvAccuracy: null,
  predictedPositive: 0.3,
  degenerate: false,
  seconds: 1,
  ...o,
});

test('quickstart findings: the best non-degenerate model, a degenerate one on top named as such, and every model degenerate', () => {
  const md = accuracyFindings(
    [row({}), row({ eps: 0.1, advAccuracy: 0.6 }), row({ eps: 0.3, advAccuracy: 0.7, degenerate: true, predictedPositive: 0 })],
    0.7,
    0.1,
  );
  assert.match(
    md,
    /Majority-class rate on the test set: \*\*70\.0%\*\*; ERM logistic regression reaches \*\*70\.0%\*\* clean and \*\*50\.0%\*\* under attack at ε = 0\.1\./,
  );
  assert.match(md, /Best adversarial accuracy among non-degenerate models: \*\*60\.0%\*\* \(lr at ε = 0\.1;/);
  assert.match(md, /belongs to a \*\*degenerate\*\* model: it predicts the negative class for 100\.0% of the test set/);
  assert.match(md, /\*\*Degenerate models\*\* \(one class for ≥ 99% of test points\): lr at ε = 0\.3\./);
  assert.match(accuracyFindings([row({ degenerate: true })], 0.7, 0.1), /Every model is degenerate/);
  assert.match(accuracyFindings([row({})], 0.7, 0.1), /No model is degenerate/);
  const fig = accuracyFigure([row({}), row({ eps: 0.3, degenerate: true }), row({ model: 'lr-closed' })], 'toy');
  assert.equal(fig.data.length, 4, 'clean and adversarial per model kind');
  assert.deepEqual((fig.data[0] as { marker: { symbol: string[] } }).marker.symbol, ['circle', 'circle-open']);
});

const sweep = (eps: number, foundR: number, o: Partial<ValiditySweepRow> = {}): ValiditySweepRow => ({
  eps,
  instances: 10,
  foundNR: 0.9,
  foundR,
  noRecourse: 2,
  conditionHolds: 8,
  conclusionHolds: 6,
  counterexamples: 2,
  degenerateR: false,
  positiveRateR: 0.3,
  ...o,
});

test('theory sweeps: totals over instances with both recourses; the found-rate trend leaves out degenerate ε and says so', () => {
  const rows = [
    sweep(0.1, 0.8),
    sweep(0.2, 0.5),
    sweep(0.3, 0.9, { degenerateR: true, positiveRateR: 0.002, noRecourse: 10, conditionHolds: 0, counterexamples: 0 }),
  ];
  assert.deepEqual(validityTotals(rows), { compared: 16, conditionHolds: 16, counterexamples: 4 });
  const trend = foundRateTrend(rows);
  assert.match(trend, /falls with ε, as the paper reports for validity: 80% at ε = 0\.1, 50% at ε = 0\.2, 90% at ε = 0\.3 \(degenerate\)/);
  assert.match(trend, /\*\*Caveat:\*\* at ε = 0\.3 the robust model is degenerate — it predicts positive for 0\.2 % of test points/);
  assert.match(trend, /not the validity of notebooks 02–04/);
  assert.match(foundRateTrend([sweep(0.1, 0.5), sweep(0.2, 0.6)]), /not falling steadily/);
  assert.doesNotMatch(foundRateTrend([sweep(0.1, 0.5), sweep(0.2, 0.4)]), /Caveat/);
  const md = validityFindings('lr', rows, []);
  assert.match(
    md,
    /Across the ε grid 16 instances have recourses from both models; the condition holds for 100\.0% of them, and there are \*\*4 counterexamples\*\* \(25\.0%\)\. So Theorem 4 as stated is false on our logistic regressions\./,
  );
  assert.match(
    validityFindings('ntk', [sweep(0.1, 0, { noRecourse: 10 })], []),
    /no instance has recourses from both models, so Theorem 5 claims nothing here/,
  );
});

test(
  'theory notebook parts on a small LR pair: tables, figures or the reason for none, findings, contradictions; figures get file names',
  { timeout: 120_000 },
  async () => {
    await initBackend({ quiet: true });
    const ds = syntheticDataset({ n: 400, d: 4, seed: 3 });
    const [main, other] = await runLrTheories(ds, [0.1, 0.05], { n: 12, seed: 0, pair: { epochs: 5, cache: false }, cchvae: false });
    assert.deepEqual([main.eps, other.eps], [0.1, 0.05]);
    assert.equal(statementRows(main.statements).length, main.statements.length);
    assert.ok(!('variant' in statementRows(main.statements)[0]));
    const l1 = lemma1Parts(main);
    assert.ok('table' in l1[0] && l1[0].table.length === 2 && 'markdown' in l1[1] && /The measured gap is/.test(l1[1].markdown));
    const t1 = theorem1Parts(main, other);
    assert.equal(t1.length, 5, 'three ζ on the main pair, SCFE on the other, then the findings');
    assert.ok(t1.slice(0, 4).every((p) => 'figure' in p || ('markdown' in p && /not plotted/.test(p.markdown))));
    const sweepParts = lambdaSweepParts(main, [0.01, 1], other);
    assert.ok('table' in sweepParts[0] && sweepParts[0].table.length === 2 * 3);
    assert.match(
      theorem3Parts(main)
        .map((p) => ('markdown' in p ? p.markdown : ''))
        .join(''),
      /theorem3.*skipped/,
    );
    assert.match(contradictionsMarkdown({ lr: [main, other], ntk: [], lrValidity: [], ntkValidity: [] }), /^(Measured contradictions|No measurement)/);
    const files = partFigures('theorem1', t1);
    assert.ok(
      Object.keys(files).every((k) => /^theorem1-theorem-1-/.test(k)),
      Object.keys(files).join(', '),
    );
    assert.equal(new Set(Object.keys(files)).size, t1.filter((p) => 'figure' in p).length);
  },
);
