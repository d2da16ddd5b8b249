/**
 * The quickstart notebook's results: clean and attacked test accuracy of models trained at each ε, and the
 * findings written from them (majority-class rate, the best non-degenerate model, which models are degenerate).
 */
import type { Dataset } from '../data/types';
import { fitModel } from '../models/store';
import type { ModelKind } from '../models/types';

/** One trained model's test metrics. */
export interface AccuracyRow {
  readonly model: ModelKind;
  readonly eps: number;
  readonly accuracy: number;
  readonly advAccuracy: number;
  readonly exactAdvAccuracy: number | null;
  readonly predictedPositive: number;
  /** Predicts one class for ≥ 99 % of the test set. */
  readonly degenerate: boolean;
  readonly seconds: number;
}

export interface AccuracyRowOptions {
  readonly kinds: readonly ModelKind[];
  readonly eps: readonly number[];
  /** Training epochs (0 = the trainer's automatic budget). */
  readonly epochs: number;
  /** ε of the PGD attack that gives the adversarial accuracy. */
  readonly evalEps: number;
}

/** Trains (or loads from the cache) one model per kind and ε and returns its test metrics; each network is disposed after. */
export function accuracyRows(ds: Dataset, o: AccuracyRowOptions): AccuracyRow[] {
  return o.kinds.flatMap((kind) =>
    o.eps.map((eps) => {
      const m = fitModel(ds, { kind, eps, epochs: o.epochs }, { evalEps: o.evalEps });
      m.net.dispose();
      return {
        model: kind,
        eps,
        accuracy: m.metrics.accuracy,
        advAccuracy: m.metrics.advAccuracy,
        exactAdvAccuracy: m.metrics.exactAdvAccuracy,
        predictedPositive: m.metrics.positiveRate,
        degenerate: m.metrics.degenerate,
        seconds: m.trainSeconds,
      };
    }),
  );
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const name = (r: AccuracyRow) => `${r.model} at ε = ${r.eps}`;
const mostRobust = (rs: readonly AccuracyRow[]) => rs.reduce((a, b) => (b.advAccuracy > a.advAccuracy ? b : a));

/**
 * Markdown bullets from the accuracy table: the majority-class rate and ERM LR's accuracy, the best adversarial
 * accuracy among non-degenerate models, a warning when a degenerate model has the highest one, and the list of
 * degenerate models.
 */
export function accuracyFindings(rows: readonly AccuracyRow[], majority: number, evalEps: number): string {
  if (!rows.length) return '- No model was trained.';
  const erm = rows.find((r) => r.model === 'lr' && r.eps === 0);
  const degenerate = rows.filter((r) => r.degenerate);
  const healthy = rows.filter((r) => !r.degenerate);
  const top = mostRobust(rows);
  const best = healthy.length ? mostRobust(healthy) : undefined;
  return [
    `- Majority-class rate on the test set: **${pct(majority)}**` +
      (erm
        ? `; ERM logistic regression reaches **${pct(erm.accuracy)}** clean and **${pct(erm.advAccuracy)}** under attack at ε = ${evalEps}${erm.degenerate ? ' (and is itself degenerate)' : ''}.`
        : '.'),
    best
      ? `- Best adversarial accuracy among non-degenerate models: **${pct(best.advAccuracy)}** (${name(best)}; clean ${pct(best.accuracy)}).`
      : '- Every model is degenerate, so none is called best: each accuracy is just the share of the class it always predicts.',
    top.degenerate && (!best || top.advAccuracy > best.advAccuracy)
      ? `- The highest adversarial accuracy overall, **${pct(top.advAccuracy)}** (${name(top)}), belongs to a **degenerate** model: it predicts the ${top.predictedPositive >= 0.5 ? 'positive' : 'negative'} class for ${pct(Math.max(top.predictedPositive, 1 - top.predictedPositive))} of the test set, so that number is about the test share of one class, not robustness.`
      : '',
    degenerate.length
      ? `- **Degenerate models** (one class for ≥ 99% of test points): ${degenerate.map(name).join(', ')}. Their accuracy is the share of that class, and any recourse comparison with them must say so.`
      : '- No model is degenerate (none predicts one class for ≥ 99% of the test set).',
  ]
    .filter(Boolean)
    .join('\n');
}
