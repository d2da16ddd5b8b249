/**
 * The paper's empirical claims as data — what each says and which metric, in which direction, it is judged on
 * — the verdict values, the evidence rule's thresholds, and the one rule that combines verdicts.
 */

/** The identifier of a claim. */
export type ClaimId = 'validity-falls' | 'cost-difference-grows' | 'robustness-falls' | 'adversarial-accuracy-grows';
/** How one method's metric moves with ε. */
export type Trend = 'supports' | 'contradicts' | 'flat' | 'insufficient evidence';
/** A verdict on a claim in one scope, or on several scopes combined. */
export type VerdictValue = 'reproduced' | 'not reproduced' | 'mixed' | 'insufficient evidence' | 'no data' | 'depends on setup';

/** Seeds a grid point needs before it is evidence. */
export const MIN_SEEDS = 3;
/** Usable ε values (ε = 0 included) a trend needs before it is evidence. */
export const MIN_EPS = 3;

/** True for a verdict that rests on evidence (not 'no data' or 'insufficient evidence'). */
export const hasEvidence = (v: VerdictValue): boolean => v !== 'no data' && v !== 'insufficient evidence';

/**
 * Verdicts combined into one: their common verdict when those with evidence agree, `differ` when they do not
 * ('mixed' for scopes of one setup, 'depends on setup' across setups), and when none has evidence
 * 'insufficient evidence' if some fell short of the rule, else 'no data'.
 */
export function combineVerdicts(values: readonly VerdictValue[], differ: 'mixed' | 'depends on setup'): VerdictValue {
  const withData = [...new Set(values.filter(hasEvidence))];
  if (withData.length === 0) return values.includes('insufficient evidence') ? 'insufficient evidence' : 'no data';
  return withData.length === 1 ? withData[0] : differ;
}

/** A claim of the paper: what it says and which metric of the summary table, in which direction, it is judged on. */
export interface Claim {
  readonly id: ClaimId;
  readonly text: string;
  /** Column prefix in the table judged (`${metric}Mean`, `${metric}Std`). */
  readonly metric: 'validity' | 'costDiff' | 'robustness' | 'advAccuracy';
  /** +1: the metric should grow with ε; −1: fall. */
  readonly direction: 1 | -1;
  /** Smallest move that counts, in the metric's units. */
  readonly minEffect: number;
}

/** The claims of the paper that the main verdicts judge: recourse cost and validity against robustness. */
export const CLAIMS: readonly Claim[] = [
  { id: 'validity-falls', text: 'validity of recourse falls as the training radius ε grows', metric: 'validity', direction: -1, minEffect: 0.02 },
  { id: 'cost-difference-grows', text: 'the cost difference ‖ζ_R‖ − ‖ζ_NR‖ grows with ε', metric: 'costDiff', direction: 1, minEffect: 0.01 },
];

/** Fig. 16's claim (not part of the main verdicts): recourses of more robust models survive less noise. */
export const ROBUSTNESS_CLAIM: Claim = {
  id: 'robustness-falls',
  text: 'robustness of recourse to noise falls as ε grows',
  metric: 'robustness',
  direction: -1,
  minEffect: 0.02,
};

/** Fig. 11's claim: the non-robust model's adversarial accuracy is the lowest and grows with ε. */
export const ADV_ACCURACY_CLAIM: Claim = {
  id: 'adversarial-accuracy-grows',
  text: "the non-robust model's adversarial accuracy is the lowest and grows with ε",
  metric: 'advAccuracy',
  direction: 1,
  minEffect: 0.01,
};

/** Any claim, by id. */
export function getClaim(id: ClaimId): Claim {
  const c = [...CLAIMS, ROBUSTNESS_CLAIM, ADV_ACCURACY_CLAIM].find((x) => x.id === id);
  if (!c) throw new Error(`no claim '${id}' in verdicts/claims.ts`);
  return c;
}
