/** The quickstart's figure: clean and attacked test accuracy against the training ε, one pair of lines per model kind. */
import type { Figure } from './plotly';

/** What the accuracy figure reads per model (the quickstart's accuracy rows satisfy it). */
export interface AccuracyPoint {
  readonly model: string;
  readonly eps: number;
  readonly accuracy: number;
  readonly advAccuracy: number;
  readonly degenerate: boolean;
}

/**
 * Clean (solid) and adversarial (dotted) accuracy vs training ε per model kind, a degenerate model as an open
 * marker, and the majority-class rate as a dashed line when given (a model below it predicts worse than a constant).
 */
export function accuracyFigure(rows: readonly AccuracyPoint[], title: string, majorityRate?: number): Figure {
  const kinds = [...new Set(rows.map((r) => r.model))];
  const shapes = ['circle', 'square', 'diamond', 'triangle-up'];
  const made: { name: string; y: number[] }[] = [];
  const trace = (kind: string, key: 'accuracy' | 'advAccuracy') => {
    const mine = rows.filter((r) => r.model === kind);
    const symbol = shapes[kinds.indexOf(kind) % shapes.length];
    const y = mine.map((r) => r[key]);
    const base = `${kind} ${key === 'accuracy' ? 'clean' : 'adversarial'}`;
    // a trace identical to an earlier one says so, and its larger hollow markers keep both visible
    const twin = made.find((t) => t.y.length === y.length && t.y.every((v, i) => Math.abs(v - y[i]) < 1e-9));
    made.push({ name: base, y });
    return {
      type: 'scatter' as const, mode: 'lines+markers' as const, name: twin ? `${base} (= ${twin.name})` : base,
      x: mine.map((r) => r.eps), y, line: { dash: key === 'accuracy' ? ('solid' as const) : ('dot' as const) },
      marker: { size: twin ? 13 : 9, symbol: mine.map((r) => (r.degenerate || twin ? `${symbol}-open` : symbol)) },
    };
  };
  const eps = rows.map((r) => r.eps);
  const majority = majorityRate !== undefined && eps.length ? [{
    type: 'scatter' as const, mode: 'lines' as const, name: `majority-class rate (${majorityRate.toFixed(3)})`,
    x: [Math.min(...eps), Math.max(...eps)], y: [majorityRate, majorityRate], line: { dash: 'dash' as const, color: '#555', width: 1 },
  }] : [];
  return {
    data: [...kinds.flatMap((k) => [trace(k, 'accuracy'), trace(k, 'advAccuracy')]), ...majority] as Figure['data'],
    layout: {
      title: { text: `${title} (open markers: degenerate model)` }, xaxis: { title: { text: 'training ε' } },
      yaxis: { title: { text: 'test accuracy' }, range: [0, 1] }, height: 420,
    },
  };
}
