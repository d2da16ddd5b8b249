/**
 * Fig. 8: a seeded t-SNE view of a local neighbourhood of factuals, with the valid recourses of the
 * non-robust (ε = 0) and a robust model highlighted in orange. Factuals and both models' recourses are
 * embedded together, so positions are comparable across the panels.
 */
import { TSNE } from '@saehrimnir/druidjs';
import type { Figure } from './plotly';

export interface TsneInput {
  /** Factual rows (the neighbourhood), in [0,1] units. */
  readonly factuals: readonly (readonly number[])[];
  /** One panel per model: its ε, its counterfactual per factual, and whether that recourse is valid. */
  readonly panels: readonly {
    eps: number; counterfactuals: readonly (readonly number[])[]; valid: readonly boolean[];
    /** The panel's model predicts one class for ≥ 99 % of the test set, or is below the majority-class rate: the panel says so. */
    degenerate?: boolean; belowMajority?: boolean;
  }[];
  readonly dataset: string;
  readonly method: string;
  readonly seed: number;
  /** t-SNE perplexity (default 20) and iterations (default 500). */
  readonly perplexity?: number;
  readonly iterations?: number;
}

/** The k factuals closest (ℓ2) to the first one: a local neighbourhood. */
export function neighbourhood(rows: readonly (readonly number[])[], k: number): number[] {
  const a = rows[0];
  const d = rows.map((r, i) => [r.reduce((s, v, j) => s + (v - a[j]) ** 2, 0), i] as const);
  return d.sort((x, y) => x[0] - y[0]).slice(0, k).map(([, i]) => i);
}

/** Fig. 8: two panels (ε = 0 and a robust ε) of one joint seeded t-SNE embedding. */
export function fig8(o: TsneInput): Figure {
  const n = o.factuals.length;
  const points = [...o.factuals, ...o.panels.flatMap((p) => p.counterfactuals)].map((r) => [...r]);
  const perplexity = Math.min(o.perplexity ?? 20, Math.max(2, Math.floor((points.length - 1) / 3)));
  const Y = new TSNE(points, { perplexity, d: 2, seed: o.seed }).transform(o.iterations ?? 500) as number[][];
  const data: Figure['data'] = [];
  const gap = 0.08;
  const w = (1 - gap * (o.panels.length - 1)) / o.panels.length;
  const layout: Record<string, unknown> = { title: { text: `Fig. 8: t-SNE of a neighbourhood of ${n} factuals (${o.dataset}, ${o.method}); valid recourses in orange` }, height: 480, margin: { t: 120 }, annotations: [] };
  o.panels.forEach((p, k) => {
    const axis = k === 0 ? '' : String(k + 1);
    const off = n * (k + 1);
    const valid = p.valid.map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
    data.push(
      { type: 'scatter', mode: 'markers', xaxis: `x${axis}`, yaxis: `y${axis}`, name: 'factual', showlegend: k === 0, legendgroup: 'f', x: Y.slice(0, n).map((q) => q[0]), y: Y.slice(0, n).map((q) => q[1]), marker: { color: '#1f77b4', size: 6 } },
      { type: 'scatter', mode: 'markers', xaxis: `x${axis}`, yaxis: `y${axis}`, name: 'valid recourse', showlegend: k === 0, legendgroup: 'v', x: valid.map((i) => Y[off + i][0]), y: valid.map((i) => Y[off + i][1]), marker: { color: '#ff7f0e', size: 7 } },
    );
    layout[`xaxis${axis}`] = { domain: [k * (w + gap), k * (w + gap) + w], anchor: `y${axis}`, showticklabels: false, zeroline: false };
    layout[`yaxis${axis}`] = { anchor: `x${axis}`, showticklabels: false, zeroline: false };
    const flag = p.degenerate ? '<br><b>degenerate model</b> (one class for ≥ 99 % of the test set)' : p.belowMajority ? '<br><b>below the majority-class rate</b>' : '';
    (layout.annotations as unknown[]).push({ text: `ε = ${p.eps}: ${valid.length} of ${n} valid${flag}`, showarrow: false, x: k * (w + gap) + w / 2, y: 1.02, xref: 'paper', yref: 'paper', xanchor: 'center', yanchor: 'bottom' });
  });
  return { data, layout: layout as Figure['layout'] };
}
