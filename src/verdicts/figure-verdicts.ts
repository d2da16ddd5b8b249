/**
 * Verdicts for two figures that are not about the main claims, each an explicit rule on measured numbers:
 * - Fig. 11, "the non-robust model's adversarial accuracy is the lowest and grows with ε", per dataset × model
 *   class × training setup: LOWEST when no robust model's mean accuracy under attack is below the ε = 0 model's
 *   by more than max(0.01, two standard errors over seeds); GROWS when the accuracy moves up from ε = 0 to the
 *   largest ε by more than that and its Spearman ρ with ε is positive (the trend rule). Both: reproduced;
 *   neither: not reproduced; one: mixed.
 * - Fig. 8, "fewer valid recourses in the neighbourhood at the larger ε": reproduced when the robust panel
 *   counts fewer valid recourses than the ε = 0 panel, else not reproduced.
 */
import type { RunNeighbourhood } from '../experiments/neighbourhood';
import type { ModelSummaryRow } from '../experiments/results';
import { ADV_ACCURACY_CLAIM, type VerdictValue } from './claims';
import { leftOut, leftOutModels } from './left-out';
import type { ScopeEvidence, ScopeVerdict } from './scope';
import { methodTrend } from './trend';

function adversarialVerdict(rows: readonly ModelSummaryRow[], evalEps: number): { verdict: VerdictValue; evidence: ScopeEvidence } {
  const t = methodTrend(ADV_ACCURACY_CLAIM, rows);
  const base = rows.find((r) => r.eps === 0);
  const robust = rows.filter((r) => r.eps > 0).sort((a, b) => a.advAccuracyMean - b.advAccuracyMean);
  if (t.trend === 'insufficient evidence' || !base || !robust.length || !t.to)
    return { verdict: 'insufficient evidence', evidence: { kind: 'adversarial', evalEps, measured: null } };
  const se = (r: ModelSummaryRow) =>
    Math.sqrt((r.seeds > 1 ? r.advAccuracyStd ** 2 / r.seeds : 0) + (base.seeds > 1 ? base.advAccuracyStd ** 2 / base.seeds : 0));
  const below = robust.filter((r) => base.advAccuracyMean - r.advAccuracyMean > Math.max(ADV_ACCURACY_CLAIM.minEffect, 2 * se(r)));
  const [lowest, grows] = [below.length === 0, t.trend === 'supports'];
  const verdict: VerdictValue = lowest && grows ? 'reproduced' : !lowest && !grows ? 'not reproduced' : 'mixed';
  return {
    verdict,
    evidence: {
      kind: 'adversarial',
      evalEps,
      measured: {
        base: base.advAccuracyMean,
        to: t.to,
        rho: t.rho,
        grows,
        falls: t.trend === 'contradicts',
        weakest: { eps: robust[0].eps, mean: robust[0].advAccuracyMean },
        belowBase: below.map((r) => r.eps),
      },
    },
  };
}

/** Fig. 11's verdict per dataset × model class × training setup (main architecture), from the models summary; evalEps is the attack's radius. */
export function judgeAdversarialAccuracy(models: readonly ModelSummaryRow[], evalEps: number): ScopeVerdict[] {
  const main = models.filter((m) => m.depth <= 1 && m.width === 0);
  const groups = new Map<string, ModelSummaryRow[]>();
  for (const m of main) {
    const k = JSON.stringify([m.dataset, m.model, m.setup]);
    groups.set(k, [...(groups.get(k) ?? []), m]);
  }
  return [...groups.values()].map((rows) => {
    const v = adversarialVerdict(
      rows.filter((r) => r.degenerateSeeds === 0),
      evalEps,
    );
    const withThem = adversarialVerdict(rows, evalEps).verdict;
    return {
      subject: { kind: 'adversarial', dataset: rows[0].dataset, model: rows[0].model },
      setup: rows[0].setup,
      ...v,
      leftOut: leftOut(leftOutModels(rows), [], withThem),
    };
  });
}

/** Fig. 8's verdict: valid recourses in the neighbourhood at ε = 0 vs the robust model's ε. */
export function judgeNeighbourhood(n: RunNeighbourhood): ScopeVerdict {
  const [a, b] = n.input.panels;
  const count = (v: readonly boolean[]) => v.filter(Boolean).length;
  const [ka, kb] = [count(a.valid), count(b.valid)];
  return {
    subject: { kind: 'neighbourhood', dataset: n.input.dataset, method: n.input.method, seed: n.input.seed },
    setup: n.setup,
    verdict: kb < ka ? 'reproduced' : 'not reproduced',
    evidence: { kind: 'neighbourhood', validAtZero: ka, validAtEps: kb, factuals: n.input.factuals.length, eps: b.eps },
    leftOut: null,
    ...(n.robust.degenerate ? { degenerateRobust: { eps: b.eps, positiveRate: n.robust.positiveRate } } : {}),
  };
}
