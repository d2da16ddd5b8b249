/**
 * Min–max-scaled values back in a dataset's original units, and typed original values into scaled ones: the
 * explorer shows "duration 24 → 12", not "duration 0.31 → 0.12". A one-hot group reads as its category (the
 * column name after the group's common prefix, "housing_own" → "own"); a stand-alone binary column as yes/no.
 */
import type { PeopleDataset } from '../experiments/people';

/** The original value of scaled value v of column j (v clipped to [0, 1], the range the scaling maps to). */
export function toOriginal(ds: Pick<PeopleDataset, 'min' | 'max'>, j: number, v: number): number {
  const c = Math.min(1, Math.max(0, v));
  return ds.min[j] + c * (ds.max[j] - ds.min[j]);
}

/** The scaled value of original value raw of column j, clipped to [0, 1] (the inverse of toOriginal inside the range). */
export function toScaled(ds: Pick<PeopleDataset, 'min' | 'max'>, j: number, raw: number): number {
  const range = ds.max[j] - ds.min[j];
  if (!(range > 0)) return 0;
  return Math.min(1, Math.max(0, (raw - ds.min[j]) / range));
}

/** The longest common prefix of a group's column names, cut after its last '_' (or the whole prefix without one). */
function groupPrefix(names: readonly string[]): string {
  let p = names[0] ?? '';
  for (const n of names) while (!n.startsWith(p)) p = p.slice(0, -1);
  const cut = p.lastIndexOf('_');
  return cut >= 0 ? p.slice(0, cut + 1) : p;
}

/** A one-hot group's name and its categories, from its column names. */
export function groupNames(ds: Pick<PeopleDataset, 'features'>, group: readonly number[]): { name: string; levels: string[] } {
  const names = group.map((j) => ds.features[j]);
  const prefix = groupPrefix(names);
  return { name: prefix.replace(/_$/, '') || names.join('/'), levels: names.map((n) => n.slice(prefix.length) || n) };
}

/** The category of a row in a one-hot group: the column with the largest value (exactly one is 1 in a valid row). */
export function categoryOf(ds: Pick<PeopleDataset, 'features'>, group: readonly number[], row: ArrayLike<number>): string {
  const best = group.reduce((a, j) => (row[j] > row[a] ? j : a), group[0]);
  return groupNames(ds, group).levels[group.indexOf(best)];
}

/** One feature of a person as the explorer shows it: name, value, whether it may change. */
export interface ShownFeature {
  readonly name: string;
  readonly value: string;
  /** The value as a number in original units (NaN for a category). */
  readonly raw: number;
  readonly immutable: boolean;
}

/** Digits shown for a continuous value: integers stay integers; others get as many as their column's range needs. */
function formatValue(v: number, min: number, max: number): string {
  if (Number.isInteger(min) && Number.isInteger(max) && max - min >= 10) return String(Math.round(v));
  const digits = Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.max(max - min, 1e-9)))));
  return v.toFixed(digits);
}

/** Every feature of a scaled row in original units, one-hot groups as one feature each, in column order. */
export function showRow(ds: PeopleDataset, row: ArrayLike<number>): ShownFeature[] {
  const inGroup = new Map<number, readonly number[]>();
  for (const g of ds.groups) for (const j of g) inGroup.set(j, g);
  const immutable = new Set(ds.immutable);
  const out: ShownFeature[] = [];
  for (let j = 0; j < ds.features.length; j++) {
    const g = inGroup.get(j);
    if (g) {
      if (g[0] === j) out.push({ name: groupNames(ds, g).name, value: categoryOf(ds, g, row), raw: NaN, immutable: g.some((c) => immutable.has(c)) });
      continue;
    }
    const raw = toOriginal(ds, j, row[j]);
    const binary = ds.types[j] === 'binary' && ds.min[j] === 0 && ds.max[j] === 1;
    out.push({ name: ds.features[j], value: binary ? (raw >= 0.5 ? 'yes' : 'no') : formatValue(raw, ds.min[j], ds.max[j]), raw, immutable: immutable.has(j) });
  }
  return out;
}
