/**
 * The verdicts of one claim (validity falls, cost difference grows, robustness falls) over the scopes a
 * figure plots — dataset × model class × setup on the main architecture — as ScopeVerdicts. As everywhere,
 * grid points with a degenerate model are left out and recorded with the verdict with them.
 */
import { summarizeModels, type ModelSummaryRow, type SummaryRow } from '../experiments/results';
import type { RunResult } from '../experiments/runner';
import { trainedBy } from '../experiments/setups';
import type { Claim } from './claims';
import { judgeClaims } from './claim-verdicts';
import { leftOut, leftOutModels } from './left-out';
import type { ScopeVerdict } from './scope';

/** Which rows of a run a figure's claim verdicts judge. */
export interface ClaimScopeOptions {
  /** Model classes the figure plots. */
  readonly models: readonly string[];
  /** Datasets (default: all in the summary). */
  readonly datasets?: readonly string[];
  /** Recourse methods (default: all in the summary); when given, the scope names them. */
  readonly methods?: readonly string[];
}

/** A claim judged per dataset × model class × setup on the main architecture. */
export function claimScopes(summary: readonly SummaryRow[], models: readonly ModelSummaryRow[], claim: Claim, o: ClaimScopeOptions): ScopeVerdict[] {
  const rows = summary.filter(
    (r) =>
      o.models.includes(r.model) &&
      (!o.datasets || o.datasets.includes(r.dataset)) &&
      (!o.methods || o.methods.includes(r.method)) &&
      r.depth <= 1 &&
      r.width === 0,
  );
  return judgeClaims(rows, [claim])
    .filter((v) => v.setup !== 'all')
    .map((v) => {
      const mine = models.filter((m) => m.dataset === v.dataset && m.model === v.model && m.depth <= 1 && m.width === 0 && trainedBy(m, v.setup));
      const degenerate = v.degenerateEps.length ? leftOutModels(mine) : [];
      return {
        subject: { kind: 'claim', dataset: v.dataset, model: v.model, ...(o.methods ? { methods: o.methods } : {}) },
        setup: v.setup,
        verdict: v.verdict,
        evidence: { kind: 'claim', claim: v },
        leftOut: v.degenerateEps.length ? leftOut(degenerate, degenerate.length ? [] : v.degenerateEps, v.withDegenerate) : null,
      };
    });
}

/** `claimScopes` on a run's summary and models. */
export function runClaimScopes(r: RunResult, claim: Claim, o: ClaimScopeOptions): ScopeVerdict[] {
  return claimScopes(r.summary, summarizeModels(r.models), claim, o);
}
