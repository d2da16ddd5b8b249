/**
 * Per-instance verdicts and their summaries. A bound "holds" when the measured left side is ≤ the bound
 * (up to a tiny relative tolerance for rounding), is "violated" otherwise, and is "vacuous" when the bound
 * says nothing (infinite, NaN, a denominator ≤ 0) or the statement's premise is absent.
 */
import { mean, median } from '../util/matrix';
import { variantLabel, type ImplicationCounts, type InstanceCheck, type StatementName, type StatementResult, type Variant, type Verdict } from './statement';

/** Relative and absolute slack for rounding (the inputs are float32 model outputs). */
export const REL_TOL = 1e-9;
export const ABS_TOL = 1e-12;

/** The verdict for lhs ≤ bound. */
export function judge(lhs: number, bound: number): Verdict {
  if (!Number.isFinite(bound) || !Number.isFinite(lhs)) return 'vacuous';
  return lhs <= bound + REL_TOL * Math.abs(bound) + ABS_TOL ? 'holds' : 'violated';
}

/** A check row for lhs ≤ bound; a non-null `vacuousReason` forces a vacuous verdict. */
export function checkRow(index: number, lhs: number, bound: number, extra: { signed?: number; vacuousReason?: string | null } = {}): InstanceCheck {
  const signed = extra.signed === undefined ? {} : { signed: extra.signed };
  if (extra.vacuousReason) return { index, lhs, bound: NaN, ...signed, verdict: 'vacuous', reason: extra.vacuousReason };
  const verdict = judge(lhs, bound);
  return { index, lhs, bound, ...signed, verdict, ...(verdict === 'vacuous' ? { reason: 'the bound is infinite or undefined' } : {}) };
}

/** One instance of an implication: condition lhs ≤ rhs, the conclusion, and why it is vacuous regardless (no recourse). */
export interface ImplicationRow {
  readonly lhs: number;
  readonly rhs: number;
  readonly conclusion: boolean;
  readonly vacuousReason?: string | null;
}

/** Check rows and counts of an implication: holds / violated (counterexample) / vacuous (no condition or no recourse). */
export function implicationChecks(rows: readonly ImplicationRow[]): { checks: InstanceCheck[]; counts: ImplicationCounts } {
  const c = { noRecourse: 0, conditionHolds: 0, conclusionHolds: 0, counterexamples: 0, conclusionWithoutCondition: 0 };
  const checks = rows.map((r, index): InstanceCheck => {
    if (r.vacuousReason) {
      c.noRecourse++;
      return { index, lhs: r.lhs, bound: NaN, verdict: 'vacuous', reason: r.vacuousReason };
    }
    const cond = judge(r.lhs, r.rhs) === 'holds';
    if (cond) c.conditionHolds++;
    if (r.conclusion) c.conclusionHolds++;
    if (cond && !r.conclusion) c.counterexamples++;
    if (!cond && r.conclusion) c.conclusionWithoutCondition++;
    if (!cond) return { index, lhs: r.lhs, bound: r.rhs, verdict: 'vacuous', reason: 'the condition does not hold, so the theorem claims nothing' };
    return r.conclusion
      ? { index, lhs: r.lhs, bound: r.rhs, verdict: 'holds' }
      : { index, lhs: r.lhs, bound: r.rhs, verdict: 'violated', reason: 'counterexample: condition holds, conclusion fails' };
  });
  return { checks, counts: c };
}

export interface StatementSummary {
  readonly name: StatementName;
  readonly variant: Variant;
  /** variantLabel(variant), for tables and JSON readers. */
  readonly label: string;
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

/** Counts, means and medians of one measured statement. */
export function summarize(r: StatementResult): StatementSummary {
  const count = (v: Verdict) => r.checks.filter((c) => c.verdict === v).length;
  const lhs = r.checks.map((c) => c.lhs).filter(Number.isFinite);
  const bound = r.checks.filter((c) => c.verdict !== 'vacuous').map((c) => c.bound);
  return {
    name: r.name,
    variant: r.variant,
    label: variantLabel(r.variant),
    instances: r.checks.length,
    holds: count('holds'),
    violated: count('violated'),
    vacuous: count('vacuous'),
    lhsMean: mean(lhs),
    lhsMedian: median(lhs),
    boundMean: mean(bound),
    boundMedian: median(bound),
    ...(r.implication ? { implication: r.implication } : {}),
  };
}
