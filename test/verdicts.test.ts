/** The verdict rule on hand-made summaries: supports / contradicts / flat, and the claim-level verdicts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SummaryRow } from '../src/experiments';
import { claimEvidence, decidedSentence } from '../src/reports';
import { decideTable, judgeClaims, methodTrend, spearman, CLAIMS, MIN_EPS, MIN_SEEDS } from '../src/verdicts';

const validity = CLAIMS.find((c) => c.id === 'validity-falls')!;

function rows(method: string, means: number[], std = 0.01, extra: Partial<SummaryRow> = {}): SummaryRow[] {
  return means.map(
    (m, i) =>
      ({
        dataset: 'adult',
        model: 'mlp',
        depth: 1,
        width: 0,
        eps: [0, 0.1, 0.2, 0.3][i],
        method,
        setup: 'default',
        seeds: 3,
        degenerateSeeds: 0,
        validityMean: m,
        validityStd: std,
        costDiffMean: i * 0.1,
        costDiffStd: 0.01,
        ...extra,
      }) as unknown as SummaryRow,
  );
}

test('Spearman ρ: 1 for a monotone increase, −1 for a decrease, NaN for fewer than three points or a constant series', () => {
  assert.equal(spearman([0, 1, 2, 3], [1, 5, 7, 100]), 1);
  assert.equal(spearman([0, 1, 2], [3, 2, 1]), -1);
  assert.ok(Number.isNaN(spearman([0, 1], [1, 2])));
  assert.ok(Number.isNaN(spearman([0, 1, 2], [1, 1, 1])));
});

test('a method supports a claim only when the move exceeds two standard errors and the minimum effect', () => {
  assert.equal(methodTrend(validity, rows('scfe', [1, 0.8, 0.5, 0.2])).trend, 'supports');
  assert.equal(methodTrend(validity, rows('scfe', [0.5, 0.6, 0.8, 0.9])).trend, 'contradicts');
  assert.equal(methodTrend(validity, rows('scfe', [0.5, 0.51, 0.5, 0.49])).trend, 'flat', 'below the minimum effect');
  assert.equal(methodTrend(validity, rows('scfe', [1, 0.8, 0.6, 0.7], 0.5)).trend, 'flat', 'within two standard errors of noisy seeds');
  assert.equal(methodTrend(validity, rows('scfe', [NaN, NaN, 0.5, 0.2])).trend, 'insufficient evidence', 'no value at ε = 0');
});

test('claim verdicts: reproduced, not reproduced, mixed, and depends on setup across setups', () => {
  const down = [...rows('scfe', [1, 0.8, 0.5, 0.2]), ...rows('gsm', [1, 0.7, 0.4, 0.1])];
  const v = judgeClaims(down).find((x) => x.claim === 'validity-falls')!;
  assert.equal(v.verdict, 'reproduced');
  assert.match(claimEvidence(v), /^2 of 2 methods support it: scfe 1\.00 \(ε = 0\) → 0\.200 ± 0\.0100 \(ε = 0\.3\)/);
  const mixed = judgeClaims([...rows('scfe', [1, 0.8, 0.5, 0.2]), ...rows('gsm', [0.5, 0.5, 0.5, 0.5])]).find((x) => x.claim === 'validity-falls')!;
  assert.equal(mixed.verdict, 'mixed');
  const flat = judgeClaims(rows('scfe', [1, 1, 1, 1], 0, { degenerateSeeds: 3 } as never)).find((x) => x.claim === 'validity-falls')!;
  assert.equal(flat.verdict, 'insufficient evidence', 'every grid point has a degenerate model: all are left out');
  assert.equal(flat.withDegenerate, 'not reproduced');
  assert.deepEqual(flat.degenerateEps, [0, 0.1, 0.2, 0.3]);
  assert.match(
    claimEvidence(flat),
    /^Insufficient evidence: a verdict needs ≥ 3 seeds and ≥ 3 usable ε values .*; this scope has 3 seeds and 0 usable ε values\. Left out: ε = 0, 0\.1, 0\.2, 0\.3 \(some seed's model is degenerate\); with them the verdict would be not reproduced\.$/,
  );
  // a degenerate last point that would decide the verdict: left out, the trend is read from the others
  const tail = rows('scfe', [1, 0.8, 0.5, 1]).map((r, i) => (i === 3 ? { ...r, degenerateSeeds: 1 } : r));
  const t = judgeClaims(tail).find((x) => x.claim === 'validity-falls')!;
  assert.equal(t.verdict, 'reproduced');
  assert.equal(t.withDegenerate, 'not reproduced');
  assert.match(claimEvidence(t), /scfe 1\.00 \(ε = 0\) → 0\.500 ± 0\.0100 \(ε = 0\.2\)/);
  const twoSetups = judgeClaims([...down, ...rows('scfe', [1, 1, 1, 1], 0.01, { setup: 'balanced' } as never)]);
  const across = twoSetups.find((x) => x.claim === 'validity-falls' && x.setup === 'all')!;
  assert.equal(across.verdict, 'depends on setup');
  assert.equal(claimEvidence(across), 'default: reproduced; balanced: not reproduced.');
});

test('evidence rule: one seed, or fewer than 3 usable ε values, gives insufficient evidence for every claim, and no spread is printed from one seed', () => {
  assert.equal(MIN_SEEDS, 3);
  assert.equal(MIN_EPS, 3);
  const oneSeed = [...rows('scfe', [1, 0.8, 0.5, 0.2], NaN, { seeds: 1 } as never), ...rows('gsm', [1, 0.7, 0.4, 0.1], NaN, { seeds: 1 } as never)];
  const vs = judgeClaims(oneSeed);
  assert.equal(vs.length, CLAIMS.length);
  for (const v of vs) {
    assert.equal(v.verdict, 'insufficient evidence', v.claim);
    assert.match(claimEvidence(v), /this scope has 1 seed and/);
    assert.doesNotMatch(claimEvidence(v), /±/);
  }
  // two seeds: still short of the rule
  assert.equal(judgeClaims(rows('scfe', [1, 0.8, 0.5, 0.2], 0.01, { seeds: 2 } as never))[0].verdict, 'insufficient evidence');
  // three seeds but only two ε values
  assert.equal(judgeClaims(rows('scfe', [1, 0.2], 0.01))[0].verdict, 'insufficient evidence');
  // three ε values with three seeds: a verdict
  assert.equal(judgeClaims(rows('scfe', [1, 0.5, 0.2], 0.01))[0].verdict, 'reproduced');
});

test('a grid point with a model below the majority-class rate is left out like a degenerate one, and named', () => {
  const r = rows('scfe', [1, 0.9, 0.5, 0.1]).map((x, i) => (i >= 2 ? { ...x, belowMajoritySeeds: 1 } : x));
  const v = judgeClaims(r).find((x) => x.claim === 'validity-falls')!;
  assert.equal(v.verdict, 'insufficient evidence', 'only ε = 0 and 0.1 are usable');
  assert.equal(v.withDegenerate, 'reproduced');
  assert.match(claimEvidence(v), /Left out: ε = 0\.2, 0\.3 \(some seed's model is below the majority-class rate\)/);
});

test('what decides it: a factor whose level flips the verdict is named, budgets and the paper formula are levels of their own', () => {
  const base = (setup: string, validity: number[], costDiff: number[], extra: Record<string, number[]> = {}) =>
    validity.map(
      (m, i) =>
        ({
          dataset: 'german',
          model: 'lr',
          depth: 0,
          width: 0,
          eps: [0, 0.1, 0.2, 0.3][i],
          method: 'exact',
          setup,
          seeds: 3,
          degenerateSeeds: 0,
          belowMajoritySeeds: 0,
          validityMean: m,
          validityStd: 0.01,
          costDiffMean: costDiff[i],
          costDiffStd: 0.01,
          ...Object.fromEntries(
            Object.entries(extra).flatMap(([k, v]) => [
              [`${k}Mean`, v[i]],
              [`${k}Std`, 0.01],
            ]),
          ),
        }) as unknown as SummaryRow,
    );
  const flat = [1, 1, 1, 1];
  const falls = [1, 0.7, 0.4, 0.1];
  const budget = {
    validityAt10: falls,
    validityAt30: flat,
    validityAt100: flat,
    costDiffAt10: [0, 0, 0, 0],
    costDiffAt30: [0, 0, 0, 0],
    costDiffAt100: [0, 0, 0, 0],
    paperCostDiff: [0, -0.2, -0.4, -0.6],
    costDiffL1: [0, -0.1, -0.2, -0.3],
  };
  const t = decideTable([...base('default', flat, [0, 0.2, 0.4, 0.6], budget), ...base('minority', falls, [0, 0.2, 0.4, 0.6], budget)]);
  assert.deepEqual(
    t.levels.map((l) => l.label),
    ['default', 'minority', 'budget 10', 'budget 30', 'budget 100', "paper's Cost", 'ℓ1 cost'],
  );
  const validityRow = t.rows.find((r) => r.claim === 'validity-falls')!;
  assert.deepEqual(
    validityRow.cells.map((c) => c.verdict),
    ['not reproduced', 'reproduced', 'reproduced', 'not reproduced', 'not reproduced', 'same as default', 'same as default'],
  );
  assert.deepEqual(validityRow.flips, ['target = minority', 'budget = 10']);
  assert.match(decidedSentence(t.levels, validityRow), /^default not reproduced; flipped by target = minority \(reproduced\), budget = 10 \(reproduced\)$/);
  const costRow = t.rows.find((r) => r.claim === 'cost-difference-grows')!;
  assert.equal(costRow.cells[0].verdict, 'reproduced');
  assert.deepEqual(
    costRow.flips,
    ['budget = 10', 'budget = 30', 'budget = 100', "paper's Cost formula", 'cost in ℓ1'],
    'flat budget columns and falling paper and ℓ1 cost differences flip it',
  );
  // no factor that changes anything: nothing is named
  const same = decideTable([
    ...base('default', falls, [0, 0.2, 0.4, 0.6], {
      ...budget,
      validityAt10: falls,
      validityAt30: falls,
      validityAt100: falls,
      costDiffAt10: [0, 0.2, 0.4, 0.6],
      costDiffAt30: [0, 0.2, 0.4, 0.6],
      costDiffAt100: [0, 0.2, 0.4, 0.6],
      paperCostDiff: [0, 0.2, 0.4, 0.6],
      costDiffL1: [0, 0.3, 0.6, 0.9],
    }),
  ]);
  for (const r of same.rows) assert.deepEqual(r.flips, [], r.claim);
});
