/**
 * Verdicts on the paper's empirical claims, computed from the summary table with the numbers that decide
 * them. A claim is judged per dataset, model class and setup, method by method:
 * - a method SUPPORTS the claim when its metric moves in the claimed direction from ε = 0 to the largest ε
 *   with data by more than two standard errors over seeds (at least `minEffect`), and the rank correlation of
 *   the metric with ε has the claimed sign;
 * - it CONTRADICTS the claim when the move beyond noise goes the other way, and is FLAT otherwise.
 * The claim is 'reproduced' when every method with data supports it, 'not reproduced' when none does,
 * 'mixed' otherwise; across setups, differing verdicts make it 'depends on setup'.
 * Grid points where some seed's model is degenerate (one class for ≥ 99 % of the test set) or below the
 * majority-class rate are left out of the verdict — a collapsed model's validity is 0 or 1 by construction,
 * not evidence about recourse — and the evidence names them with the verdict they would give if kept.
 * Evidence rule: a method's trend needs at least MIN_SEEDS seeds at every grid point it uses and at least
 * MIN_EPS usable ε values (ε = 0 among them); a claim none of whose methods has that is 'insufficient evidence'.
 */
import type { SummaryRow } from './results';

/** The identifier of a claim in CLAIMS. */
export type ClaimId = 'validity-falls' | 'cost-difference-grows' | 'robustness-falls' | 'adversarial-accuracy-grows';
export type Trend = 'supports' | 'contradicts' | 'flat' | 'insufficient evidence';
export type VerdictValue = 'reproduced' | 'not reproduced' | 'mixed' | 'insufficient evidence' | 'no data' | 'depends on setup';

/** Seeds a grid point needs, and usable ε values (ε = 0 included) a trend needs, before it is evidence. */
export const MIN_SEEDS = 3;
/** Usable ε values (ε = 0 included) a trend needs before it is evidence. */
export const MIN_EPS = 3;

/** True for a verdict that rests on evidence (not 'no data' or 'insufficient evidence'). */
export const hasEvidence = (v: VerdictValue): boolean => v !== 'no data' && v !== 'insufficient evidence';

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

/** The claims of the paper that the verdicts judge: recourse cost and validity against robustness. */
export const CLAIMS: readonly Claim[] = [
  { id: 'validity-falls', text: 'validity of recourse falls as the training radius ε grows', metric: 'validity', direction: -1, minEffect: 0.02 },
  { id: 'cost-difference-grows', text: 'the cost difference ‖ζ_R‖ − ‖ζ_NR‖ grows with ε', metric: 'costDiff', direction: 1, minEffect: 0.01 },
];

/** Fig. 16's claim (not part of the main verdicts): recourses of more robust models survive less noise. */
export const ROBUSTNESS_CLAIM: Claim = { id: 'robustness-falls', text: 'robustness of recourse to noise falls as ε grows', metric: 'robustness', direction: -1, minEffect: 0.02 };

/** One of the main claims or Fig. 16's, by id. */
export function getClaim(id: ClaimId): Claim {
  const c = [...CLAIMS, ROBUSTNESS_CLAIM].find((x) => x.id === id);
  if (!c) throw new Error(`no claim '${id}' in verdicts.ts (Fig. 11's is ADV_ACCURACY_CLAIM in figure-verdicts.ts)`);
  return c;
}

/** A row a trend is read from: a grid point's ε, its seed count and its `${metric}Mean` / `${metric}Std` columns. */
export type TrendRow = { readonly eps: number; readonly seeds: number; readonly [column: string]: string | number };

/** A summary row whose every seed's model is neither degenerate nor below the majority-class rate. */
export const cleanRow = (r: { degenerateSeeds: number; belowMajoritySeeds?: number }): boolean => r.degenerateSeeds === 0 && !(r.belowMajoritySeeds ?? 0);

export interface MethodEvidence {
  readonly method: string;
  readonly trend: Trend;
  /** ε and mean ± std of the metric at ε = 0 and at the largest ε with data. */
  readonly from: { eps: number; mean: number; std: number } | null;
  readonly to: { eps: number; mean: number; std: number } | null;
  /** Spearman rank correlation of the metric's means with ε. */
  readonly rho: number;
}

/** The verdict on one claim for one dataset, model and setup, with the per-method trends it rests on. */
export interface ClaimVerdict {
  readonly claim: ClaimId;
  readonly dataset: string;
  readonly model: string;
  readonly setup: string;
  readonly verdict: VerdictValue;
  readonly methods: readonly MethodEvidence[];
  /** ε values left out because some seed's model there is degenerate (predicts one class for ≥ 99 % of the test set). */
  readonly degenerateEps: readonly number[];
  /** The verdict with those grid points kept (equal to `verdict` when none was left out). */
  readonly withDegenerate: VerdictValue;
  /** One sentence with the deciding numbers. */
  readonly evidence: string;
}

function ranks(v: number[]): number[] {
  const order = v.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(v.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2;
    i = j + 1;
  }
  return r;
}

/** Spearman's ρ of two equally long series (NaN for fewer than 3 points or a constant series). */
export function spearman(a: number[], b: number[]): number {
  if (a.length < 3) return NaN;
  const [ra, rb] = [ranks(a), ranks(b)];
  const m = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < ra.length; i++) {
    num += (ra[i] - m) * (rb[i] - m);
    da += (ra[i] - m) ** 2;
    db += (rb[i] - m) ** 2;
  }
  return da && db ? num / Math.sqrt(da * db) : NaN;
}

/** How one method's metric moves with ε. */
export function methodTrend(claim: Claim, rows: readonly TrendRow[], rule: { minSeeds: number; minEps: number } = { minSeeds: MIN_SEEDS, minEps: MIN_EPS }): Omit<MethodEvidence, 'method'> {
  const pts = rows.map((r) => ({ eps: r.eps, mean: Number(r[`${claim.metric}Mean`]), std: Number(r[`${claim.metric}Std`]), n: r.seeds }))
    .filter((p) => Number.isFinite(p.mean) && p.n >= rule.minSeeds).sort((a, b) => a.eps - b.eps);
  if (pts.length < Math.max(2, rule.minEps) || pts[0].eps !== 0) return { trend: 'insufficient evidence', from: null, to: null, rho: NaN };
  const [a, b] = [pts[0], pts[pts.length - 1]];
  const delta = b.mean - a.mean;
  const se = Math.sqrt((a.n > 1 && Number.isFinite(a.std) ? a.std ** 2 / a.n : 0) + (b.n > 1 && Number.isFinite(b.std) ? b.std ** 2 / b.n : 0));
  const beyond = Math.abs(delta) > Math.max(claim.minEffect, 2 * se);
  const rho = spearman(pts.map((p) => p.eps), pts.map((p) => p.mean));
  const rhoAgrees = pts.length < 3 || (Number.isFinite(rho) && Math.sign(rho) === claim.direction);
  const trend: Trend = !beyond ? 'flat' : Math.sign(delta) === claim.direction ? (rhoAgrees ? 'supports' : 'flat') : 'contradicts';
  const pick = (p: typeof a) => ({ eps: p.eps, mean: p.mean, std: p.std });
  return { trend, from: pick(a), to: pick(b), rho };
}

/** A number as verdict evidence prints it: three significant digits, 'n/a' when not finite. */
export const verdictNumber = (v: number): string => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : 'n/a');

/** The verdict of one claim on one scope's rows, method by method. */
export function judgeRows(claim: Claim, rows: readonly TrendRow[], methodOf: (r: TrendRow) => string): { verdict: VerdictValue; methods: MethodEvidence[]; supporting: number; withData: number } {
  const methods = [...new Set(rows.map(methodOf))].map((method) => ({ method, ...methodTrend(claim, rows.filter((r) => methodOf(r) === method)) }));
  const withData = methods.filter((m) => m.trend !== 'insufficient evidence').length;
  const supporting = methods.filter((m) => m.trend === 'supports').length;
  const verdict: VerdictValue = !withData ? 'insufficient evidence' : supporting === withData ? 'reproduced' : supporting === 0 ? 'not reproduced' : 'mixed';
  return { verdict, methods, supporting, withData };
}

/** The sentence on left-out degenerate grid points: which, and the verdict with them ('' when none). */
export function leftOutSentence(eps: readonly number[], withThem: VerdictValue, without: VerdictValue, why = "some seed's model is degenerate"): string {
  if (!eps.length) return '';
  return ` Left out: ε = ${eps.join(', ')} (${why}); with them the verdict ${withThem === without ? 'is the same' : `would be ${withThem}`}.`;
}

/** Why a claim has no verdict: the evidence rule, with the counts that fell short. */
function shortOfEvidence(rows: readonly SummaryRow[], clean: readonly SummaryRow[]): string {
  const seeds = Math.max(0, ...rows.map((r) => r.seeds));
  const usable = new Set(clean.filter((r) => r.seeds >= MIN_SEEDS).map((r) => r.eps));
  return `Insufficient evidence: a verdict needs ≥ ${MIN_SEEDS} seeds and ≥ ${MIN_EPS} usable ε values (ε = 0 among them) on models neither degenerate nor below the majority-class rate; this scope has ${seeds} seed${seeds === 1 ? '' : 's'} and ${usable.size} usable ε value${usable.size === 1 ? '' : 's'}${usable.size ? ` (${[...usable].sort((a, b) => a - b).join(', ')})` : ''}.`;
}

/** How a verdict's per-method numbers read: mean without a spread when one seed is all there is. */
const spread = (p: { mean: number; std: number }): string => (Number.isFinite(p.std) ? `${verdictNumber(p.mean)} ± ${verdictNumber(p.std)}` : verdictNumber(p.mean));

/** Verdicts for every claim (the main two by default) × dataset × model class × setup in the summary, plus cross-setup verdicts. */
export function judgeClaims(summary: readonly SummaryRow[], claims: readonly Claim[] = CLAIMS): ClaimVerdict[] {
  const out: ClaimVerdict[] = [];
  const key = (r: SummaryRow) => JSON.stringify([r.dataset, r.model, r.setup]);
  const groups = new Map<string, SummaryRow[]>();
  for (const r of summary) if (r.depth <= 1) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
  const methodOf = (r: TrendRow) => String(r.method);
  for (const claim of claims) {
    for (const rows of groups.values()) {
      const cleanRows = rows.filter(cleanRow);
      const clean = judgeRows(claim, cleanRows, methodOf);
      const all = judgeRows(claim, rows, methodOf);
      const degenerateEps = [...new Set(rows.filter((r) => !cleanRow(r)).map((r) => r.eps))].sort((a, b) => a - b);
      const [deg, below] = [rows.some((r) => r.degenerateSeeds > 0), rows.some((r) => (r.belowMajoritySeeds ?? 0) > 0)];
      const why = `some seed's model is ${deg && below ? 'degenerate or below the majority-class rate' : below ? 'below the majority-class rate' : 'degenerate'}`;
      const perMethod = clean.methods.filter((m) => m.from && m.to)
        .map((m) => `${m.method} ${verdictNumber(m.from!.mean)} (ε = 0) → ${spread(m.to!)} (ε = ${m.to!.eps}), ρ = ${verdictNumber(m.rho)}, ${m.trend}`).join('; ');
      const short = clean.methods.filter((m) => !m.from).map((m) => m.method);
      const counts = clean.withData === 0
        ? shortOfEvidence(rows, cleanRows)
        : `${clean.supporting} of ${clean.withData} methods support it: ${perMethod}.${short.length ? ` Insufficient evidence for ${short.join(', ')}.` : ''}`;
      const evidence = counts + leftOutSentence(degenerateEps, all.verdict, clean.verdict, why);
      out.push({
        claim: claim.id, dataset: rows[0].dataset, model: rows[0].model, setup: rows[0].setup, verdict: clean.verdict, methods: clean.methods,
        degenerateEps, withDegenerate: all.verdict, evidence,
      });
    }
  }
  return [...out, ...acrossSetups(out)];
}

/** One verdict per claim × dataset × model over all setups run: the common verdict of the setups with data, or 'depends on setup'. */
function acrossSetups(vs: readonly ClaimVerdict[]): ClaimVerdict[] {
  const groups = new Map<string, ClaimVerdict[]>();
  for (const v of vs) {
    const k = JSON.stringify([v.claim, v.dataset, v.model]);
    groups.set(k, [...(groups.get(k) ?? []), v]);
  }
  const common = (values: readonly VerdictValue[]): VerdictValue => {
    const withData = [...new Set(values.filter(hasEvidence))];
    return withData.length === 0 ? 'insufficient evidence' : withData.length === 1 ? withData[0] : 'depends on setup';
  };
  return [...groups.values()].filter((g) => g.length > 1).map((g) => ({
    claim: g[0].claim, dataset: g[0].dataset, model: g[0].model, setup: 'all', methods: [], degenerateEps: [],
    verdict: common(g.map((v) => v.verdict)), withDegenerate: common(g.map((v) => v.withDegenerate)),
    evidence: g.map((v) => `${v.setup}: ${v.verdict}`).join('; ') + '.',
  }));
}

/** verdicts.md: one table per claim. */
export function verdictsMarkdown(vs: readonly ClaimVerdict[]): string {
  const lines = ['# Verdicts on the paper\'s claims', '', 'Computed from results/summary.csv by the rule in `src/experiments/verdicts.ts`:',
    'a method supports a claim when its metric moves the claimed way from ε = 0 to the largest ε with data by more',
    'than two standard errors over seeds (and at least a minimum effect), with a rank correlation of the claimed sign.',
    'Grid points where some seed\'s model is degenerate (one class for ≥ 99 % of the test set) or below the',
    'majority-class rate are left out; the evidence names them and the verdict they would give if kept. A verdict',
    `needs ≥ ${MIN_SEEDS} seeds and ≥ ${MIN_EPS} usable ε values (ε = 0 among them); otherwise it is \`insufficient evidence\`.`, ''];
  for (const c of CLAIMS) {
    lines.push(`## Claim: ${c.text}`, '', '| dataset | model | setup | verdict | evidence |', '| --- | --- | --- | --- | --- |');
    for (const v of vs.filter((x) => x.claim === c.id)) lines.push(`| ${v.dataset} | ${v.model} | ${v.setup} | **${v.verdict}** | ${v.evidence} |`);
    lines.push('');
  }
  return lines.join('\n');
}
