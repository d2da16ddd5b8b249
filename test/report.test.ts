/** The README results section is written from the tables: headline cells, degenerate marks, differences, markers. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differences, headlineTable, replaceSection, type RunTables } from '../src/experiments/report';

const row = (eps: number, v: number, d: number, deg = 0) => ({
  dataset: 'adult', model: 'mlp', method: 'scfe', setup: 'default', depth: 1, width: 0, eps, validityMean: v, validityStd: 0.01,
  costDiffMean: d, costDiffStd: 0.02, degenerateSeeds: deg,
});

test('headline table: mean ± std per ε, † on degenerate points, n/a for ε not run', () => {
  const t = headlineTable([row(0, 1, 0), row(0.1, 0.5, 0.3), row(0.3, 0, NaN, 3)]);
  assert.equal(t.length, 3);
  assert.equal(t[2], '| adult | NN | scfe | 1.00 ± 0.01 | 0.50 ± 0.01 | n/a | 0.00 ± 0.01 † | 0.30 ± 0.02 | n/a | — † |');
});

test('differences list every unreproduced claim with its evidence and the variants that decide it, and theory violations', () => {
  const paper = {
    summary: [], meta: {} as never,
    verdicts: [{ claim: 'validity-falls', dataset: 'compas', model: 'lr', setup: 'default', verdict: 'not reproduced', methods: [], degenerateEps: [0.1], evidence: 'E.' }],
    theory: [{ model: 'lr', eps: 0.3, statement: 'theorem1', variant: 'ζ=scfe', instances: 10, violated: 4, counterexamples: 0 }],
  } as unknown as RunTables;
  const variants = { ...paper, verdicts: [
    { claim: 'validity-falls', dataset: 'compas', model: 'lr', setup: 'all', verdict: 'depends on setup', methods: [], degenerateEps: [], evidence: '' },
    { claim: 'validity-falls', dataset: 'compas', model: 'lr', setup: 'balanced', verdict: 'reproduced', methods: [], degenerateEps: [], evidence: '' },
  ] } as unknown as RunTables;
  const d = differences(paper, variants);
  assert.equal(d.length, 2);
  assert.match(d[0], /^- \*\*validity of recourse falls as the training radius ε grows\*\* — compas, LR: not reproduced\. E\. Setup variants \(reduced grid\): \*\*depends on setup\*\* \(balanced: reproduced\)\.$/);
  assert.match(d[1], /theorem1.*violated for 4 of 10 instances/);
  assert.deepEqual(differences({ ...paper, verdicts: [], theory: [] }), ['- Every claim checked here is reproduced by this run.']);
});

test('the section replaces exactly the text between the markers, and missing markers are an error', () => {
  assert.equal(replaceSection('a\n<!-- results:start -->\nold\n<!-- results:end -->\nb', 'new'), 'a\n<!-- results:start -->\nnew\n<!-- results:end -->\nb');
  assert.throws(() => replaceSection('no markers', 'x'), /has no <!-- results:start -->/);
});
