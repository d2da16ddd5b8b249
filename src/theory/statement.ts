/**
 * The one input and result shape of every Section 4 statement: per-instance measured rows in, typed
 * per-instance verdicts out, labelled by a structured variant (which ζ, which Δ, which bound).
 */
import { RecourseError } from '../util/errors';

export type StatementName = 'lemma1' | 'theorem1' | 'theorem2' | 'theorem3' | 'theorem4' | 'lemma2' | 'theorem5';

/** Where the recourse displacements ζ came from. */
export type ZetaSource = 'scfe' | 'paper-def1' | 'closed-form' | 'linearised' | 'cchvae';
/** Lemma 1's Δ per instance, or the measured weight gap ‖w_NR − w_R‖ (the smallest Δ the proof could use). */
export type DeltaSource = 'lemma1' | 'measured';
/** The paper's bound, or our corrected one (Theorem 1: λ replaced by the largest target residual). */
export type BoundForm = 'paper' | 'corrected';
/** What N counts in Lemma 1's Δ = Nη(‖x‖ + ε√d): optimiser updates or epochs. */
export type LemmaN = 'steps' | 'epochs';
/** Both readings of N, in the order Lemma 1 is checked under them. */
export const LEMMA_N_READINGS: readonly LemmaN[] = ['steps', 'epochs'];

/** Which reading of a statement was measured; absent fields do not apply to it. */
export interface Variant {
  readonly zeta?: ZetaSource;
  readonly delta?: DeltaSource;
  readonly bound?: BoundForm;
  readonly lemmaN?: LemmaN;
}

const VARIANT_KEYS = ['zeta', 'delta', 'bound', 'lemmaN'] as const;
const VARIANT_NAMES: Record<(typeof VARIANT_KEYS)[number], string> = { zeta: 'ζ', delta: 'Δ', bound: 'bound', lemmaN: 'N' };

/** What every statement check takes: the variant, statement-wide parameters, and one measured row per instance. */
export interface StatementInput<Row, Params> {
  readonly variant: Variant;
  readonly params: Params;
  readonly rows: readonly Row[];
  readonly notes?: readonly string[];
}

/** Params of a statement that has none. */
export type NoParams = Readonly<Record<string, never>>;

/** An instance's verdict: the bound holds, is violated, or is vacuous (no bound applies). */
export type Verdict = 'holds' | 'violated' | 'vacuous';

/** One measured instance: left side, bound (NaN when vacuous), verdict and why. */
export interface InstanceCheck {
  /** Row of the instance in the input (0 for a per-model statement). */
  readonly index: number;
  readonly lhs: number;
  readonly bound: number;
  /** The signed quantity the figures plot (cost difference ‖ζ_R‖ − ‖ζ_NR‖), when it differs from lhs. */
  readonly signed?: number;
  readonly verdict: Verdict;
  /** Why it is vacuous or violated. */
  readonly reason?: string;
}

/** Bookkeeping of an implication "condition ⇒ conclusion" (Theorems 4, 5) over the instances where both recourses exist. */
export interface ImplicationCounts {
  /** Instances where either search found no recourse (vacuous, not counted below). */
  readonly noRecourse: number;
  readonly conditionHolds: number;
  readonly conclusionHolds: number;
  /** Condition true and conclusion false: counterexamples to the statement. */
  readonly counterexamples: number;
  /** Conclusion true while the condition is false (the condition is not necessary either). */
  readonly conclusionWithoutCondition: number;
}

/** The check of one Section 4 statement: its instances, their verdicts and the summary. */
export interface StatementResult {
  readonly name: StatementName;
  readonly variant: Variant;
  /** What is compared, in words. */
  readonly description: string;
  readonly checks: readonly InstanceCheck[];
  readonly implication?: ImplicationCounts;
  /** Facts needed to interpret the numbers (N, η, β, found rates, ...). */
  readonly notes: readonly string[];
}

/** The variant for display, e.g. "ζ=scfe, Δ=measured, bound=paper" ("—" when it has no fields). */
export function variantLabel(v: Variant): string {
  const parts = VARIANT_KEYS.flatMap((k) => (v[k] === undefined ? [] : [`${VARIANT_NAMES[k]}=${v[k]}`]));
  return parts.length ? parts.join(', ') : '—';
}

/** True when every field given in `partial` equals the variant's field. */
export function matchesVariant(v: Variant, partial: Variant): boolean {
  return VARIANT_KEYS.every((k) => partial[k] === undefined || v[k] === partial[k]);
}

/** The one statement called `name` whose variant matches `partial` field by field; a RecourseError when none or several do. */
export function findStatement(statements: readonly StatementResult[], name: StatementName, partial: Variant = {}): StatementResult {
  const hits = statements.filter((s) => s.name === name && matchesVariant(s.variant, partial));
  if (hits.length === 1) return hits[0];
  const have = statements.filter((s) => s.name === name).map((s) => variantLabel(s.variant));
  throw new RecourseError(
    `${hits.length ? 'several' : 'no'} ${name} statements match {${variantLabel(partial)}}; measured variants: ${have.join(' | ') || 'none'}`,
  );
}
