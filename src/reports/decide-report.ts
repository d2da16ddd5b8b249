/**
 * The "what decides the trade-off" table in words: its introduction, the last column's sentence for each
 * claim × dataset × model class, the markdown table, and the table as verdicts.json keeps it — written from
 * the data of verdicts/decide.ts.
 */
import type { ClaimId, VerdictValue } from '../verdicts/claims';
import { hasEvidence } from '../verdicts/claims';
import type { DecideCell, DecideLevel, DecideRow, DecideTable } from '../verdicts/decide';
import { claimEvidence } from './claim-evidence';

/** What the table shows, for the reports above it. */
export const DECIDE_INTRO =
  'Each claim judged under every factor level the run holds, by the rule above: the setups it ran (a column each; the first is the base), ' +
  "the base setup's searches capped at a budget of B iterations per factual (steps for SCFE and ROAR, shells for Growing Spheres and C-CHVAE), " +
  "and the paper's Cost formula for the cost difference (its sum of costs over the factuals divided by their number, robust minus non-robust; = where a level " +
  "does not change the claim's metric), and the cost difference in ℓ1 (the norm the exact method minimises on MLPs, so its evidence holds the certified optimum beside the searches). The last column names the single factor levels whose verdict has evidence and differs from the base setup's.";

/** The last column's sentence: what decides the claim here, from the verdicts it is about. */
export function decidedSentence(levels: readonly DecideLevel[], row: DecideRow): string {
  const { cells, flips } = row;
  const base = cells[0].verdict as VerdictValue;
  const withEvidence = cells.map((c, i) => ({ c, l: levels[i] })).filter(({ c }) => c.verdict !== 'same as default' && hasEvidence(c.verdict as VerdictValue));
  if (!hasEvidence(base)) {
    if (!withEvidence.length) return 'insufficient evidence under every level';
    return `${levels[0].label}: ${base}; evidence only with ${withEvidence.map(({ c, l }) => `${l.factor} (${c.verdict})`).join(', ')}`;
  }
  if (flips.length) {
    return `${levels[0].label} ${base}; flipped by ${flips.map((f) => `${f} (${cells[levels.findIndex((l) => l.factor === f)].verdict})`).join(', ')}`;
  }
  const others = withEvidence.filter(({ l }) => l.label !== levels[0].label);
  return others.length ? `no single factor flips it: ${base} under every level with evidence` : `${base}; no other level has evidence`;
}

/** A cell's evidence in words. */
function cellEvidence(c: DecideCell): string {
  if (c.basis === 'formula') return "the paper's validity is the one measured by default";
  if (c.basis === 'norm') return 'validity does not depend on the norm';
  return c.basis === 'not run' ? 'not run' : claimEvidence(c.basis);
}

/** The table as verdicts.json keeps it (and the README report reads it): each cell's evidence and each row's sentence in words. */
export interface WrittenDecideTable {
  readonly levels: readonly DecideLevel[];
  readonly rows: readonly {
    readonly claim: ClaimId;
    readonly dataset: string;
    readonly model: string;
    readonly flips: readonly string[];
    readonly decided: string;
    readonly cells: readonly { readonly level: string; readonly verdict: DecideCell['verdict']; readonly evidence: string }[];
  }[];
}

/** `t` with its sentences, for verdicts.json. */
export function writtenDecide(t: DecideTable): WrittenDecideTable {
  return {
    levels: t.levels,
    rows: t.rows.map((r) => ({
      claim: r.claim,
      dataset: r.dataset,
      model: r.model,
      flips: r.flips,
      decided: decidedSentence(t.levels, r),
      cells: r.cells.map((c) => ({ level: c.level, verdict: c.verdict, evidence: cellEvidence(c) })),
    })),
  };
}

/** The table as markdown: one row per claim × dataset × model class, one column per level, and what flips it. */
export function decideMarkdown(t: DecideTable | WrittenDecideTable, o: { testSize?: boolean } = {}): string[] {
  if (!t.rows.length) return ['(the run has no grid point on the main architecture)'];
  if (o.testSize) return ['*test-size run: not evidence*', '', ...decideMarkdown(t)];
  const claimText = (id: ClaimId) => (id === 'validity-falls' ? 'validity falls' : 'cost difference grows');
  const short = (v: string) => (v === 'insufficient evidence' ? 'insufficient' : v === 'same as default' ? '=' : v);
  const decided = (r: DecideRow | WrittenDecideTable['rows'][number]) => ('decided' in r ? r.decided : decidedSentence(t.levels, r as DecideRow));
  return [
    `| claim | dataset | model | ${t.levels.map((l) => l.label).join(' | ')} | what decides it |`,
    `| --- | --- | --- | ${t.levels.map(() => '---').join(' | ')} | --- |`,
    ...t.rows.map(
      (r) =>
        `| ${claimText(r.claim)} | ${r.dataset} | ${r.model === 'mlp' ? 'NN' : 'LR'} | ${r.cells.map((c) => short(c.verdict)).join(' | ')} | ${decided(r)} |`,
    ),
  ];
}
