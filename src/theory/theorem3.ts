/**
 * Theorem 3: |‖ζ_R‖ − ‖ζ_NR‖| ≤ L_G(r_R + r_NR) for C-CHVAE, with L_G an upper bound on the decoder's
 * Lipschitz constant and r the latent radius of each returned recourse. For any decoder, whenever
 * x′ = G(z′) exactly,
 *   |‖ζ_R‖ − ‖ζ_NR‖| ≤ ‖x′_R − x′_NR‖ = ‖G(z′_R) − G(z′_NR)‖ ≤ L_G‖z′_R − z′_NR‖ ≤ L_G(r_R + r_NR)
 * (reverse triangle inequality, Lipschitz bound, triangle inequality through the factual's code z), so the
 * check can only fail where rounding of binary / one-hot columns after decoding moves x′ away from G(z′).
 * `theorem3Chain` reports each link of that chain per instance.
 */
import { median } from '../util/matrix';
import { theorem3Bound } from './bounds';
import { costDifference } from '../metrics/cost';
import { costDifferenceChecks, missingRecourse, type CostPair } from './cost-diff';
import type { StatementInput, StatementResult } from './statement';

export interface Theorem3Row extends CostPair {
  /** Latent radii of the two recourses (in the search's norm, ≥ the ℓ2 norm). */
  readonly radiusNR: number;
  readonly radiusR: number;
  /** ‖x′_R − x′_NR‖₂: the middle of the chain. */
  readonly counterfactualGap?: number;
  /** x′_R and x′_NR differ in a binary or one-hot column, so rounding after decoding may stretch their distance. */
  readonly discreteDiffers?: boolean;
}

export interface Theorem3Params {
  /** L_G: upper bound on the decoder's Lipschitz constant (ℓ2 → ℓ2, condition fixed). */
  readonly lipschitz: number;
}

/** Theorem 3 per instance: |‖ζ_R‖ − ‖ζ_NR‖| against L_G(r_R + r_NR). */
export function checkTheorem3(input: StatementInput<Theorem3Row, Theorem3Params>): StatementResult {
  const checks = costDifferenceChecks(input.rows, (row) => ({ bound: theorem3Bound(input.params.lipschitz, row.radiusR, row.radiusNR) }));
  return {
    name: 'theorem3',
    variant: input.variant,
    description: '|‖ζ_R‖ − ‖ζ_NR‖| versus L_G(r_R + r_NR)',
    checks,
    notes: [`L_G = ${input.params.lipschitz.toPrecision(4)}`, ...(input.notes ?? [])],
  };
}

/** The chain of Theorem 3 for one instance where both recourses exist. */
export interface Theorem3Link {
  readonly index: number;
  /** |‖ζ_R‖ − ‖ζ_NR‖|. */
  readonly lhs: number;
  /** ‖x′_R − x′_NR‖₂ (≥ lhs by the reverse triangle inequality). */
  readonly gap: number;
  /** L_G(r_R + r_NR). */
  readonly bound: number;
  readonly discreteDiffers: boolean;
}

export interface Theorem3ChainSummary {
  readonly links: Theorem3Link[];
  /** Instances where both searches found a recourse. */
  readonly compared: number;
  /** Of those, instances whose recourses differ in a rounded (binary / one-hot) column. */
  readonly withRounding: number;
  /** Median and smallest bound / lhs over instances with lhs > 0. */
  readonly medianBoundOverLhs: number;
  readonly minBoundOverLhs: number;
  /** Smallest bound / gap without and with rounding: the first must be ≥ 1 (the chain is exact there). */
  readonly minBoundOverGapNoRounding: number;
  readonly minBoundOverGapRounding: number;
}

/** Each link of the chain per instance (rows need counterfactualGap and discreteDiffers). */
export function theorem3Chain(input: StatementInput<Theorem3Row, Theorem3Params>): Theorem3ChainSummary {
  const links = input.rows.flatMap((row, index) =>
    missingRecourse(row)
      ? []
      : [
          {
            index,
            lhs: Math.abs(costDifference(row.costR, row.costNR)),
            gap: row.counterfactualGap ?? NaN,
            bound: theorem3Bound(input.params.lipschitz, row.radiusR, row.radiusNR),
            discreteDiffers: row.discreteDiffers ?? false,
          },
        ],
  );
  const ratios = links.filter((l) => l.lhs > 0).map((l) => l.bound / l.lhs);
  const minOver = (ls: Theorem3Link[]) => (ls.length ? Math.min(...ls.map((l) => l.bound / l.gap)) : NaN);
  return {
    links,
    compared: links.length,
    withRounding: links.filter((l) => l.discreteDiffers).length,
    medianBoundOverLhs: median(ratios),
    minBoundOverLhs: ratios.length ? Math.min(...ratios) : NaN,
    minBoundOverGapNoRounding: minOver(links.filter((l) => !l.discreteDiffers)),
    minBoundOverGapRounding: minOver(links.filter((l) => l.discreteDiffers)),
  };
}
