/** Grid expansion: setups whose method options coincide share a unit key (one cache entry) but each keeps its own unit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDataset } from '../src/data/index';
import { expandGrid, PROFILES, recourseUnitId, resolveGrid } from '../src/experiments/index';
import { priorRecourseSeconds } from '../src/experiments/timings';
import { EXACT_DEFAULTS } from '../src/recourse/exact/method';

test('a method without a preset under two setups gives one unit per setup with the same key', async () => {
  const ds = await getDataset('synthetic');
  const grid = resolveGrid({ datasets: ['synthetic'], models: ['lr'], eps: [0, 0.1], methods: ['gsm', 'scfe'], seeds: [0], setups: ['default', 'carla'] });
  const { models, recourse } = expandGrid(grid, new Map([['synthetic', ds]]));
  assert.equal(models.length, 2, 'carla trains like default: the models are shared');
  assert.equal(recourse.length, 2 * 2 * 2, 'ε × method × setup');
  const gsm = recourse.filter((u) => u.method === 'gsm' && u.model.options.eps === 0.1);
  assert.deepEqual(gsm.map((u) => u.setup.name).sort(), ['carla', 'default']);
  assert.equal(gsm[0].key, gsm[1].key, 'GSM has no carla preset: same options, same cache entry');
  const scfe = recourse.filter((u) => u.method === 'scfe' && u.model.options.eps === 0.1);
  assert.notEqual(scfe[0].key, scfe[1].key, 'SCFE has a carla preset: different options, different entries');
  assert.equal(new Set(recourse.map(recourseUnitId)).size, recourse.length);
});

test('a stored recourse unit is checked field by field: a forged share, flag or count is refused with the reason', async () => {
  const { recourseProblem } = await import('../src/experiments/recourse-run');
  const good = {
    key: 'k',
    d: 2,
    indices: [0, 1],
    counterfactuals: [0, 0.5, 1, 0.25],
    found: [true, false],
    alreadyPositive: [false, false],
    feasible: [true, true],
    certified: [false, false],
    l2: [0.5, 0],
    optimal: [] as boolean[],
    noRecourse: [] as boolean[],
    robustness: [0.8, NaN],
    iterations: [3, 0],
    seconds: 0.1,
    note: '',
  };
  assert.equal(recourseProblem(good, 'k', 2, 10), null);
  const bad: [Partial<typeof good> | Record<string, unknown>, RegExp][] = [
    [{ robustness: [5, NaN] }, /robustness shares are outside \[0, 1\]/],
    [{ found: ['yes', false] }, /found is not a list of true\/false/],
    [{ feasible: [1, 0] }, /feasible is not a list of true\/false/],
    [{ iterations: [1.5, 0] }, /iterations are not counts/],
    [{ l2: [-1, 0] }, /costs are not finite/],
    [{ indices: [0, 10] }, /factual indices outside the test split/],
    [{ d: 3 }, /3 features, the dataset has 2/],
  ];
  for (const [change, re] of bad) assert.match(recourseProblem({ ...good, ...change } as never, 'k', 2, 10) ?? '', re, JSON.stringify(change));
});

test("the paper profile runs exact on the main grid's MLPs (at the 1 s default limit) but not in the depth/width sweep", async () => {
  const ds = await getDataset('synthetic');
  const exactOn = (g: (typeof PROFILES.paper.grids)[number]) => {
    const grid = resolveGrid({ ...g, datasets: ['synthetic'], seeds: [0] });
    return expandGrid(grid, new Map([['synthetic', ds]]))
      .recourse.filter((u) => u.method === 'exact')
      .map((u) => u.model.kind);
  };
  const [main, depthWidth] = PROFILES.paper.grids;
  assert.deepEqual([...new Set(exactOn(main))].sort(), ['lr', 'mlp']);
  assert.equal(exactOn(depthWidth).length, 0);
  assert.equal(EXACT_DEFAULTS.timeLimit, 1);
  assert.ok(
    priorRecourseSeconds('exact', 100, 'mlp') > 10 * priorRecourseSeconds('exact', 100, 'lr'),
    'the estimate knows a MILP per factual is slower than the closed form',
  );
});

test('a method that trains something first declares it: its nested options merge field by field with the run seed, and its units are keyed by its revision', async () => {
  const { getRecourseMethod, RECOURSE_METHOD_NAMES } = await import('../src/recourse/index');
  const { unitMethodOptions } = await import('../src/experiments/units');
  const { getSetup } = await import('../src/experiments/setups');
  const withArtefact = RECOURSE_METHOD_NAMES.filter((m) => getRecourseMethod(m).artefact);
  assert.deepEqual(withArtefact, ['cchvae'], 'C-CHVAE trains its autoencoder; no other method trains anything first');
  const art = getRecourseMethod('cchvae').artefact!;
  const grid = resolveGrid({ methodOptions: { cchvae: { [art.option]: { epochs: 3 } } } } as never);
  const o = unitMethodOptions('cchvae', getSetup('carla'), grid, 7) as Record<string, Record<string, unknown>>;
  // the carla preset's nested fields survive the grid's override of another field, and the seed follows the run
  assert.equal(o[art.option].epochs, 3);
  assert.deepEqual(o[art.option].hidden, [512, 256]);
  assert.equal(o[art.option].seed, 7);
  assert.equal(art.label('adult', o[art.option]), 'adult VAE seed 7');
});
