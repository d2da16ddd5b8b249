/** Shared look of the paper figures: one colour per recourse method, dashes per model class, band opacity. */
export const METHOD_COLORS: Readonly<Record<string, string>> = {
  scfe: '#1f77b4', gsm: '#ff7f0e', cchvae: '#2ca02c', roar: '#d62728', exact: '#9467bd',
};
/** One marker shape per method, so methods whose curves coincide stay apart (open variants mark flagged points). */
export const METHOD_SYMBOL: Readonly<Record<string, string>> = {
  scfe: 'circle', gsm: 'square', cchvae: 'diamond', roar: 'triangle-up', exact: 'x', model: 'circle',
};
export const MODEL_DASH: Readonly<Record<string, 'solid' | 'dash' | 'dot'>> = { lr: 'dash', 'lr-closed': 'dot', mlp: 'solid' };
export const MODEL_LABEL: Readonly<Record<string, string>> = { lr: 'LR', 'lr-closed': 'LR (eq. 16)', mlp: 'NN' };
export const METHOD_LABEL: Readonly<Record<string, string>> = { scfe: 'SCFE', gsm: 'GSM', cchvae: 'C-CHVAE', roar: 'ROAR', exact: 'exact' };

/** A colour as rgba with the given opacity (for ± std bands). */
export function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export const FALLBACK_COLOR = '#7f7f7f';

/** Colours of the budget figures, light to dark as the search budget grows (the full search darkest). */
export const BUDGET_COLORS: readonly string[] = ['#9ecae1', '#4292c6', '#2171b5', '#08306b'];
