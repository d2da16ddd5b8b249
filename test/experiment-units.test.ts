/** Grid expansion: setups whose method options coincide share a unit key (one cache entry) but each keeps its own unit. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDataset } from '../src/data/index';
import { expandGrid, recourseUnitId, resolveGrid } from '../src/experiments/index';

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
