/**
 * The verdicts of one claim (validity falls, cost difference grows, robustness falls) over the scopes a
 * figure plots — dataset × model class × setup — as ScopeVerdicts. As everywhere, grid points with a
 * degenerate model are left out; the note names them and the verdict with them.
 */
import { METHOD_LABEL, MODEL_LABEL } from '../figures/style';
import { describeDegenerate, degenerateNote } from './degenerate';
import { trainedBy } from './setups';
import { summarizeModels, type ModelSummaryRow, type SummaryRow } from './results';
import type { RunResult } from './runner';
import type { ScopeVerdict } from './verdict-report';
import { judgeClaims, type Claim } from './verdicts';

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
  const rows = summary.filter((r) => o.models.includes(r.model) && (!o.datasets || o.datasets.includes(r.dataset)) && (!o.methods || o.methods.includes(r.method)) && r.depth <= 1 && r.width === 0);
  const methods = o.methods ? `, ${o.methods.map((m) => METHOD_LABEL[m] ?? m).join(', ')}` : '';
  return judgeClaims(rows, [claim]).filter((v) => v.setup !== 'all').map((v) => {
    const mine = models.filter((m) => m.dataset === v.dataset && m.model === v.model && m.depth <= 1 && m.width === 0 && trainedBy(m, v.setup));
    return {
      scope: `${v.dataset}, ${MODEL_LABEL[v.model] ?? v.model}${methods}`, setup: v.setup, verdict: v.verdict, evidence: v.evidence,
      degenerateNote: degenerateNote(v.verdict, v.withDegenerate, v.degenerateEps.length ? describeDegenerate(mine) || `ε = ${v.degenerateEps.join(', ')}` : ''),
    };
  });
}

/** `claimScopes` on a run's summary and models. */
export function runClaimScopes(r: RunResult, claim: Claim, o: ClaimScopeOptions): ScopeVerdict[] {
  return claimScopes(r.summary, summarizeModels(r.models), claim, o);
}
