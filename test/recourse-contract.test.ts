/** The contract every method shares (src/recourse/method.ts): options, already-positive rows, feasibility, presets. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { isFeasible, featureLayout } from '../src/data/layout';
import { logitsOf } from '../src/models/predict';
import { RECOURSE_METHODS, scfe } from '../src/recourse';
import { resolveOptions } from '../src/util/options';
import { row, takeRows } from '../src/util/matrix';
import { synthetic, trained } from './recourse-fixtures';

await initBackend({ quiet: true });

/** Small, fast settings per method for a 20-row call. */
const FAST: Record<string, object> = {
  scfe: { maxSteps: 300 },
  roar: { maxSteps: 300 },
  gsm: { samplesPerShell: 200 },
  exact: {},
  cchvae: { samplesPerShell: 50, maxShells: 40, vae: { hidden: [8], epochs: 10 }, cache: false },
};

test('every method returns already-positive rows unchanged (found, 0 iterations) and feasible recourses for the rest', async () => {
  const ds = synthetic(3);
  const net = trained(ds, 'lr');
  const z = logitsOf(net, ds.test.x);
  const pos = [...z.keys()].filter((i) => z[i] > 0).slice(0, 6);
  const neg = [...z.keys()].filter((i) => z[i] <= 0).slice(0, 14);
  const idx = [...pos, ...neg].sort((a, b) => a - b);
  const f = takeRows(ds.test.x, idx);
  const layout = featureLayout(f.cols, ds.spec);
  for (const [name, method] of Object.entries(RECOURSE_METHODS)) {
    const r = await method.generate(net, f, FAST[name], { spec: ds.spec, train: ds.train });
    assert.equal(r.method, name);
    idx.forEach((i, k) => {
      const positive = pos.includes(i);
      assert.equal(r.alreadyPositive[k], positive, `${name} row ${k}`);
      if (positive) {
        assert.deepEqual(Array.from(row(r.counterfactuals, k)), Array.from(row(f, k)), `${name}: an already-positive row is returned unchanged`);
        assert.equal(r.iterations[k], 0);
        assert.equal(r.found[k], true);
      }
      assert.equal(r.feasible[k], isFeasible(layout, row(r.counterfactuals, k), row(f, k)), `${name}: feasible flag of row ${k}`);
      assert.ok(r.feasible[k], `${name}: row ${k} respects the layout`);
      assert.ok(Number.isFinite(r.seconds[k]) && r.seconds[k] <= r.totalSeconds + 1e-9);
    });
    assert.ok(r.found.filter((v, k) => v && !r.alreadyPositive[k]).length > 0, `${name} finds some recourse`);
  }
  net.dispose();
});

test('SCFE that runs every step (stopAtValid: false) still leaves already-positive rows alone', async () => {
  const ds = synthetic(4);
  const net = trained(ds, 'mlp');
  const z = logitsOf(net, ds.test.x);
  const i = [...z.keys()].find((k) => z[k] > 0)!;
  const f = takeRows(ds.test.x, [i]);
  const r = await scfe.generate(net, f, { stopAtValid: false, maxSteps: 50 }, { spec: ds.spec });
  assert.deepEqual(Array.from(r.counterfactuals.data), Array.from(f.data));
  net.dispose();
});

test('every default satisfies its own rule, every rule has help, presets are valid option sets, and a typo is an error', async () => {
  const ds = synthetic(5);
  const net = trained(ds, 'lr', 0, 2);
  for (const [name, m] of Object.entries(RECOURSE_METHODS)) {
    assert.deepEqual(Object.keys(m.rules).sort(), Object.keys(m.defaults).sort(), `${name}: one rule per default`);
    for (const r of Object.values(m.rules) as { help: string }[]) assert.ok(r.help.length > 5);
    resolveOptions(name, m.defaults, m.rules, {});
    for (const preset of Object.values(m.presets)) resolveOptions(name, m.defaults, m.rules, preset as object);
    await assert.rejects(
      m.generate(net, takeRows(ds.test.x, [0]), { nosuch: 1 } as object),
      new RegExp(`^RecourseError: unknown option 'nosuch' for ${name}; valid options: `),
    );
  }
  net.dispose();
});
