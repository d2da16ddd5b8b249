/**
 * The trend rule. A method SUPPORTS a claim when its metric moves in the claimed direction from ε = 0 to the
 * largest ε with data by more than two standard errors over seeds (at least the claim's `minEffect`), and the
 * rank correlation of the metric with ε has the claimed sign; it CONTRADICTS the claim when the move beyond
 * noise goes the other way, and is FLAT otherwise. The evidence rule: a trend needs at least MIN_SEEDS seeds at
 * every grid point it uses and at least MIN_EPS usable ε values, ε = 0 among them.
 */
import { MIN_EPS, MIN_SEEDS, type Claim, type Trend, type VerdictValue } from './claims';

/** A row a trend is read from: a grid point's ε, its seed count and its `${metric}Mean` / `${metric}Std` columns. */
export type TrendRow = { readonly eps: number; readonly seeds: number; readonly [column: string]: string | number };

/** A grid point's metric: mean ± std over seeds. */
export interface TrendPoint {
  readonly eps: number;
  readonly mean: number;
  readonly std: number;
}

/** One method's trend and the numbers it rests on. */
export interface MethodEvidence {
  readonly method: string;
  readonly trend: Trend;
  /** The metric at ε = 0 and at the largest ε with data (null when the evidence rule is not met). */
  readonly from: TrendPoint | null;
  readonly to: TrendPoint | null;
  /** Spearman rank correlation of the metric's means with ε. */
  readonly rho: number;
}

/** A summary row whose every seed's model is neither degenerate nor below the majority-class rate. */
export const cleanRow = (r: { degenerateSeeds: number; belowMajoritySeeds?: number }): boolean => r.degenerateSeeds === 0 && !(r.belowMajoritySeeds ?? 0);

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
export function methodTrend(
  claim: Claim,
  rows: readonly TrendRow[],
  rule: { minSeeds: number; minEps: number } = { minSeeds: MIN_SEEDS, minEps: MIN_EPS },
): Omit<MethodEvidence, 'method'> {
  const pts = rows
    .map((r) => ({ eps: r.eps, mean: Number(r[`${claim.metric}Mean`]), std: Number(r[`${claim.metric}Std`]), n: r.seeds }))
    .filter((p) => Number.isFinite(p.mean) && p.n >= rule.minSeeds)
    .sort((a, b) => a.eps - b.eps);
  if (pts.length < Math.max(2, rule.minEps) || pts[0].eps !== 0) return { trend: 'insufficient evidence', from: null, to: null, rho: NaN };
  const [a, b] = [pts[0], pts[pts.length - 1]];
  const delta = b.mean - a.mean;
  const se = Math.sqrt((a.n > 1 && Number.isFinite(a.std) ? a.std ** 2 / a.n : 0) + (b.n > 1 && Number.isFinite(b.std) ? b.std ** 2 / b.n : 0));
  const beyond = Math.abs(delta) > Math.max(claim.minEffect, 2 * se);
  const rho = spearman(
    pts.map((p) => p.eps),
    pts.map((p) => p.mean),
  );
  const rhoAgrees = pts.length < 3 || (Number.isFinite(rho) && Math.sign(rho) === claim.direction);
  const trend: Trend = !beyond ? 'flat' : Math.sign(delta) === claim.direction ? (rhoAgrees ? 'supports' : 'flat') : 'contradicts';
  const pick = (p: typeof a): TrendPoint => ({ eps: p.eps, mean: p.mean, std: p.std });
  return { trend, from: pick(a), to: pick(b), rho };
}

/** The verdict of one claim on one scope's rows, method by method: reproduced when every method with data supports it, not reproduced when none does, else mixed. */
export function judgeRows(
  claim: Claim,
  rows: readonly TrendRow[],
  methodOf: (r: TrendRow) => string,
): { verdict: VerdictValue; methods: MethodEvidence[]; supporting: number; withData: number } {
  const methods = [...new Set(rows.map(methodOf))].map((method) => ({
    method,
    ...methodTrend(
      claim,
      rows.filter((r) => methodOf(r) === method),
    ),
  }));
  const withData = methods.filter((m) => m.trend !== 'insufficient evidence').length;
  const supporting = methods.filter((m) => m.trend === 'supports').length;
  const verdict: VerdictValue = !withData ? 'insufficient evidence' : supporting === withData ? 'reproduced' : supporting === 0 ? 'not reproduced' : 'mixed';
  return { verdict, methods, supporting, withData };
}
