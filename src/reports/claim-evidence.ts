/**
 * The claim verdicts in words: one sentence per verdict with the numbers that decide it, and verdicts.md,
 * written from the data that verdicts/claim-verdicts.ts returns.
 */
import { CLAIMS, MIN_EPS, MIN_SEEDS } from '../verdicts/claims';
import type { ClaimVerdict, LeftOutReason } from '../verdicts/claim-verdicts';

/** A number as verdict evidence prints it: three significant digits, 'n/a' when not finite. */
export const verdictNumber = (v: number | null): string => (v !== null && Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : 'n/a');

/** A mean with its spread, or the mean alone when one seed is all there is. */
const spread = (p: { mean: number; std: number }): string =>
  Number.isFinite(p.std) ? `${verdictNumber(p.mean)} ± ${verdictNumber(p.std)}` : verdictNumber(p.mean);

const REASON: Record<LeftOutReason, string> = {
  degenerate: "some seed's model is degenerate",
  'below majority': "some seed's model is below the majority-class rate",
  'degenerate or below majority': "some seed's model is degenerate or below the majority-class rate",
};

/** The sentence on left-out grid points: which, and the verdict with them ('' when none). */
function leftOutSentence(v: ClaimVerdict): string {
  if (!v.degenerateEps.length || !v.leftOutBecause) return '';
  const same = v.withDegenerate === v.verdict;
  return ` Left out: ε = ${v.degenerateEps.join(', ')} (${REASON[v.leftOutBecause]}); with them the verdict ${same ? 'is the same' : `would be ${v.withDegenerate}`}.`;
}

/** Why a claim has no verdict: the evidence rule, with the counts that fell short. */
function shortOfEvidence(v: ClaimVerdict): string {
  const [n, k] = [v.seeds, v.usableEps.length];
  return `Insufficient evidence: a verdict needs ≥ ${MIN_SEEDS} seeds and ≥ ${MIN_EPS} usable ε values (ε = 0 among them) on models neither degenerate nor below the majority-class rate; this scope has ${n} seed${n === 1 ? '' : 's'} and ${k} usable ε value${k === 1 ? '' : 's'}${k ? ` (${v.usableEps.join(', ')})` : ''}.`;
}

/** One sentence with the numbers that decide a claim verdict (for setup 'all': each setup's verdict). */
export function claimEvidence(v: ClaimVerdict): string {
  if (v.setups) return v.setups.map((s) => `${s.setup}: ${s.verdict}`).join('; ') + '.';
  const perMethod = v.methods
    .filter((m) => m.from && m.to)
    .map((m) => `${m.method} ${verdictNumber(m.from!.mean)} (ε = 0) → ${spread(m.to!)} (ε = ${m.to!.eps}), ρ = ${verdictNumber(m.rho)}, ${m.trend}`)
    .join('; ');
  const short = v.methods.filter((m) => !m.from).map((m) => m.method);
  const counts =
    v.withData === 0
      ? shortOfEvidence(v)
      : `${v.supporting} of ${v.withData} methods support it: ${perMethod}.${short.length ? ` Insufficient evidence for ${short.join(', ')}.` : ''}`;
  return counts + leftOutSentence(v);
}

/** A claim verdict as verdicts.json keeps it: the data and its sentence. */
export type WrittenClaimVerdict = ClaimVerdict & { readonly evidence: string };

/** The verdicts with their sentences, for verdicts.json and the README report. */
export const writtenVerdicts = (vs: readonly ClaimVerdict[]): WrittenClaimVerdict[] => vs.map((v) => ({ ...v, evidence: claimEvidence(v) }));

/** verdicts.md: one table per claim. */
export function verdictsMarkdown(vs: readonly ClaimVerdict[]): string {
  const lines = [
    "# Verdicts on the paper's claims",
    '',
    'Computed from results/summary.csv by the rule in `src/verdicts/trend.ts`:',
    'a method supports a claim when its metric moves the claimed way from ε = 0 to the largest ε with data by more',
    'than two standard errors over seeds (and at least a minimum effect), with a rank correlation of the claimed sign.',
    "Grid points where some seed's model is degenerate (one class for ≥ 99 % of the test set) or below the",
    'majority-class rate are left out; the evidence names them and the verdict they would give if kept. A verdict',
    `needs ≥ ${MIN_SEEDS} seeds and ≥ ${MIN_EPS} usable ε values (ε = 0 among them); otherwise it is \`insufficient evidence\`.`,
    '',
  ];
  for (const c of CLAIMS) {
    lines.push(`## Claim: ${c.text}`, '', '| dataset | model | setup | verdict | evidence |', '| --- | --- | --- | --- | --- |');
    for (const v of vs.filter((x) => x.claim === c.id)) lines.push(`| ${v.dataset} | ${v.model} | ${v.setup} | **${v.verdict}** | ${claimEvidence(v)} |`);
    lines.push('');
  }
  return lines.join('\n');
}
