/**
 * Figs 5 / 14, "the cost difference and the validity remain consistent as the network grows deeper or
 * wider" (Adult, one robust ε), judged per metric × sweep × setup with an explicit rule: a method's metric is
 * CONSISTENT across the sizes when the spread of its means (largest − smallest) is at most
 * max(MIN_SPREAD, two standard errors of that difference over seeds), else it VARIES. The scope is reproduced
 * when every method with data is consistent, not reproduced when none is, mixed otherwise.
 * Sweeps: depth 1, 2, … at width 2d (width 0), and width at depth 2 (explicit widths); a setup with fewer than
 * two sizes in a sweep is not judged on it.
 */
import type { ModelSummaryRow, SummaryRow } from '../experiments/results';
import { trainedBy } from '../experiments/setups';
import type { VerdictValue } from './claims';
import { leftOut, leftOutModels } from './left-out';
import type { LeftOutModel, ScopeEvidence, ScopeVerdict, SizeSpread } from './scope';
import { spearman } from './trend';

/** Smallest spread that counts as a change: 5 points of validity, 0.05 in ℓ2 cost difference. */
export const MIN_SPREAD = { validity: 0.05, costDiff: 0.05 } as const;
type SizeMetric = keyof typeof MIN_SPREAD;

const SWEEPS = [
  { name: 'depth', take: (r: { depth: number; width: number }) => r.width === 0, x: (r: { depth: number }) => r.depth },
  { name: 'width', take: (r: { depth: number; width: number }) => r.depth === 2 && r.width > 0, x: (r: { width: number }) => r.width },
] as const;

function methodSpread(method: string, rows: readonly SummaryRow[], metric: SizeMetric, x: (r: SummaryRow) => number): SizeSpread | null {
  const pts = rows
    .map((r) => ({ x: x(r), mean: r[`${metric}Mean`], std: r[`${metric}Std`], n: r.seeds }))
    .filter((p) => Number.isFinite(p.mean))
    .sort((a, b) => a.x - b.x);
  if (pts.length < 2) return null;
  const hi = pts.reduce((a, b) => (b.mean > a.mean ? b : a));
  const lo = pts.reduce((a, b) => (b.mean < a.mean ? b : a));
  const se = Math.sqrt((hi.n > 1 ? hi.std ** 2 / hi.n : 0) + (lo.n > 1 ? lo.std ** 2 / lo.n : 0));
  const allowed = Math.max(MIN_SPREAD[metric], 2 * se);
  return {
    method,
    points: pts.map((p) => ({ size: p.x, mean: p.mean })),
    spread: hi.mean - lo.mean,
    allowed,
    rho: spearman(
      pts.map((p) => p.x),
      pts.map((p) => p.mean),
    ),
    consistent: hi.mean - lo.mean <= allowed,
  };
}

function sizeVerdict(rows: readonly SummaryRow[], metric: SizeMetric, x: (r: SummaryRow) => number): { verdict: VerdictValue; evidence: ScopeEvidence } {
  const methods = [...new Set(rows.map((r) => r.method))].map((m) => ({
    method: m,
    spread: methodSpread(
      m,
      rows.filter((r) => r.method === m),
      metric,
      x,
    ),
  }));
  const withData = methods.filter((m) => m.spread);
  const ok = withData.filter((m) => m.spread!.consistent).length;
  const verdict: VerdictValue = !withData.length ? 'no data' : ok === withData.length ? 'reproduced' : ok === 0 ? 'not reproduced' : 'mixed';
  return { verdict, evidence: { kind: 'size', metric, consistent: ok, methods } };
}

/** Figs 5 / 14's verdicts on Adult NN at one robust ε: cost difference and validity across depth and across width, per setup. */
export function judgeModelSize(summary: readonly SummaryRow[], models: readonly ModelSummaryRow[], eps = 0.3): ScopeVerdict[] {
  const rows = summary.filter((r) => r.dataset === 'adult' && r.model === 'mlp' && r.eps === eps);
  const out: ScopeVerdict[] = [];
  for (const setup of [...new Set(rows.map((r) => r.setup))]) {
    for (const sweep of SWEEPS) {
      const mine = rows.filter((r) => r.setup === setup && sweep.take(r));
      if (new Set(mine.map(sweep.x)).size < 2) continue;
      const at = (m: { depth: number; width: number }): LeftOutModel['at'] => ({ axis: sweep.name, value: sweep.x(m) });
      const deg = leftOutModels(
        models.filter((m) => m.dataset === 'adult' && m.model === 'mlp' && m.eps === eps && sweep.take(m) && trainedBy(m, setup)),
        at,
      );
      const fromRows: LeftOutModel[] = mine
        .filter((r) => r.degenerateSeeds > 0)
        .map((r) => ({ at: at(r), seeds: r.seeds, degenerateSeeds: r.degenerateSeeds, positiveRate: NaN, method: r.method }));
      for (const metric of ['costDiff', 'validity'] as const) {
        const v = sizeVerdict(
          mine.filter((r) => r.degenerateSeeds === 0),
          metric,
          sweep.x,
        );
        const withThem = sizeVerdict(mine, metric, sweep.x).verdict;
        out.push({ subject: { kind: 'size', metric, sweep: sweep.name, eps }, setup, ...v, leftOut: leftOut(deg.length ? deg : fromRows, [], withThem) });
      }
    }
  }
  return out;
}
