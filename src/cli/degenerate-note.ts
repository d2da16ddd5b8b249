/** The CLI's note on degenerate models (one class for ≥ 99 % of the test set), shared by `reproduce` and `sweep`. */

interface ModelRow {
  readonly dataset: string;
  readonly model: string;
  readonly eps: number;
  readonly positiveRate: number;
  readonly degenerate: boolean;
}

/** Degenerate models per dataset and kind, e.g. "compas lr: ε = 0.1, 0.3 (all positive)". */
export function degenerateSummary(models: readonly ModelRow[]): string {
  const groups = new Map<string, { eps: Set<number>; pos: number[] }>();
  for (const m of models) {
    const g = groups.get(`${m.dataset} ${m.model}`) ?? { eps: new Set<number>(), pos: [] };
    g.eps.add(m.eps);
    g.pos.push(m.positiveRate);
    groups.set(`${m.dataset} ${m.model}`, g);
  }
  const side = (pos: number[]) => (pos.every((p) => p >= 0.5) ? 'all positive' : pos.every((p) => p < 0.5) ? 'all negative' : 'one class');
  return [...groups].map(([k, g]) => `${k}: ε = ${[...g.eps].sort((a, b) => a - b).join(', ')} (${side(g.pos)})`).join('; ');
}

/** The note lines (empty when no model is degenerate); `what` says how the command treats them. */
export function degenerateNote(models: readonly ModelRow[], what: string, tryInstead: string): string[] {
  const bad = models.filter((m) => m.degenerate);
  if (!bad.length) return [];
  return [
    `note     ${bad.length} of ${models.length} models are degenerate (one class for ≥ 99 % of the test set): ${what}`,
    `         (${degenerateSummary(bad)}); ${tryInstead}`,
  ];
}
