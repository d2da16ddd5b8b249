/**
 * Per-instance verdicts of a theory check and their summaries. A bound "holds" when the measured left
 * side is ≤ the bound (up to a tiny relative tolerance for rounding), is "violated" otherwise, and is
 * "vacuous" when the bound says nothing (infinite, NaN, or a denominator ≤ 0) or the statement's
 * premise is absent.
 */
import { mean, median } from '../util/matrix';

export type Verdict = 'holds' | 'violated' | 'vacuous';

export type StatementName = 'lemma1' | 'theorem1' | 'theorem2' | 'theorem3' | 'theorem4' | 'lemma2' | 'theorem5';

/** Relative and absolute slack for rounding (the inputs are float32 model outputs). */
export const REL_TOL = 1e-9;
export const ABS_TOL = 1e-12;

/** One measured instance: left side, bound (Infinity/NaN when vacuous), verdict and why. */
export interface InstanceCheck {
  /** Row of the factual in the checked set (or 0 for a per-model statement). */
  readonly index: number;
  readonly lhs: number;
  readonly bound: number;
  /** The signed quantity the figures plot (e.g. ‖ζ_NR‖ − ‖ζ_R‖), when it differs from lhs. */
  readonly signed?: number;
  readonly verdict: Verdict;
  /** Why it is vacuous (or other per-instance remarks). */
  readonly reason?: string;
}

/** Bookkeeping of an implication "condition ⇒ conclusion" (Theorems 4, 5). */
export interface ImplicationCounts {
  readonly conditionHolds: number;
  readonly conclusionHolds: number;
  /** Condition true and conclusion false: counterexamples to the statement. */
  readonly counterexamples: number;
  /** Conclusion true while the condition is false (the condition is not necessary either). */
  readonly conclusionWithoutCondition: number;
}

export interface StatementResult {
  readonly name: StatementName;
  /** Which reading / input (e.g. ζ from the optimiser vs a closed form). */
  readonly variant: string;
  /** What is compared, in words. */
  readonly description: string;
  readonly checks: readonly InstanceCheck[];
  readonly implication?: ImplicationCounts;
  /** Facts needed to interpret the numbers (N, η, β, degeneracy, ...). */
  readonly notes: readonly string[];
}

/** The verdict for lhs ≤ bound. */
export function judge(lhs: number, bound: number): Verdict {
  if (!Number.isFinite(bound) || !Number.isFinite(lhs)) return 'vacuous';
  return lhs <= bound + REL_TOL * Math.abs(bound) + ABS_TOL ? 'holds' : 'violated';
}

/** A check row for lhs ≤ bound; `vacuousReason` forces a vacuous verdict. */
export function checkRow(index: number, lhs: number, bound: number, extra: { signed?: number; vacuousReason?: string | null } = {}): InstanceCheck {
  const reason = extra.vacuousReason ?? (Number.isFinite(bound) ? undefined : 'the bound is infinite or undefined');
  const verdict: Verdict = extra.vacuousReason ? 'vacuous' : judge(lhs, bound);
  return { index, lhs, bound: extra.vacuousReason ? NaN : bound, signed: extra.signed, verdict, ...(verdict === 'vacuous' ? { reason: reason ?? 'not finite' } : {}) };
}

export interface StatementSummary {
  readonly name: StatementName;
  readonly variant: string;
  readonly instances: number;
  readonly holds: number;
  readonly violated: number;
  readonly vacuous: number;
  /** Over all instances with a finite left side. */
  readonly lhsMean: number;
  readonly lhsMedian: number;
  /** Over the non-vacuous instances (a vacuous bound has no value). */
  readonly boundMean: number;
  readonly boundMedian: number;
  readonly implication?: ImplicationCounts;
}

export function summarize(r: StatementResult): StatementSummary {
  const count = (v: Verdict) => r.checks.filter((c) => c.verdict === v).length;
  const lhs = r.checks.map((c) => c.lhs).filter(Number.isFinite);
  const bound = r.checks.filter((c) => c.verdict !== 'vacuous').map((c) => c.bound);
  return {
    name: r.name, variant: r.variant, instances: r.checks.length,
    holds: count('holds'), violated: count('violated'), vacuous: count('vacuous'),
    lhsMean: mean(lhs), lhsMedian: median(lhs), boundMean: mean(bound), boundMedian: median(bound),
    ...(r.implication ? { implication: r.implication } : {}),
  };
}

/** Counts for an implication, and a check row per instance: holds / violated (counterexample) / vacuous. */
export function implicationChecks(
  rows: readonly { index: number; lhs: number; rhs: number; conclusion: boolean }[],
): { checks: InstanceCheck[]; counts: ImplicationCounts } {
  let conditionHolds = 0;
  let conclusionHolds = 0;
  let counterexamples = 0;
  let conclusionWithoutCondition = 0;
  const checks = rows.map((r) => {
    const cond = judge(r.lhs, r.rhs) === 'holds';
    if (cond) conditionHolds++;
    if (r.conclusion) conclusionHolds++;
    if (cond && !r.conclusion) counterexamples++;
    if (!cond && r.conclusion) conclusionWithoutCondition++;
    const verdict: Verdict = !cond ? 'vacuous' : r.conclusion ? 'holds' : 'violated';
    return {
      index: r.index, lhs: r.lhs, bound: r.rhs, verdict,
      ...(verdict === 'vacuous' ? { reason: 'the condition does not hold, so the theorem claims nothing' } : {}),
      ...(verdict === 'violated' ? { reason: 'counterexample: condition holds, conclusion fails' } : {}),
    } satisfies InstanceCheck;
  });
  return { checks, counts: { conditionHolds, conclusionHolds, counterexamples, conclusionWithoutCondition } };
}
