/**
 * Verdicts for two figures that are not about the main claims, each an explicit rule on measured numbers:
 * - Fig. 11, "the non-robust model's adversarial accuracy is the lowest and grows with ε", per dataset × model
 *   class × training setup: LOWEST when no robust model's mean accuracy under attack is below the ε = 0 model's
 *   by more than max(0.01, two standard errors over seeds); GROWS when the accuracy moves up from ε = 0 to the
 *   largest ε by more than that and its Spearman ρ with ε is positive (the rule of verdicts.ts). Both:
 *   reproduced; neither: not reproduced; one: mixed.
 * - Fig. 8, "fewer valid recourses in the neighbourhood at the larger ε": reproduced when the robust panel
 *   counts fewer valid recourses than the ε = 0 panel, else not reproduced.
 */
import { MODEL_LABEL } from '../figures/style';
import { describeDegenerate, degenerateNote } from './degenerate';
import type { RunNeighbourhood } from './outputs';
import type { ModelSummaryRow } from './results';
import type { ScopeVerdict } from './verdict-report';
import { methodTrend, MIN_EPS, MIN_SEEDS, verdictNumber as num, type Claim, type VerdictValue } from './verdicts';

export const ADV_ACCURACY_CLAIM: Claim = {
  id: 'adversarial-accuracy-grows', text: "the non-robust model's adversarial accuracy is the lowest and grows with ε", metric: 'advAccuracy', direction: 1, minEffect: 0.01,
};

function adversarialVerdict(rows: readonly ModelSummaryRow[], evalEps: number): { verdict: VerdictValue; evidence: string } {
  const t = methodTrend(ADV_ACCURACY_CLAIM, rows);
  const base = rows.find((r) => r.eps === 0);
  const robust = rows.filter((r) => r.eps > 0).sort((a, b) => a.advAccuracyMean - b.advAccuracyMean);
  if (t.trend === 'insufficient evidence' || !base || !robust.length || !t.to) {
    return { verdict: 'insufficient evidence', evidence: `fewer than ${MIN_EPS} ε values (ε = 0 among them) with ≥ ${MIN_SEEDS} seeds` };
  }
  const se = (r: ModelSummaryRow) => Math.sqrt((r.seeds > 1 ? r.advAccuracyStd ** 2 / r.seeds : 0) + (base.seeds > 1 ? base.advAccuracyStd ** 2 / base.seeds : 0));
  const below = robust.filter((r) => base.advAccuracyMean - r.advAccuracyMean > Math.max(ADV_ACCURACY_CLAIM.minEffect, 2 * se(r)));
  const [lowest, grows] = [below.length === 0, t.trend === 'supports'];
  const verdict: VerdictValue = lowest && grows ? 'reproduced' : !lowest && !grows ? 'not reproduced' : 'mixed';
  const weakest = robust[0];
  return {
    verdict,
    evidence: `accuracy under PGD-20 at ε = ${evalEps}: ${num(base.advAccuracyMean)} (ε = 0) → ${num(t.to.mean)} ± ${num(t.to.std)} (ε = ${t.to.eps}), ρ = ${num(t.rho)} (${grows ? 'grows' : t.trend === 'contradicts' ? 'falls' : 'no clear growth'}); ` +
      `lowest robust model ${num(weakest.advAccuracyMean)} at ε = ${weakest.eps}` + (lowest ? ', so the non-robust model is the lowest' : `; ${below.length} robust model(s) below the non-robust one beyond noise (ε = ${below.map((r) => r.eps).join(', ')})`) +
      '.',
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
    const v = adversarialVerdict(rows.filter((r) => r.degenerateSeeds === 0), evalEps);
    const withThem = adversarialVerdict(rows, evalEps).verdict;
    return {
      scope: `${rows[0].dataset}, ${MODEL_LABEL[rows[0].model] ?? rows[0].model}`, setup: rows[0].setup, ...v,
      degenerateNote: degenerateNote(v.verdict, withThem, describeDegenerate(rows)),
    };
  });
}

/** Fig. 8's verdict: valid recourses in the neighbourhood at ε = 0 vs the robust model's ε. */
export function judgeNeighbourhood(n: RunNeighbourhood): ScopeVerdict {
  const [a, b] = n.input.panels;
  const count = (v: readonly boolean[]) => v.filter(Boolean).length;
  const [ka, kb, total] = [count(a.valid), count(b.valid), n.input.factuals.length];
  const verdict: VerdictValue = kb < ka ? 'reproduced' : 'not reproduced';
  const r = n.robust;
  const degenerate = r.degenerate
    ? `the ε = ${b.eps} model is degenerate (predicts positive for ${(100 * r.positiveRate).toFixed(1)} % of test points): the count at ε = ${b.eps} reflects a model that ${r.positiveRate < 0.5 ? 'predicts almost every point negative' : 'predicts almost every point positive, so its factuals need no recourse'}, not only a harder search.`
    : '';
  return {
    scope: `${n.input.dataset}, ${n.input.method}, seed ${n.input.seed}`, setup: n.setup, verdict,
    evidence: `${ka} of ${total} factuals in the neighbourhood have a valid recourse at ε = 0, ${kb} of ${total} at ε = ${b.eps}.`,
    degenerateNote: degenerate,
  };
}
