/**
 * "What decides it": each claim × dataset × model class judged under every level of every factor the run
 * holds — the setups it ran (target class, threshold, training choices), the search budgets read off the
 * default setup's searches, and the paper's own cost formula — and the factor levels that flip the verdict
 * of the default setup. Returns data; reports/decide-report.ts writes the table and its sentences.
 */
import { BUDGETS } from '../experiments/budgets';
import type { SummaryRow } from '../experiments/results';
import { getSetup } from '../experiments/setups';
import { CLAIMS, hasEvidence, type ClaimId, type VerdictValue } from './claims';
import { judgeClaims, type ClaimVerdict } from './claim-verdicts';

/** One column of the table: a setup of the run, a budget, or the paper's cost formula. */
export interface DecideLevel {
  /** Column label, e.g. 'minority', 'budget 30', "paper's Cost". */
  readonly label: string;
  /** How it differs from the default setup, e.g. 'target = minority'. */
  readonly factor: string;
  /** True when the level changes one factor of the default setup (only those can be said to flip it alone). */
  readonly single: boolean;
}

/** One claim under one level: the verdict, and what it rests on. */
export interface DecideCell {
  readonly level: string;
  readonly verdict: VerdictValue | 'same as default';
  /** The verdict judged at this level; 'not run' when the run has no such rows; 'formula' / 'norm' when the level does not change the claim's metric (validity). */
  readonly basis: ClaimVerdict | 'not run' | 'formula' | 'norm';
}

/** One claim × dataset × model class under every level. */
export interface DecideRow {
  readonly claim: ClaimId;
  readonly dataset: string;
  readonly model: string;
  readonly cells: readonly DecideCell[];
  /** The single-factor levels whose verdict has evidence and differs from the default's. */
  readonly flips: readonly string[];
}

/** The "what decides the trade-off" table: the factor levels compared and one row per dataset, model and claim. */
export interface DecideTable {
  readonly levels: readonly DecideLevel[];
  readonly rows: readonly DecideRow[];
}

const PAPER_COST = "paper's Cost";
const L1_COST = 'ℓ1 cost';

/** How a setup differs from the base setup, in factor words. */
function setupFactor(name: string, baseName: string): { factor: string; single: boolean } {
  const [s, b] = [getSetup(name), getSetup(baseName)];
  const parts = [
    s.target !== b.target ? `target = ${s.target}` : '',
    s.epsUnits !== b.epsUnits ? `ε units = ${s.epsUnits}` : '',
    s.threshold !== b.threshold ? `threshold = ${s.threshold}` : '',
    s.protocol !== b.protocol ? `protocol = ${s.protocol}` : '',
    s.classWeight !== b.classWeight ? `class weights = ${s.classWeight}` : '',
    s.methods !== b.methods ? `method hyperparameters = ${s.methods}` : '',
  ].filter(Boolean);
  return { factor: parts.join(' + ') || name, single: parts.length === 1 };
}

/** The rows of the default setup with one metric column read from another (a budget's, the paper's formula). */
function relabel(rows: readonly SummaryRow[], setup: string, columns: Record<string, string>): SummaryRow[] {
  return rows.map((r) => {
    const out: Record<string, unknown> = { ...r, setup };
    for (const [to, from] of Object.entries(columns)) {
      out[`${to}Mean`] = (r as Record<string, unknown>)[`${from}Mean`];
      out[`${to}Std`] = (r as Record<string, unknown>)[`${from}Std`];
    }
    return out as SummaryRow;
  });
}

/**
 * The table for a run's summary (main architecture only). The base level, which the others are compared
 * with and whose searches the budgets cap, is the default setup, or the first setup when the run has none.
 */
export function decideTable(summary: readonly SummaryRow[]): DecideTable {
  const main = summary.filter((r) => r.depth <= 1 && r.width === 0);
  if (!main.length) return { levels: [], rows: [] };
  const setups = [...new Set(main.map((r) => r.setup))].sort((a, b) => (a === 'default' ? -1 : b === 'default' ? 1 : 0));
  const defaults = main.filter((r) => r.setup === setups[0]);
  const levels: DecideLevel[] = [
    ...setups.map((s, i) => ({ label: s, ...(i === 0 ? { factor: s, single: false } : setupFactor(s, setups[0])) })),
    ...BUDGETS.map((b) => ({ label: `budget ${b}`, factor: `budget = ${b}`, single: true })),
    { label: PAPER_COST, factor: "paper's Cost formula", single: true },
    { label: L1_COST, factor: 'cost in ℓ1', single: true },
  ];
  const pseudo = [
    ...BUDGETS.flatMap((b) => relabel(defaults, `budget ${b}`, { validity: `validityAt${b}`, costDiff: `costDiffAt${b}` })),
    ...relabel(defaults, PAPER_COST, { costDiff: 'paperCostDiff' }),
    ...relabel(defaults, L1_COST, { costDiff: 'costDiffL1' }),
  ];
  const verdicts = judgeClaims([...main, ...pseudo]).filter((v) => v.setup !== 'all');
  const scopes = [...new Set(defaults.map((r) => JSON.stringify([r.dataset, r.model])))].map((k) => JSON.parse(k) as [string, string]);
  const rows: DecideRow[] = [];
  for (const claim of CLAIMS) {
    for (const [dataset, model] of scopes) {
      const cells: DecideCell[] = levels.map((l) => {
        if (l.label === PAPER_COST && claim.metric !== 'costDiff') return { level: l.label, verdict: 'same as default', basis: 'formula' };
        if (l.label === L1_COST && claim.metric !== 'costDiff') return { level: l.label, verdict: 'same as default', basis: 'norm' };
        const v = verdicts.find((x) => x.claim === claim.id && x.dataset === dataset && x.model === model && x.setup === l.label);
        return { level: l.label, verdict: v?.verdict ?? 'no data', basis: v ?? 'not run' };
      });
      const base = cells[0].verdict as VerdictValue;
      const flips = levels
        .filter(
          (l, i) =>
            i > 0 &&
            l.single &&
            cells[i].verdict !== 'same as default' &&
            hasEvidence(cells[i].verdict as VerdictValue) &&
            hasEvidence(base) &&
            cells[i].verdict !== base,
        )
        .map((l) => l.factor);
      rows.push({ claim: claim.id, dataset, model, cells, flips });
    }
  }
  return { levels, rows };
}
