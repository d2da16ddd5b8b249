import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { EXACT_DEFAULTS, RECOURSE_METHODS, getRecourseMethod, type RecourseResult } from '../src/recourse/index';
import { featureLayout, isFeasible } from '../src/data/layout';
import { exactLinearRecourse } from '../src/recourse/exact/linear';
import { logitsOf } from '../src/models/predict';
import { RecourseError } from '../src/util/errors';
import { l2, negatives, rowOf, synthetic, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

/** Small settings so every method runs in about a second on the synthetic task. */
const FAST: Record<string, object> = {
  scfe: {},
  roar: {},
  exact: {},
  gsm: { samplesPerShell: 300 },
  cchvae: { samplesPerShell: 100, maxShells: 80, vae: { hidden: [16], epochs: 30 }, cache: false },
};

test('on LR no valid counterfactual of any method costs less (ℓ2) than the exact optimum; the exact optimum is valid and in [0,1]', async () => {
  const ds = synthetic(8);
  const net = trained(ds, 'lr', 0, 60);
  const { w, b } = net.linear()!;
  const f = negatives(net, ds.test.x, 25);
  const layout = featureLayout(f.cols, ds.spec);
  const floorRelaxed = Array.from({ length: f.rows }, (_, i) => exactLinearRecourse(w, b, rowOf(f, i), { margin: 0, immutable: layout.immutable }).cost);
  const floorMixed = Array.from({ length: f.rows }, (_, i) => exactLinearRecourse(w, b, rowOf(f, i), { margin: 0, layout }).cost);
  floorRelaxed.forEach((c, i) => assert.ok(c <= floorMixed[i] + 1e-9, 'the relaxation is the lower of the two floors'));
  let checked = 0;
  for (const name of Object.keys(RECOURSE_METHODS)) {
    const r: RecourseResult = await getRecourseMethod(name).generate(net, f, FAST[name], { spec: ds.spec, train: ds.train });
    const z = logitsOf(net, r.counterfactuals);
    for (let i = 0; i < f.rows; i++) {
      if (!(z[i] > 0)) continue;
      checked++;
      const cost = l2(rowOf(r.counterfactuals, i), rowOf(f, i));
      assert.ok(isFeasible(layout, rowOf(r.counterfactuals, i), rowOf(f, i)), `${name} row ${i} is feasible`);
      assert.ok(cost >= floorMixed[i] - 1e-6, `${name} row ${i}: cost ${cost} below the exact optimum ${floorMixed[i]}`);
    }
    if (name === 'exact') {
      assert.ok(r.found.every(Boolean), 'the exact optimum is valid for every factual');
      r.found.forEach((_, i) => {
        const withMargin = exactLinearRecourse(w, b, rowOf(f, i), { layout, margin: EXACT_DEFAULTS.margin }).cost;
        assert.ok(Math.abs(l2(rowOf(r.counterfactuals, i), rowOf(f, i)) - withMargin) < 1e-5, 'and it is the optimum at its margin');
        assert.ok(r.counterfactuals.data.every((v) => v >= 0 && v <= 1));
      });
    }
  }
  assert.ok(checked >= 4 * f.rows, `enough valid counterfactuals were compared (${checked})`);
  net.dispose();
});

test('the catalog: every method has a name, a summary and defaults; unknown names are a RecourseError listing the valid ones', () => {
  for (const [name, m] of Object.entries(RECOURSE_METHODS)) {
    assert.equal(m.name, name);
    assert.ok(m.summary.length > 10);
    assert.ok(typeof m.defaults === 'object');
  }
  assert.throws(
    () => getRecourseMethod('dice'),
    (e: Error) => e instanceof RecourseError && e.message.includes('scfe, gsm, cchvae, roar, exact'),
  );
});
