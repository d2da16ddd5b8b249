/**
 * Curves over ε with ± std bands, one panel per dataset: the building block of Figs 1–4, 9–12 and 16.
 * A point whose model is degenerate for some seed (one class for ≥ 99 % of the test set) or below the
 * majority-class rate is drawn as an open marker, and the note says so.
 */
import { NOTE } from './paper-preset';
import type { Figure } from './plotly';
import { FALLBACK_COLOR, METHOD_COLORS, METHOD_LABEL, METHOD_SYMBOL, MODEL_DASH, MODEL_LABEL, withAlpha } from './style';

/** The summary columns a curve needs (results/summary.csv rows satisfy it). */
export interface CurvePoint {
  readonly dataset: string;
  readonly model: string;
  readonly method: string;
  readonly setup: string;
  readonly eps: number;
  readonly seeds: number;
  readonly degenerateSeeds: number;
  readonly [column: string]: string | number;
}

export interface CurveOptions {
  /** Summary metric, e.g. 'validity' (the columns `${metric}Mean` and `${metric}Std` are read). */
  readonly metric: string;
  readonly title: string;
  readonly yTitle: string;
  readonly datasets: readonly string[];
  readonly models: readonly string[];
  readonly methods?: readonly string[];
  readonly setup?: string;
  readonly yRange?: [number, number];
  /** A horizontal reference line (e.g. 0 for cost differences). */
  readonly zeroLine?: boolean;
  /** Why a grid point has no value, for the note that lists them (default: no recourse is valid there). */
  readonly missingWhy?: string;
  /** The metric's own range (e.g. [0, 1] for validity): bands are clipped to it. */
  readonly valueRange?: readonly [number, number];
  /** Colour and legend label per value of the `method` column (default: the recourse methods'). */
  readonly colors?: Readonly<Record<string, string>>;
  readonly labels?: Readonly<Record<string, string>>;
  /** A labelled horizontal line per dataset panel (e.g. the majority-class rate on accuracy figures). */
  readonly reference?: (dataset: string) => { value: number; label: string } | undefined;
}

type Trace = Figure['data'][number];

/** A point some seed's model of which is degenerate or below the majority-class rate (drawn open, left out of verdicts). */
export const flagged = (p: CurvePoint): boolean => p.degenerateSeeds > 0 || Number(p.belowMajoritySeeds ?? 0) > 0;

/**
 * The traces of one curve: an invisible lower edge, the band filled to it, the mean line with markers, and the
 * flagged points (flagged) on their own as open markers. The line and the band have a gap at a flagged point, so
 * no segment runs into or out of a degenerate or below-majority model; `range` clips the band to the metric's range.
 */
export function bandTraces(points: readonly CurvePoint[], metric: string, name: string, color: string, dash: string, axis: string, showLegend: boolean,
  range?: readonly [number, number], look: { symbol?: string; dodge?: number } = {}): Trace[] {
  const pts = [...points].filter((p) => Number.isFinite(Number(p[`${metric}Mean`]))).sort((a, b) => a.eps - b.eps);
  // a small horizontal offset keeps coinciding curves apart; hover shows the true ε
  const x = pts.map((p) => p.eps + (look.dodge ?? 0));
  const symbol = look.symbol ?? 'circle';
  const mean = pts.map((p) => Number(p[`${metric}Mean`]));
  const std = pts.map((p) => (Number.isFinite(Number(p[`${metric}Std`])) ? Number(p[`${metric}Std`]) : 0));
  const off = pts.map(flagged);
  const clip = (v: number) => (range ? Math.min(range[1], Math.max(range[0], v)) : v);
  const gap = (v: number, i: number) => (off[i] ? null : v);
  const [xa, ya] = [`x${axis}`, `y${axis}`];
  const common = { xaxis: xa, yaxis: ya, legendgroup: name, type: 'scatter' as const };
  const hover = (p: CurvePoint, i: number) => [p.seeds, p.degenerateSeeds, Number(p.belowMajoritySeeds ?? 0), std[i].toFixed(3), p.eps];
  const template = `${name}<br>ε = %{customdata[4]}<br>%{y:.3f} ± %{customdata[3]}<br>seeds %{customdata[0]}, degenerate %{customdata[1]}, below majority %{customdata[2]}<extra></extra>`;
  const flaggedAt = pts.flatMap((p, i) => (off[i] ? [i] : []));
  return [
    { ...common, x, y: mean.map((m, i) => gap(clip(m - std[i]), i)), mode: 'lines', line: { width: 0, color }, showlegend: false, hoverinfo: 'skip', name: `${name} −std` },
    { ...common, x, y: mean.map((m, i) => gap(clip(m + std[i]), i)), mode: 'lines', line: { width: 0, color }, fill: 'tonexty', fillcolor: withAlpha(color, 0.18), showlegend: false, hoverinfo: 'skip', name: `${name} +std` },
    {
      ...common, x, y: mean.map(gap), mode: 'lines+markers', name, showlegend: showLegend, line: { color, dash: dash as 'solid' },
      marker: { color, size: 8, symbol }, connectgaps: false, customdata: pts.map(hover), hovertemplate: template,
    },
    ...(flaggedAt.length ? [{
      ...common, x: flaggedAt.map((i) => x[i]), y: flaggedAt.map((i) => mean[i]), mode: 'markers', name: `${name} (flagged)`, showlegend: false,
      marker: { color, size: 9, symbol: `${symbol}-open`, line: { width: 2, color } }, cliponaxis: false,
      customdata: flaggedAt.map((i) => hover(pts[i], i)), hovertemplate: template,
    }] : []),
  ] as Trace[];
}

/** Whether two curves have the same mean at the same ε values (both undefined counts as the same). */
export function sameCurve(a: readonly CurvePoint[], b: readonly CurvePoint[], metric: string): boolean {
  const at = (pts: readonly CurvePoint[]) => new Map(pts.map((p) => [p.eps, Number(p[`${metric}Mean`])]));
  const [ma, mb] = [at(a), at(b)];
  if (ma.size !== mb.size) return false;
  for (const [eps, v] of ma) {
    const w = mb.get(eps);
    if (w === undefined || !(Math.abs(v - w) <= 1e-9 || (!Number.isFinite(v) && !Number.isFinite(w)))) return false;
  }
  return true;
}

/** One panel per dataset, one curve (mean ± std over seeds) per method × model class. */
export function epsPanels(rows: readonly CurvePoint[], o: CurveOptions): Figure {
  const data: Trace[] = [];
  const n = o.datasets.length;
  const gap = 0.06;
  const width = (1 - gap * (n - 1)) / n;
  const layout: Record<string, unknown> = {
    title: { text: o.title }, height: 520, margin: { t: 120, b: 190 }, legend: { orientation: 'h', y: -0.3, yanchor: 'top' },
    annotations: [] as unknown[],
    shapes: [] as unknown[],
  };
  const seen = new Set<string>();
  const identical: string[] = [];
  o.datasets.forEach((ds, k) => {
    const axis = k === 0 ? '' : String(k + 1);
    const here = rows.filter((r) => r.dataset === ds && (!o.setup || r.setup === o.setup) && o.models.includes(r.model) && (!o.methods || o.methods.includes(r.method)));
    const grid = here.map((r) => r.eps);
    const span = grid.length ? [Math.min(...grid), Math.max(...grid)] : [0, 0.3];
    const curves = o.models.flatMap((model) => [...new Set(here.map((r) => r.method))].map((method) => ({
      model, method, pts: here.filter((r) => r.model === model && r.method === method),
    }))).filter((c) => c.pts.length);
    const nameOf = (c: { model: string; method: string }) => {
      const label = (o.labels ?? METHOD_LABEL)[c.method] ?? c.method;
      return o.models.length > 1 ? `${label} (${MODEL_LABEL[c.model] ?? c.model})` : label;
    };
    let maxDodge = 0;
    curves.forEach((c, i) => {
      // a curve identical to an earlier one is moved a little to the side and says whose it repeats
      const twins = curves.slice(0, i).filter((d) => sameCurve(d.pts, c.pts, o.metric));
      const name = nameOf(c);
      if (twins.length) identical.push(`${ds}: ${name} = ${nameOf(twins[0])}`);
      const dodge = twins.length * 0.012 * Math.max(span[1] - span[0], 0.05);
      maxDodge = Math.max(maxDodge, dodge);
      data.push(...bandTraces(c.pts, o.metric, name, (o.colors ?? METHOD_COLORS)[c.method] ?? FALLBACK_COLOR, MODEL_DASH[c.model] ?? 'solid', axis, !seen.has(name), o.valueRange,
        { symbol: METHOD_SYMBOL[c.method] ?? 'circle', dodge }));
      seen.add(name);
    });
    const pad = Math.max(0.01, 0.04 * (span[1] - span[0])) + maxDodge;
    layout[`xaxis${axis}`] = { domain: [k * (width + gap), k * (width + gap) + width], title: { text: 'ε (training radius)' }, anchor: `y${axis}`, range: [span[0] - pad, span[1] + pad] };
    // a cost axis always shows 0; a reference line (e.g. the majority-class rate) is drawn per panel
    layout[`yaxis${axis}`] = { anchor: `x${axis}`, ...(k === 0 ? { title: { text: o.yTitle } } : {}), ...(o.yRange ? { range: o.yRange } : {}), ...(o.zeroLine ? { rangemode: 'tozero' } : {}) };
    const ref = o.reference?.(ds);
    if (ref && Number.isFinite(ref.value)) {
      (layout.shapes as unknown[]).push({ type: 'line', xref: `x${axis} domain`, yref: `y${axis}`, x0: 0, x1: 1, y0: ref.value, y1: ref.value, line: { color: '#555', width: 1, dash: 'dash' } });
      (layout.annotations as unknown[]).push({ text: `${ref.label} ${ref.value.toFixed(3)}`, showarrow: false, xref: `x${axis} domain`, yref: `y${axis}`, x: 1, y: ref.value, xanchor: 'right', yanchor: 'bottom', font: { size: 10, color: '#555' } });
    }
    (layout.annotations as unknown[]).push({ text: ds, showarrow: false, x: k * (width + gap) + width / 2, y: 1.06, xref: 'paper', yref: 'paper', xanchor: 'center' });
    if (o.zeroLine) (layout.shapes as unknown[]).push({ type: 'line', xref: `x${axis} domain`, yref: `y${axis}`, x0: 0, x1: 1, y0: 0, y1: 0, line: { color: '#999', width: 1, dash: 'dot' } });
  });
  // a grid point without a value: either no factual needed recourse there (summary rows say so with an
  // undefined validityNeeded), or the metric's own condition failed (missingWhy)
  const undefinedAt = rows.filter((r) => !Number.isFinite(Number(r[`${o.metric}Mean`])) && o.datasets.includes(r.dataset) && o.models.includes(r.model));
  const noneNeeded = (r: CurvePoint) => 'validityNeededMean' in r && !Number.isFinite(Number(r.validityNeededMean));
  const listed = (rs: CurvePoint[]) => {
    const at = [...new Set(rs.map((r) => `${r.dataset} ε = ${r.eps}`))];
    return `${at.slice(0, 6).join(', ')}${at.length > 6 ? ', …' : ''}`;
  };
  const needless = undefinedAt.filter(noneNeeded);
  const failed = undefinedAt.filter((r) => !noneNeeded(r));
  const note = 'bands: ± std over seeds; open markers: a degenerate model (one class for ≥ 99 % of the test set) or one below the majority-class rate' +
    (needless.length ? `<br>no value where no factual needs recourse (the model predicts them all positive): ${listed(needless)}` : '') +
    (failed.length ? `<br>no value where ${o.missingWhy ?? 'no recourse is valid'}: ${listed(failed)}` : '') +
    (identical.length ? `<br>identical curves, drawn a little to the right: ${identical.slice(0, 4).join('; ')}${identical.length > 4 ? `; ${identical.length - 4} more` : ''}` : '');
  // the note grows upwards from just above the panel titles; the top margin makes room for its lines
  const lines = note.split('<br>').length;
  layout.margin = { t: 100 + 16 * lines, b: 190 };
  layout.height = 500 + 16 * lines;
  (layout.annotations as unknown[]).push({ name: NOTE, text: note, showarrow: false, x: 0, y: 1.1, xref: 'paper', yref: 'paper', xanchor: 'left', yanchor: 'bottom', align: 'left', font: { size: 11, color: '#666' } });
  return { data, layout: layout as Figure['layout'] };
}
