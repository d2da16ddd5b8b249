/**
 * Verdicts on the paper's main claims from the summary table, per dataset × model class × setup on the main
 * architecture, method by method (the trend rule of trend.ts): 'reproduced' when every method with data
 * supports the claim, 'not reproduced' when none does, 'mixed' otherwise; across setups, differing verdicts
 * make it 'depends on setup'. Grid points where some seed's model is degenerate (one class for ≥ 99 % of the
 * test set) or below the majority-class rate are left out — a collapsed model's validity is 0 or 1 by
 * construction, not evidence about recourse — and the verdict records them with the verdict they would give.
 * Returns data; reports/claim-evidence.ts writes the sentences.
 */
import type { SummaryRow } from '../experiments/results';
import { CLAIMS, combineVerdicts, MIN_SEEDS, type Claim, type ClaimId, type VerdictValue } from './claims';
import { cleanRow, judgeRows, type MethodEvidence, type TrendRow } from './trend';

/** Why grid points were left out of a verdict. */
export type LeftOutReason = 'degenerate' | 'below majority' | 'degenerate or below majority';

/** The verdict on one claim for one dataset, model and setup (or 'all' setups), with the numbers it rests on. */
export interface ClaimVerdict {
  readonly claim: ClaimId;
  readonly dataset: string;
  readonly model: string;
  /** A setup of the run, or 'all' for the verdict across setups. */
  readonly setup: string;
  readonly verdict: VerdictValue;
  /** Per-method trends on the grid points kept. */
  readonly methods: readonly MethodEvidence[];
  /** Methods with evidence, and those of them that support the claim. */
  readonly withData: number;
  readonly supporting: number;
  /** The most seeds any grid point of the scope has, and the ε values with ≥ MIN_SEEDS seeds on clean models. */
  readonly seeds: number;
  readonly usableEps: readonly number[];
  /** ε values left out because some seed's model there is degenerate or below the majority-class rate. */
  readonly degenerateEps: readonly number[];
  /** Why they were left out (null when none was). */
  readonly leftOutBecause: LeftOutReason | null;
  /** The verdict with those grid points kept (equal to `verdict` when none was left out). */
  readonly withDegenerate: VerdictValue;
  /** For setup 'all': the verdict of each setup it combines. */
  readonly setups?: readonly { readonly setup: string; readonly verdict: VerdictValue }[];
}

const methodOf = (r: TrendRow) => String(r.method);

/** The verdict of one claim on one scope's summary rows (one dataset, model class and setup). */
function judgeScope(claim: Claim, rows: readonly SummaryRow[]): ClaimVerdict {
  const cleanRows = rows.filter(cleanRow);
  const clean = judgeRows(claim, cleanRows, methodOf);
  const all = judgeRows(claim, rows, methodOf);
  const degenerateEps = [...new Set(rows.filter((r) => !cleanRow(r)).map((r) => r.eps))].sort((a, b) => a - b);
  const [deg, below] = [rows.some((r) => r.degenerateSeeds > 0), rows.some((r) => (r.belowMajoritySeeds ?? 0) > 0)];
  const leftOutBecause: LeftOutReason | null = !degenerateEps.length
    ? null
    : deg && below
      ? 'degenerate or below majority'
      : below
        ? 'below majority'
        : 'degenerate';
  return {
    claim: claim.id,
    dataset: rows[0].dataset,
    model: rows[0].model,
    setup: rows[0].setup,
    verdict: clean.verdict,
    methods: clean.methods,
    withData: clean.withData,
    supporting: clean.supporting,
    seeds: Math.max(0, ...rows.map((r) => r.seeds)),
    usableEps: [...new Set(cleanRows.filter((r) => r.seeds >= MIN_SEEDS).map((r) => r.eps))].sort((a, b) => a - b),
    degenerateEps,
    leftOutBecause,
    withDegenerate: all.verdict,
  };
}

/** Verdicts for every claim (the main two by default) × dataset × model class × setup in the summary (depth ≤ 1), plus one across setups where there are several. */
export function judgeClaims(summary: readonly SummaryRow[], claims: readonly Claim[] = CLAIMS): ClaimVerdict[] {
  const groups = new Map<string, SummaryRow[]>();
  for (const r of summary) {
    if (r.depth > 1) continue;
    const k = JSON.stringify([r.dataset, r.model, r.setup]);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const out = claims.flatMap((claim) => [...groups.values()].map((rows) => judgeScope(claim, rows)));
  return [...out, ...acrossSetups(out)];
}

/** One verdict per claim × dataset × model over all setups run: the common verdict of the setups with data, or 'depends on setup'. */
function acrossSetups(vs: readonly ClaimVerdict[]): ClaimVerdict[] {
  const groups = new Map<string, ClaimVerdict[]>();
  for (const v of vs) {
    const k = JSON.stringify([v.claim, v.dataset, v.model]);
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  return [...groups.values()]
    .filter((g) => g.length > 1)
    .map((g) => ({
      claim: g[0].claim,
      dataset: g[0].dataset,
      model: g[0].model,
      setup: 'all',
      methods: [],
      withData: 0,
      supporting: 0,
      seeds: Math.max(...g.map((v) => v.seeds)),
      usableEps: [],
      degenerateEps: [],
      leftOutBecause: null,
      verdict: combineVerdicts(
        g.map((v) => v.verdict),
        'depends on setup',
      ),
      withDegenerate: combineVerdicts(
        g.map((v) => v.withDegenerate),
        'depends on setup',
      ),
      setups: g.map((v) => ({ setup: v.setup, verdict: v.verdict })),
    }));
}
