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

/** Clean (solid) and adversarial (dotted) accuracy vs training ε per model kind; a degenerate model is an open marker. */
export function accuracyFigure(rows: readonly AccuracyPoint[], title: string): Figure {
  const kinds = [...new Set(rows.map((r) => r.model))];
  const trace = (kind: string, key: 'accuracy' | 'advAccuracy') => {
    const mine = rows.filter((r) => r.model === kind);
    return {
      type: 'scatter' as const, mode: 'lines+markers' as const, name: `${kind} ${key === 'accuracy' ? 'clean' : 'adversarial'}`,
      x: mine.map((r) => r.eps), y: mine.map((r) => r[key]), line: { dash: key === 'accuracy' ? ('solid' as const) : ('dot' as const) },
      marker: { size: 9, symbol: mine.map((r) => (r.degenerate ? 'circle-open' : 'circle')) },
    };
  };
  return {
    data: kinds.flatMap((k) => [trace(k, 'accuracy'), trace(k, 'advAccuracy')]),
    layout: {
      title: { text: `${title} (open markers: degenerate model)` }, xaxis: { title: { text: 'training ε' } },
      yaxis: { title: { text: 'test accuracy' }, range: [0, 1] }, height: 420,
    },
  };
}
