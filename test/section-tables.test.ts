/** What the section notebooks show, on a tiny synthetic run: settings, tidy figure rows, per-setup figures and their file names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neighbourhoodFromRun, runExperiment, type GridSpec } from '../src/experiments/index';
import { curveRows, figureFiles, figuresBySetup, modelCurveRows, neighbourhoodRows, runRows, settingsRows } from '../src/reports/index';
import { fig11, fig3, fig5 } from '../src/figures/paper';
import { initBackend } from '../src/backend';

const GRID: Partial<GridSpec> = {
  datasets: ['synthetic'],
  models: ['lr'],
  eps: [0.1],
  methods: ['gsm', 'scfe'],
  seeds: [0],
  setups: ['default', 'carla'],
  factuals: 6,
  training: { epochs: 2 },
  robustnessSamples: 4,
  methodOptions: { scfe: { maxSteps: 50 }, gsm: { samplesPerShell: 20, maxShells: 20 } },
};

test('settings rows: the resolved grid as text (ε = 0 added, width 0 shown as 2d) after the extra columns', () => {
  const [row] = settingsRows([GRID], { profile: 'small' });
  assert.equal(Object.keys(row)[0], 'profile');
  assert.equal(row['ε'], '0, 0.1');
  assert.equal(row['NN shapes (depth×width)'], '1×2d');
  assert.equal(row.setups, 'default, carla');
  assert.equal(row.training, '{"epochs":2}');
  assert.equal(row['training rows'], 'all');
});

test('a run with two setups: tidy rows per setup, one figure per setup with the setup in its title, file names per setup', { timeout: 120_000 }, async () => {
  await initBackend({ quiet: true });
  const run = await runExperiment([GRID], { cache: false });
  const rows = curveRows(run, { metrics: ['validity'], models: ['lr'] });
  assert.equal(rows.length, 2 * 2 * 2, 'ε × method × setup');
  assert.deepEqual(Object.keys(rows[0]), [
    'dataset',
    'model',
    'method',
    'setup',
    'ε',
    'seeds',
    'validity mean',
    'validity std',
    'predicted positive',
    'degenerate seeds',
  ]);
  assert.ok(rows.every((r) => Number(r['predicted positive']) >= 0 && Number(r['predicted positive']) <= 1));
  assert.equal(curveRows(run, { metrics: ['validity'], models: ['lr'], eps: [0.1] }).length, 4);
  assert.deepEqual(
    rows
      .filter((r) => r.method === 'gsm')
      .map((r) => r.setup)
      .sort(),
    ['carla', 'carla', 'default', 'default'],
    'GSM keeps a row under each setup',
  );
  assert.equal(modelCurveRows(run).length, 2);
  assert.equal(runRows(run)[0]['recourse units'], 8);
  assert.equal(runRows(run)[0].grids, 'main');
  assert.equal(runRows(run, null, run).length, 2, 'one row per run that ran');
  assert.equal(neighbourhoodFromRun(run), null, 'the default choice is an NN; this run has none');
  const near = neighbourhoodFromRun(run, { dataset: 'synthetic', model: 'lr', eps: 0.1, neighbours: 5 })!;
  assert.equal(near.input.factuals.length, 5);
  assert.equal(near.input.method, 'SCFE, LR');
  const counts = neighbourhoodRows(near);
  assert.deepEqual(
    counts.map((r) => r['already positive (not counted as valid)']),
    near.alreadyPositive,
  );
  assert.equal(near.alreadyPositive[0], 0, "the factuals are the ε = 0 model's negatives");
  assert.ok(counts.every((r) => Number(r['valid recourses']) + Number(r['already positive (not counted as valid)']) <= 5));
  assert.match(String((figuresBySetup(run, fig11)[0].figure.layout?.title as { text: string }).text), /models trained as setup default/);
  const figs = figuresBySetup(run, fig3);
  assert.deepEqual(
    figs.map((f) => f.setup),
    ['default', 'carla'],
  );
  assert.match(String((figs[1].figure.layout?.title as { text: string }).text), /— setup carla$/);
  assert.deepEqual(Object.keys(figureFiles('fig03', figs)), ['fig03-default', 'fig03-carla']);
  assert.deepEqual(
    figuresBySetup(run, (t) => fig5(t)),
    [],
    'no depth/width grid: no figure',
  );
  const one = figuresBySetup({ ...run, summary: run.summary.filter((s) => s.setup === 'default') }, fig3);
  assert.deepEqual(Object.keys(figureFiles('fig03', one)), ['fig03']);
  assert.doesNotMatch(String((one[0].figure.layout?.title as { text: string }).text), /setup/);
});
