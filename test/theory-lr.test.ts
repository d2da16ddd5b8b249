import { test } from 'node:test';
import assert from 'node:assert/strict';
import { initBackend } from '../src/backend';
import { syntheticDataset } from '../src/data';
import { fitLrPair, runLrTheory, summarize, weightGap, withNMeaning } from '../src/theory';

await initBackend({ quiet: true });
const ds = syntheticDataset({ n: 400, d: 4, seed: 3 });

test('the LR pair shares its initialisation: after one full-batch SGD step the weight gap is within η(max‖xᵢ‖ + ε√d)', () => {
  const eta = 0.01;
  const p = fitLrPair(ds, { eps: 0.2, learningRate: eta, epochs: 1, batchSize: ds.train.x.rows, cache: false });
  assert.equal(p.nr.steps, 1);
  assert.ok(weightGap(p.wNR, p.wR) <= p.deltaTrain, `${weightGap(p.wNR, p.wR)} > ${p.deltaTrain}`);
  // different initialisations would differ by the Glorot scale, far above this one-step bound
  assert.ok(p.deltaTrain < 0.05);
});

test('Lemma 1 with N = SGD updates is sound for our minibatch SGD (Δ over the training rows), and N maps to steps or epochs', () => {
  for (const eps of [0.05, 0.3]) {
    const p = fitLrPair(ds, { eps, learningRate: 0.5, epochs: 5, batchSize: 64, cache: false });
    assert.equal(p.nr.steps, 5 * Math.ceil(ds.train.x.rows / 64));
    assert.equal(p.N, p.nr.steps);
    assert.equal(p.nEta, p.nr.steps * 0.5);
    assert.equal(withNMeaning(p, 'epochs').N, 5);
    assert.ok(weightGap(p.wNR, p.wR) <= p.deltaTrain);
  }
});

test('runLrTheory: counts add up, and Definition 1 as printed shrinks every cost difference by exactly λ', async () => {
  const run = await runLrTheory(ds, { eps: 0.1, n: 12, seed: 0, pair: { epochs: 5, cache: false }, scfe: { lambda: 0.1 }, cchvae: false });
  const names = new Set(run.statements.map((s) => s.name));
  assert.deepEqual([...names].sort(), ['lemma1', 'theorem1', 'theorem4']);
  for (const s of run.statements.map(summarize)) {
    assert.equal(s.holds + s.violated + s.vacuous, s.instances);
    assert.equal(s.instances, run.factuals.x.rows);
  }
  const t1 = (z: string) => run.statements.find((s) => s.name === 'theorem1' && s.variant.startsWith(`ζ=${z},`))!;
  const paper = t1('paper-def1').checks;
  t1('closed-form').checks.forEach((c, i) => assert.ok(Math.abs(paper[i].lhs - 0.1 * c.lhs) <= 1e-9 * Math.max(1, c.lhs)));
  const t4 = run.statements.find((s) => s.name === 'theorem4')!;
  const i = t4.implication!;
  assert.equal(i.counterexamples, t4.checks.filter((c) => c.verdict === 'violated').length);
  assert.ok(i.conditionHolds >= i.counterexamples);
});
