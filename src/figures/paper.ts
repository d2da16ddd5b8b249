/**
 * One function per figure of the paper's empirical sections, built from the results tables of a run
 * (results/summary.csv and results/models-summary.csv rows). Each returns null when the run holds no data
 * for it (for example Fig. 5 without the depth/width grid).
 */
import { epsPanels, bandTraces, flagged, type CurvePoint } from './bands';
import type { Figure } from './plotly';
import { BUDGET_COLORS, FALLBACK_COLOR, METHOD_COLORS, METHOD_LABEL, METHOD_SYMBOL, MODEL_DASH, MODEL_LABEL } from './style';

/** What the figures read: the recourse summary (per grid point) and the model summary (per model). */
export interface FigureTables {
  readonly summary: readonly (CurvePoint & { depth: number; width: number })[];
  readonly models: readonly (CurvePoint & { depth: number; width: number })[];
}

const main = (t: FigureTables) => t.summary.filter((r) => r.depth <= 1 && r.width === 0);
const datasetsOf = (rows: readonly CurvePoint[]) => [...new Set(rows.map((r) => r.dataset))];
const has = (rows: readonly CurvePoint[], model: string) => rows.some((r) => r.model === model);

/** The rows of the 'default' setup, or of the first setup present when there is none (e.g. tables filtered to one setup). */
function oneSetup<T extends CurvePoint>(rows: readonly T[]): T[] {
  const setup = rows.some((r) => r.setup === 'default') ? 'default' : rows[0]?.setup;
  return rows.filter((r) => r.setup === setup);
}

/** ℓ2 cost metrics: exact on an MLP minimises ℓ1, so its ℓ2 cost is no optimum and is not drawn beside the searches'. */
const L2_COSTS = new Set(['cost', 'costDiff', 'paperCost', 'paperCostDiff']);

function curves(t: FigureTables, metric: string, models: string[], title: string, yTitle: string,
  extra: { yRange?: [number, number]; valueRange?: readonly [number, number]; zeroLine?: boolean; missingWhy?: string } = {}): Figure | null {
  const rows = oneSetup(main(t)).filter((r) => !(L2_COSTS.has(metric) && r.model === 'mlp' && r.method === 'exact'));
  const ms = models.filter((m) => has(rows, m));
  if (!ms.length) return null;
  return epsPanels(rows, { metric, models: ms, datasets: datasetsOf(rows), title, yTitle, ...extra });
}

/** A share in [0, 1]: the axis shows a little past 1 so markers at 1 stay whole, the bands stop at the range. */
const SHARE = { yRange: [-0.03, 1.05] as [number, number], valueRange: [0, 1] as const };

/** The cost difference needs a factual both models predict negative, with a valid recourse on each. */
const COST_DIFF = { zeroLine: true, missingWhy: 'no factual that both models predict negative has a valid recourse on each' };

/** Fig. 1: validity vs ε for neural networks, per dataset. */
export const fig1 = (t: FigureTables) => curves(t, 'validity', ['mlp'], 'Fig. 1: validity of recourse vs ε, neural networks', 'validity', SHARE);
/** Fig. 2: cost difference vs ε for neural networks. */
export const fig2 = (t: FigureTables) => curves(t, 'costDiff', ['mlp'], 'Fig. 2: cost difference ‖ζ_R‖ − ‖ζ_NR‖ vs ε, neural networks', 'cost difference (ℓ2)', COST_DIFF);
/** Fig. 3: validity vs ε for logistic regression. */
export const fig3 = (t: FigureTables) => curves(t, 'validity', ['lr'], 'Fig. 3: validity of recourse vs ε, logistic regression', 'validity', SHARE);
/** Fig. 4: cost difference vs ε for logistic regression. */
export const fig4 = (t: FigureTables) => curves(t, 'costDiff', ['lr'], 'Fig. 4: cost difference ‖ζ_R‖ − ‖ζ_NR‖ vs ε, logistic regression', 'cost difference (ℓ2)', COST_DIFF);
/** Fig. 9: validity vs ε, LR and NN together. */
export const fig9 = (t: FigureTables) => curves(t, 'validity', ['lr', 'mlp'], 'Fig. 9: validity vs ε, LR and NN', 'validity', SHARE);
/** Fig. 10: cost difference vs ε, LR and NN together. */
export const fig10 = (t: FigureTables) => curves(t, 'costDiff', ['lr', 'mlp'], 'Fig. 10: cost difference vs ε, LR and NN', 'cost difference (ℓ2)', COST_DIFF);
/**
 * Beyond the paper: the cost difference in ℓ1 on the neural networks, with the exact minimum (the MILP,
 * docs/methods.md) beside the searches, so a search's artefacts show against the optimum. Null unless the run
 * has exact rows on an MLP (`--exact-mlp`).
 */
export function exactCostFigure(t: FigureTables): Figure | null {
  if (!main(t).some((r) => r.model === 'mlp' && r.method === 'exact')) return null;
  return curves(t, 'costDiffL1', ['mlp'], 'Cost difference in ℓ1 vs ε, neural networks: the exact minimum beside the searches', 'cost difference (ℓ1)', COST_DIFF);
}

/** Fig. 16: recourse robustness vs ε. */
export const fig16 = (t: FigureTables) => curves(t, 'robustness', ['mlp', 'lr'], 'Fig. 16: recourse robustness vs ε (share of noisy copies still valid)', 'robustness', SHARE);

/**
 * Validity vs ε when the search may spend at most 10, 30 or 100 iterations per factual, beside the full search
 * (the search-budget factor, docs/methods.md): one panel per dataset, one curve per budget × model class, for
 * one method of the base setup. Null when the run has no such method or no budget columns.
 */
export function budgetFigure(t: FigureTables, method: string): Figure | null {
  const rows = oneSetup(main(t)).filter((r) => r.method === method);
  // the budgets are the table's validityAt{B} columns
  const budgets = Object.keys(rows[0] ?? {}).flatMap((k) => /^validityAt(\d+)Mean$/.exec(k)?.[1] ?? []).map(Number).sort((a, b) => a - b);
  if (!rows.length || !budgets.length) return null;
  const unit = method === 'gsm' || method === 'cchvae' ? 'shells' : 'steps';
  const levels = [...budgets.map((b) => ({ key: `b${b}`, col: `validityAt${b}`, label: `≤ ${b} ${unit}` })), { key: 'full', col: 'validity', label: 'full search' }];
  const relabelled = levels.flatMap((l) => rows.map((r) => ({ ...r, method: l.key, validityMean: r[`${l.col}Mean`], validityStd: r[`${l.col}Std`] })));
  const models = ['lr', 'mlp'].filter((m) => has(rows, m));
  return epsPanels(relabelled, {
    metric: 'validity', models, datasets: datasetsOf(rows), ...SHARE, yTitle: 'validity',
    colors: Object.fromEntries(levels.map((l, i) => [l.key, BUDGET_COLORS[Math.round((i * (BUDGET_COLORS.length - 1)) / Math.max(1, levels.length - 1))]])),
    labels: Object.fromEntries(levels.map((l) => [l.key, l.label])),
    title: `Validity vs ε at search budgets, ${METHOD_LABEL[method] ?? method} (setup ${rows[0].setup})`,
  });
}

/**
 * Fig. 11: adversarial accuracy (one attack ε for all models) vs training ε, per dataset, LR and NN, for one
 * training setup — default training, else the first present — named in the title.
 */
export function fig11(t: FigureTables): Figure | null {
  const rows = oneSetup(t.models.filter((r) => r.depth <= 1 && r.width === 0));
  if (!rows.length) return null;
  const models = ['lr', 'mlp'].filter((m) => has(rows, m));
  const attack = [...new Set(rows.map((r) => Number(r.evalEps)).filter(Number.isFinite))];
  const title = `Fig. 11: adversarial accuracy vs training ε${attack.length ? `, attack ε = ${attack.join(', ')} (PGD-20, ℓ∞)` : ''} (models trained as setup ${rows[0].setup})`;
  const majority = (ds: string) => {
    const m = rows.find((r) => r.dataset === ds && Number.isFinite(Number(r.majorityRate)));
    return m ? { value: Number(m.majorityRate), label: 'majority-class rate' } : undefined;
  };
  return epsPanels(rows.map((r) => ({ ...r, method: 'model' })), {
    metric: 'advAccuracy', models, datasets: datasetsOf(rows), title, yTitle: 'accuracy under PGD-20', yRange: [0, 1], reference: majority, labels: { model: 'adversarial accuracy' },
  });
}

/** Fig. 12: on Adult, the validity of each method for the robust model next to the non-robust model's. */
export function fig12(t: FigureTables): Figure | null {
  const rows = oneSetup(main(t).filter((r) => r.dataset === 'adult'));
  if (!rows.length) return null;
  const data: Figure['data'] = [];
  for (const model of ['lr', 'mlp'].filter((m) => has(rows, m))) {
    for (const method of [...new Set(rows.map((r) => r.method))]) {
      const pts = rows.filter((r) => r.model === model && r.method === method);
      const base = pts.find((r) => r.eps === 0);
      if (!pts.length || !base) continue;
      const color = METHOD_COLORS[method] ?? FALLBACK_COLOR;
      const name = `${METHOD_LABEL[method] ?? method} (${MODEL_LABEL[model] ?? model})`;
      data.push(...bandTraces(pts, 'validity', `${name}, robust`, color, MODEL_DASH[model] ?? 'solid', '', true, [0, 1], { symbol: METHOD_SYMBOL[method] ?? 'circle' }));
      const xs = pts.map((r) => r.eps).sort((a, b) => a - b);
      data.push({ type: 'scatter', mode: 'lines', x: xs, y: xs.map(() => Number(base.validityMean)), name: `${name}, non-robust (ε = 0)`, line: { color, dash: 'dot', width: 1 }, legendgroup: name });
    }
  }
  // many entries (method × model × robust/non-robust): the legend stands right of the plot, clear of the axis title
  return { data, layout: { title: { text: 'Fig. 12: validity for the robust vs the non-robust model, Adult' }, height: 460, xaxis: { title: { text: 'ε (training radius)' } }, yaxis: { title: { text: 'validity' }, range: [-0.03, 1.05] }, legend: { orientation: 'v', x: 1.02, y: 1, xanchor: 'left', yanchor: 'top', font: { size: 10 } }, margin: { r: 260 } } };
}

/** Figs 5 / 14: cost difference and validity at ε = 0.3 on Adult as the network grows deeper (width 2d) or wider (depth 2). */
export function fig5(t: FigureTables, eps = 0.3): Figure | null {
  const rows = oneSetup(t.summary.filter((r) => r.dataset === 'adult' && r.model === 'mlp' && r.eps === eps));
  const byDepth = rows.filter((r) => r.width === 0);
  const byWidth = rows.filter((r) => r.depth === 2 && r.width > 0);
  if (new Set(byDepth.map((r) => r.depth)).size < 2 && new Set(byWidth.map((r) => r.width)).size < 2) return null;
  const data: Figure['data'] = [];
  const panels: [string, readonly CurvePoint[], 'depth' | 'width', string][] = [
    ['costDiff', byDepth, 'depth', '1'], ['costDiff', byWidth, 'width', '2'], ['validity', byDepth, 'depth', '3'], ['validity', byWidth, 'width', '4'],
  ];
  for (const [metric, pts, x, axis] of panels) {
    for (const method of [...new Set(pts.map((r) => r.method))]) {
      const ps = pts.filter((r) => r.method === method).sort((a, b) => Number(a[x]) - Number(b[x]));
      const color = METHOD_COLORS[method] ?? FALLBACK_COLOR;
      const symbol = METHOD_SYMBOL[method] ?? 'circle';
      const mean = ps.map((r) => Number(r[`${metric}Mean`]));
      const std = ps.map((r) => Number(r[`${metric}Std`]) || 0);
      // validity bars stop at [0, 1]; a flagged (degenerate / below-majority) size is an open marker with no line to it
      const share = metric === 'validity';
      const common = { type: 'scatter' as const, xaxis: `x${axis === '1' ? '' : axis}`, yaxis: `y${axis === '1' ? '' : axis}`, legendgroup: method, name: METHOD_LABEL[method] ?? method };
      const bars = (idx: number[]) => ({
        type: 'data' as const, visible: true, symmetric: false,
        array: idx.map((i) => (share ? Math.min(std[i], 1 - mean[i]) : std[i])), arrayminus: idx.map((i) => (share ? Math.min(std[i], mean[i]) : std[i])),
      });
      const all = ps.map((_, i) => i);
      const off = all.filter((i) => flagged(ps[i]));
      data.push({
        ...common, mode: 'lines+markers', showlegend: axis === '1', x: ps.map((r) => Number(r[x])), y: mean.map((m, i) => (flagged(ps[i]) ? null : m)),
        error_y: bars(all), line: { color }, marker: { color, symbol, size: 8 }, connectgaps: false,
      } as Figure['data'][number]);
      if (off.length) {
        data.push({
          ...common, mode: 'markers', showlegend: false, x: off.map((i) => Number(ps[i][x])), y: off.map((i) => mean[i]), error_y: bars(off),
          marker: { color, symbol: `${symbol}-open`, size: 9, line: { width: 2, color } }, cliponaxis: false,
        } as Figure['data'][number]);
      }
    }
  }
  // depth and width are integers: ticks only at the sizes that ran
  const sizes = (pts: readonly CurvePoint[], x: 'depth' | 'width') => [...new Set(pts.map((r) => Number(r[x])))].sort((a, b) => a - b);
  const ticks = { depth: sizes(byDepth, 'depth'), width: sizes(byWidth, 'width') };
  const ax = (domainX: [number, number], _domainY: [number, number], anchor: string, title: 'depth' | 'width') => ({ domain: domainX, anchor, title: { text: title }, tickmode: 'array', tickvals: ticks[title] });
  return {
    data,
    layout: {
      title: { text: `Figs 5 / 14: Adult, ε = ${eps}: deeper (width 2d) and wider (depth 2) networks` }, height: 620, legend: { orientation: 'h', y: -0.12 },
      grid: { rows: 2, columns: 2, pattern: 'independent' },
      xaxis: ax([0, 0.45], [0.55, 1], 'y', 'depth'), yaxis: { domain: [0.58, 1], anchor: 'x', title: { text: 'cost difference' }, rangemode: 'tozero' },
      xaxis2: ax([0.55, 1], [0.55, 1], 'y2', 'width'), yaxis2: { domain: [0.58, 1], anchor: 'x2', rangemode: 'tozero' },
      xaxis3: ax([0, 0.45], [0, 0.42], 'y3', 'depth'), yaxis3: { domain: [0, 0.42], anchor: 'x3', title: { text: 'validity' }, range: [0, 1.05] },
      xaxis4: ax([0.55, 1], [0, 0.42], 'y4', 'width'), yaxis4: { domain: [0, 0.42], anchor: 'x4', range: [0, 1.05] },
    } as Figure['layout'],
  };
}

/** Every figure of the results tables that has data, by file name. */
export function paperFigures(t: FigureTables): Record<string, Figure> {
  const all: Record<string, Figure | null> = {
    'fig01-validity-nn': fig1(t), 'fig02-cost-difference-nn': fig2(t), 'fig03-validity-lr': fig3(t), 'fig04-cost-difference-lr': fig4(t),
    'fig05-depth-width': fig5(t), 'fig09-validity': fig9(t), 'fig10-cost-difference': fig10(t), 'fig11-adversarial-accuracy': fig11(t),
    'fig12-validity-adult': fig12(t), 'fig16-robustness': fig16(t), 'exact-cost-difference-nn': exactCostFigure(t),
    ...Object.fromEntries(['scfe', 'gsm', 'roar'].map((m) => [`budget-validity-${m}`, budgetFigure(t, m)])),
  };
  return Object.fromEntries(Object.entries(all).filter(([, f]) => f !== null)) as Record<string, Figure>;
}
