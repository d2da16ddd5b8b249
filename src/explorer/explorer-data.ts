/**
 * What the explorer page shows, built from a results folder's tables (summary.csv, models-summary.csv) and its
 * people file: one selection per dataset × model (and shape) × method × setup, its points along ε with the
 * seeds' spread and the degenerate / below-majority flags, the frontier, and per person the recourse at each ε
 * in original units. Plain data; page.ts turns it into HTML.
 */
import type { PeopleFile, PersonStatus } from '../experiments/people';
import { showRow, type ShownFeature } from './original-units';

/** The summary columns the page reads (results/summary.csv). */
export interface SummaryInput {
  dataset: string;
  model: string;
  depth: number;
  width: number;
  eps: number;
  method: string;
  setup: string;
  seeds: number;
  degenerateSeeds: number;
  belowMajoritySeeds: number;
  validityMean: number;
  validityStd: number;
  costMean: number;
  costStd: number;
  costDiffMean: number;
  costDiffStd: number;
  accuracyMean: number;
  accuracyStd: number;
  advAccuracyMean: number;
  advAccuracyStd: number;
}

/** The model columns the page reads (results/models-summary.csv). */
export interface ModelInput {
  dataset: string;
  model: string;
  depth: number;
  width: number;
  eps: number;
  setup: string;
  positiveRateMean: number;
  positiveRateStd: number;
}

/** One ε of a selection. */
export interface ExplorerPoint {
  readonly eps: number;
  readonly seeds: number;
  readonly degenerateSeeds: number;
  readonly belowMajoritySeeds: number;
  /** No seed's model is degenerate or below the majority-class rate: the point says something about recourse. */
  readonly usable: boolean;
  readonly values: Readonly<Record<ShownMetric, { mean: number; std: number }>>;
}

export const SHOWN_METRICS = ['accuracy', 'advAccuracy', 'positiveRate', 'validity', 'cost', 'costDiff'] as const;
export type ShownMetric = (typeof SHOWN_METRICS)[number];

/** A person's recourse at one ε. */
export interface ShownRecourse {
  readonly status: PersonStatus;
  /** ‖x′ − x‖₂ in scaled units, the results' cost (NaN unless valid). */
  readonly cost: number;
  /** The changed features (by shown name) and their new values in original units. */
  readonly changes: Readonly<Record<string, string>>;
}

export interface ExplorerSelection {
  readonly id: string;
  readonly dataset: string;
  readonly model: string;
  readonly depth: number;
  readonly width: number;
  readonly method: string;
  readonly setup: string;
  readonly points: readonly ExplorerPoint[];
  /** Key of ExplorerData.people, or null when the people file has none for this selection. */
  readonly data: string | null;
  readonly seed: number | null;
  /** By person (test row), the recourse at each point's ε (null: no unit at that ε). */
  readonly recourses: Readonly<Record<string, readonly (ShownRecourse | null)[]>>;
}

/** A dataset's people, shown in original units, and the ranges for finding the nearest person to typed values. */
export interface ExplorerPeople {
  readonly rows: Readonly<Record<string, readonly ShownFeature[]>>;
  /** Per continuous feature: the original min and max (the scaling's range). */
  readonly ranges: Readonly<Record<string, readonly [number, number]>>;
}

/** What the trade-off explorer page embeds: the run's summary rows, its people and their recourses, and each dataset's scaling. */
export interface ExplorerData {
  readonly title: string;
  readonly selections: readonly ExplorerSelection[];
  readonly people: Readonly<Record<string, ExplorerPeople>>;
}

const pointKey = (r: { dataset: string; model: string; depth: number; width: number; setup: string }) =>
  JSON.stringify([r.dataset, r.model, r.depth, r.width, r.setup]);

/** The explorer's data from a run's tables and people file. */
export function explorerData(summary: readonly SummaryInput[], models: readonly ModelInput[], people: PeopleFile | null, title: string): ExplorerData {
  const positive = new Map(models.map((m) => [JSON.stringify([pointKey(m), m.eps]), m]));
  const groups = new Map<string, SummaryInput[]>();
  for (const r of summary) {
    const id = JSON.stringify([r.dataset, r.model, r.depth, r.width, r.method, r.setup]);
    groups.set(id, [...(groups.get(id) ?? []), r]);
  }
  const selections = [...groups.entries()].map(([id, rows]): ExplorerSelection => {
    const first = rows[0];
    const sorted = [...rows].sort((a, b) => a.eps - b.eps);
    const points = sorted.map((r): ExplorerPoint => {
      const m = positive.get(JSON.stringify([pointKey(r), r.eps]));
      const values = {
        accuracy: { mean: r.accuracyMean, std: r.accuracyStd },
        advAccuracy: { mean: r.advAccuracyMean, std: r.advAccuracyStd },
        positiveRate: { mean: m?.positiveRateMean ?? NaN, std: m?.positiveRateStd ?? NaN },
        validity: { mean: r.validityMean, std: r.validityStd },
        cost: { mean: r.costMean, std: r.costStd },
        costDiff: { mean: r.costDiffMean, std: r.costDiffStd },
      };
      return {
        eps: r.eps,
        seeds: r.seeds,
        degenerateSeeds: r.degenerateSeeds,
        belowMajoritySeeds: r.belowMajoritySeeds,
        usable: r.degenerateSeeds === 0 && r.belowMajoritySeeds === 0,
        values,
      };
    });
    const units = (people?.units ?? []).filter((u) => JSON.stringify([u.dataset, u.model, u.depth, u.width, u.method, u.setup]) === id);
    const recourses: Record<string, (ShownRecourse | null)[]> = {};
    const data = units[0]?.data ?? null;
    for (const [k, p] of points.entries()) {
      const u = units.find((x) => x.eps === p.eps);
      for (const person of u?.people ?? []) {
        const ds = people!.datasets[u!.data];
        const x0 = ds.factuals[String(person.row)];
        const x = [...x0];
        for (const [j, v] of person.changes) x[j] = v;
        const before = showRow(ds, x0);
        const after = showRow(ds, x);
        const changes = Object.fromEntries(after.filter((f, i) => f.value !== before[i].value).map((f) => [f.name, f.value]));
        const cost = person.status === 'valid' ? Math.hypot(...x.map((v, j) => v - x0[j])) : NaN;
        (recourses[String(person.row)] ??= new Array(points.length).fill(null))[k] = { status: person.status, cost, changes };
      }
    }
    return {
      id,
      dataset: first.dataset,
      model: first.model,
      depth: first.depth,
      width: first.width,
      method: first.method,
      setup: first.setup,
      points,
      data,
      seed: units[0]?.seed ?? null,
      recourses,
    };
  });
  const shown: Record<string, ExplorerPeople> = {};
  for (const [data, ds] of Object.entries(people?.datasets ?? {})) {
    const rows = Object.fromEntries(Object.entries(ds.factuals).map(([row, x]) => [row, showRow(ds, x)]));
    const names = Object.values(rows)[0] ?? [];
    const ranges = Object.fromEntries(
      names.flatMap((f) => {
        const j = ds.features.indexOf(f.name);
        return j < 0 || ds.types[j] !== 'continuous' ? [] : [[f.name, [ds.min[j], ds.max[j]] as const]];
      }),
    );
    shown[data] = { rows, ranges };
  }
  return { title, selections, people: shown };
}

/** The frontier of a selection: one point per ε, robustness (adversarial accuracy) against a recourse metric. */
export interface Frontier {
  readonly eps: readonly number[];
  readonly x: readonly number[];
  readonly y: readonly (number | null)[];
  /** The points on the line: null where the model is degenerate or below the majority rate (no line through them). */
  readonly line: readonly (number | null)[];
  /** Indices of the points drawn apart, marked as degenerate or below the majority rate. */
  readonly flagged: readonly number[];
}

/** Frontier data: points in ε order; a flagged point keeps its marker but breaks the line; NaN values become gaps. */
export function frontier(s: Pick<ExplorerSelection, 'points'>, metric: 'cost' | 'validity'): Frontier {
  const y = s.points.map((p) => (Number.isFinite(p.values[metric].mean) ? p.values[metric].mean : null));
  return {
    eps: s.points.map((p) => p.eps),
    x: s.points.map((p) => p.values.advAccuracy.mean),
    y,
    line: y.map((v, i) => (s.points[i].usable ? v : null)),
    flagged: s.points.flatMap((p, i) => (p.usable ? [] : [i])),
  };
}
