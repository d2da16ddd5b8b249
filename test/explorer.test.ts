/**
 * The trade-off explorer (src/explorer/): original units both ways (round trip, one-hot groups as categories,
 * clipped values), the frontier's data (no line through a degenerate point), the command's errors, and in
 * headless Chromium with the network refused: the slider moved by keyboard shows summary.csv's numbers at every
 * ε, a person's values are the inverse scaling of the stored counterfactual, typed values find the nearest
 * person, and a degenerate model is flagged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PeopleDataset, PeopleFile } from '../src/experiments/people';
import { explorerData, frontier, type ExplorerSelection } from '../src/explorer/explorer-data';
import { categoryOf, groupNames, showRow, toOriginal, toScaled } from '../src/explorer/original-units';
import { CHROMIUM_PATH } from '../src/figures/export';
import { Rng } from '../src/util/rng';
import { HAVE_DATA, readCsv, runCli, tempDir, withOfflinePage } from './helpers';

/** A German-like dataset: two continuous columns, a binary one, a one-hot group of three; column 0 immutable. */
const DS: PeopleDataset = {
  features: ['age', 'duration', 'telephone', 'housing_own', 'housing_rent', 'housing_free'],
  min: [19, 4, 0, 0, 0, 0],
  max: [75, 72, 1, 1, 1, 1],
  types: ['continuous', 'continuous', 'binary', 'binary', 'binary', 'binary'],
  immutable: [0],
  groups: [[3, 4, 5]],
  factuals: { 7: [0.5, 0.25, 1, 0, 1, 0] },
};

test('original units: scaling round trip inside the range, clipped outside it', () => {
  const rng = new Rng(3);
  for (let k = 0; k < 200; k++) {
    const j = k % 2;
    const raw = DS.min[j] + rng.next() * (DS.max[j] - DS.min[j]);
    assert.ok(Math.abs(toOriginal(DS, j, toScaled(DS, j, raw)) - raw) < 1e-9, `${raw} round trip`);
    const v = rng.next();
    assert.ok(Math.abs(toScaled(DS, j, toOriginal(DS, j, v)) - v) < 1e-12);
  }
  assert.equal(toOriginal(DS, 1, 1.3), 72, 'a scaled value above 1 shows as the maximum');
  assert.equal(toOriginal(DS, 1, -0.2), 4, 'below 0 as the minimum');
  assert.equal(toScaled(DS, 1, 100), 1);
  assert.equal(toScaled(DS, 1, 0), 0);
  assert.equal(toScaled({ min: [5], max: [5] }, 0, 5), 0, 'a constant column maps to 0');
});

test('original units: a one-hot group reads as its category, a binary column as yes/no, immutables marked', () => {
  assert.deepEqual(groupNames(DS, [3, 4, 5]), { name: 'housing', levels: ['own', 'rent', 'free'] });
  assert.equal(categoryOf(DS, [3, 4, 5], [0, 0, 0, 0, 1, 0]), 'rent');
  assert.equal(categoryOf(DS, [3, 4, 5], [0, 0, 0, 0.2, 0.1, 0.7]), 'free', 'the largest column of a relaxed row');
  const shown = showRow(DS, [0.5, 0.25, 1, 0, 1, 0]);
  assert.deepEqual(
    shown.map((f) => f.name),
    ['age', 'duration', 'telephone', 'housing'],
  );
  assert.deepEqual(
    shown.map((f) => f.value),
    ['47', '21', 'yes', 'rent'],
  );
  assert.deepEqual(
    shown.map((f) => f.immutable),
    [true, false, false, false],
  );
  assert.equal(shown[1].raw, 4 + 0.25 * 68);
});

const point = (eps: number, cost: number, degenerateSeeds = 0) => ({
  dataset: 'd',
  model: 'mlp',
  depth: 1,
  width: 0,
  eps,
  method: 'gsm',
  setup: 'default',
  seeds: 3,
  degenerateSeeds,
  belowMajoritySeeds: 0,
  validityMean: 1,
  validityStd: 0,
  costMean: cost,
  costStd: 0.1,
  costDiffMean: 0,
  costDiffStd: 0,
  accuracyMean: 0.8,
  accuracyStd: 0,
  advAccuracyMean: 0.7 - eps,
  advAccuracyStd: 0,
});

test('the frontier: one point per ε in ε order; a degenerate point keeps its marker but breaks the line; NaN is a gap', () => {
  const data = explorerData([point(0.1, 2, 0), point(0, 1), point(0.2, NaN, 0), point(0.3, 5, 2)], [], null, 't');
  const s = data.selections[0];
  assert.deepEqual(
    s.points.map((p) => p.eps),
    [0, 0.1, 0.2, 0.3],
  );
  const f = frontier(s, 'cost');
  assert.deepEqual(f.y, [1, 2, null, 5]);
  assert.deepEqual(f.line, [1, 2, null, null], 'no line through the degenerate point');
  assert.deepEqual(f.flagged, [3]);
  [0.7, 0.6, 0.5, 0.4].forEach((want, i) => assert.ok(Math.abs(f.x[i] - want) < 1e-12, 'x: the adversarial accuracy of each ε'));
});

test("explorer data: positive rate joined from the model table; a person's changes in original units; statuses kept", () => {
  const people: PeopleFile = {
    format: 'robust-recourse/people@1',
    datasets: { d: DS },
    units: [
      {
        dataset: 'd',
        data: 'd',
        model: 'mlp',
        depth: 1,
        width: 0,
        eps: 0,
        method: 'gsm',
        setup: 'default',
        seed: 0,
        people: [
          {
            row: 7,
            status: 'valid',
            changes: [
              [1, 0.5],
              [3, 1],
              [4, 0],
            ],
          },
        ],
      },
      {
        dataset: 'd',
        data: 'd',
        model: 'mlp',
        depth: 1,
        width: 0,
        eps: 0.1,
        method: 'gsm',
        setup: 'default',
        seed: 0,
        people: [{ row: 7, status: 'no-recourse', changes: [] }],
      },
    ],
  };
  const models = [{ dataset: 'd', model: 'mlp', depth: 1, width: 0, eps: 0.1, setup: 'default', positiveRateMean: 0.25, positiveRateStd: 0.01 }];
  const s: ExplorerSelection = explorerData([point(0, 1), point(0.1, 2)], models, people, 't').selections[0];
  assert.equal(s.points[1].values.positiveRate.mean, 0.25);
  assert.ok(Number.isNaN(s.points[0].values.positiveRate.mean), 'no model row: NaN, not a made-up number');
  const [at0, at1] = s.recourses['7'];
  assert.deepEqual(at0!.changes, { duration: '38', housing: 'own' });
  assert.ok(Math.abs(at0!.cost - Math.hypot(0.25, 1, 1)) < 1e-12);
  assert.equal(at1!.status, 'no-recourse');
  assert.deepEqual(at1!.changes, {});
});

test('recourse explore: a folder without results is one line naming the fix, exit 1', () => {
  const r = runCli(['explore', tempDir('explore-empty-')]);
  assert.equal(r.code, 1);
  assert.match(r.stderr.trim(), /^recourse: .*has no results\/summary\.csv; point it at a folder written by `recourse reproduce --out DIR`$/);
  assert.equal(r.stderr.trim().split('\n').length, 1);
  const two = runCli(['explore', 'a', 'b']);
  assert.equal(two.code, 1);
  assert.match(two.stderr, /unexpected argument/);
});

const haveChromium = existsSync(CHROMIUM_PATH);

test(
  'the page in Chromium, offline: the keyboard slider shows summary.csv at every ε, a person is the inverse scaling of the stored counterfactual, a degenerate model is flagged',
  { skip: (!HAVE_DATA && 'no data') || (!haveChromium && `no Chromium at ${CHROMIUM_PATH}`) },
  async () => {
    const out = tempDir('explore-run-');
    const run = runCli(
      [
        'reproduce',
        '--profile',
        'quick',
        '--datasets',
        'compas',
        '--models',
        'lr',
        '--eps',
        '0.02,0.3',
        '--seeds',
        '1',
        '--factuals',
        '10',
        '--methods',
        'scfe',
        '--setup',
        'default',
        '--no-theory',
        '--no-images',
        '--out',
        out,
      ],
      { RECOURSE_CACHE_DIR: tempDir('explore-cache-'), RECOURSE_QUIET: '1' },
    );
    assert.equal(run.code, 0, run.stderr);
    const r = runCli(['explore', out, '--json']);
    assert.equal(r.code, 0, r.stderr);
    const file = JSON.parse(r.stdout).file as string;
    const summary = readCsv(join(out, 'results', 'summary.csv')).sort((a, b) => Number(a.eps) - Number(b.eps));
    const people = JSON.parse(readFileSync(join(out, 'results', 'people.json'), 'utf8')) as PeopleFile;
    const errors: string[] = [];
    const requests = await withOfflinePage(file, async (page) => {
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.waitForSelector('body[data-ready=true]', { timeout: 20_000 });
      await page.focus('#eps');
      let sawDegenerate = false;
      for (const [k, row] of summary.entries()) {
        if (k > 0) await page.keyboard.press('ArrowRight');
        assert.equal(await page.locator('#eps-value').innerText(), String(Number(row.eps)));
        for (const [metric, column] of [
          ['validity', 'validityMean'],
          ['cost', 'costMean'],
          ['accuracy', 'accuracyMean'],
        ] as const) {
          const shown = await page.locator(`#stats-body td[data-metric=${metric}]`).getAttribute('data-value');
          const want = Number(row[column]);
          if (Number.isNaN(want)) assert.ok(shown === 'null' || shown === 'NaN', `${metric} at ε ${row.eps}: none`);
          else assert.ok(Math.abs(Number(shown) - want) <= 1e-12 * Math.max(1, Math.abs(want)), `${metric} at ε ${row.eps}: ${shown} vs ${want}`);
        }
        const degenerate = Number(row.degenerateSeeds) > 0;
        assert.equal(await page.locator('#flags').getAttribute('data-degenerate'), String(degenerate));
        if (degenerate) {
          sawDegenerate = true;
          assert.match(await page.locator('#flags').innerText(), /degenerate: 1 of 1 seeds/);
        }
      }
      assert.ok(sawDegenerate, 'the grid has a degenerate model (COMPAS LR at ε = 0.3 under the default setup)');
      // back to ε = 0 and a person with a valid recourse there: every changed value is the inverse scaling of people.json
      await page.keyboard.press('Home');
      const unit = people.units.find((u) => u.eps === 0 && u.method === 'scfe')!;
      const person = unit.people.find((p) => p.status === 'valid' && p.changes.length > 0)!;
      await page.selectOption('#person', String(person.row));
      const ds = people.datasets[unit.data];
      const continuous = person.changes.filter(([j]) => ds.types[j] === 'continuous' && !ds.groups.flat().includes(j));
      assert.ok(continuous.length > 0, 'SCFE moves a continuous feature');
      for (const [j, v] of continuous) {
        const cell = page.locator(`#person-table td[data-feature="${ds.features[j]}"]`).first();
        const shown = Number(await cell.getAttribute('data-value'));
        const want = toOriginal(ds, j, v);
        const step = Math.max(0.5, (ds.max[j] - ds.min[j]) / 100); // the page rounds integer columns to integers, others to the column's scale
        assert.ok(Math.abs(shown - want) <= step, `${ds.features[j]}: shown ${shown}, inverse scaling ${want}`);
      }
      // the nearest person to values typed in original units: another person's own values find that person
      const other = unit.people.find((p) => p.row !== person.row)!;
      const x0 = ds.factuals[String(other.row)];
      for (const [j, name] of ds.features.entries()) {
        if (ds.types[j] !== 'continuous' || ds.groups.flat().includes(j)) continue;
        await page.fill(`#nearest-fields input[data-feature="${name}"]`, String(toOriginal(ds, j, x0[j])));
      }
      await page.click('#nearest button[type=submit]');
      assert.equal(await page.locator('#person').inputValue(), String(other.row));
    });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, [], 'the page asks the network for nothing');
  },
);
