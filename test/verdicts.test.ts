/** The verdict rule on hand-made summaries: supports / contradicts / flat, and the claim-level verdicts. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeClaims, methodTrend, spearman, CLAIMS, type SummaryRow } from '../src/experiments';

const validity = CLAIMS.find((c) => c.id === 'validity-falls')!;

function rows(method: string, means: number[], std = 0.01, extra: Partial<SummaryRow> = {}): SummaryRow[] {
  return means.map((m, i) => ({
    dataset: 'adult', model: 'mlp', depth: 1, width: 0, eps: [0, 0.1, 0.2, 0.3][i], method, setup: 'default', seeds: 3, degenerateSeeds: 0,
    validityMean: m, validityStd: std, costDiffMean: i * 0.1, costDiffStd: 0.01, ...extra,
  }) as unknown as SummaryRow);
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
  assert.equal(methodTrend(validity, rows('scfe', [NaN, NaN, 0.5, 0.2])).trend, 'no data', 'no value at ε = 0');
});

test('claim verdicts: reproduced, not reproduced, mixed, and depends on setup across setups', () => {
  const down = [...rows('scfe', [1, 0.8, 0.5, 0.2]), ...rows('gsm', [1, 0.7, 0.4, 0.1])];
  const v = judgeClaims(down).find((x) => x.claim === 'validity-falls')!;
  assert.equal(v.verdict, 'reproduced');
  assert.match(v.evidence, /^2 of 2 methods support it: scfe 1\.00 \(ε = 0\) → 0\.200 ± 0\.0100 \(ε = 0\.3\)/);
  const mixed = judgeClaims([...rows('scfe', [1, 0.8, 0.5, 0.2]), ...rows('gsm', [0.5, 0.5, 0.5, 0.5])]).find((x) => x.claim === 'validity-falls')!;
  assert.equal(mixed.verdict, 'mixed');
  const flat = judgeClaims(rows('scfe', [1, 1, 1, 1], 0, { degenerateSeeds: 3 } as never)).find((x) => x.claim === 'validity-falls')!;
  assert.equal(flat.verdict, 'no data', 'every grid point has a degenerate model: all are left out');
  assert.equal(flat.withDegenerate, 'not reproduced');
  assert.deepEqual(flat.degenerateEps, [0, 0.1, 0.2, 0.3]);
  assert.match(flat.evidence, /^No method has a non-degenerate grid point at ε = 0 and at a larger ε\. Left out: ε = 0, 0\.1, 0\.2, 0\.3 \(some seed's model is degenerate\); with them the verdict would be not reproduced\.$/);
  // a degenerate last point that would decide the verdict: left out, the trend is read from the others
  const tail = rows('scfe', [1, 0.8, 0.5, 1]).map((r, i) => (i === 3 ? { ...r, degenerateSeeds: 1 } : r));
  const t = judgeClaims(tail).find((x) => x.claim === 'validity-falls')!;
  assert.equal(t.verdict, 'reproduced');
  assert.equal(t.withDegenerate, 'not reproduced');
  assert.match(t.evidence, /scfe 1\.00 \(ε = 0\) → 0\.500 ± 0\.0100 \(ε = 0\.2\)/);
  const twoSetups = judgeClaims([...down, ...rows('scfe', [1, 1, 1, 1], 0.01, { setup: 'balanced' } as never)]);
  const across = twoSetups.find((x) => x.claim === 'validity-falls' && x.setup === 'all')!;
  assert.equal(across.verdict, 'depends on setup');
  assert.equal(across.evidence, 'default: reproduced; balanced: not reproduced.');
});
