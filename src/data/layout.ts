import type { DatasetSpec } from './definition';
import { check } from '../util/errors';

/**
 * Which columns a recourse may change and how: the constraints every method respects, derived once
 * from a DatasetSpec. A one-hot group or binary column that contains an immutable column is immutable.
 */
export interface FeatureLayout {
  readonly d: number;
  /** mutable[j] = 1 when column j may change, else 0. */
  readonly mutable: Float32Array;
  /** Mutable continuous columns: any value in [0, 1]. */
  readonly continuous: readonly number[];
  /** Mutable stand-alone binary columns: 0 or 1. */
  readonly binary: readonly number[];
  /** Mutable one-hot groups: exactly one column is 1. */
  readonly groups: readonly (readonly number[])[];
  /** Columns that never change. */
  readonly immutable: readonly number[];
}

/** The layout for a spec; without one, every column of a d-dimensional input is continuous and mutable. */
export function featureLayout(d: number, spec?: DatasetSpec): FeatureLayout {
  if (!spec) return plainLayout(d, []);
  check(spec.features.length === d,
    `the dataset spec '${spec.name}' has ${spec.features.length} features but the model/factuals have ${d}; pass the spec of the data the model was trained on`);
  const immutable = new Set(spec.immutable);
  const inGroup = new Set<number>();
  const groups: number[][] = [];
  for (const g of spec.oneHotGroups) {
    g.forEach((j) => inGroup.add(j));
    if (g.some((j) => immutable.has(j))) g.forEach((j) => immutable.add(j));
    else groups.push([...g]);
  }
  const continuous: number[] = [];
  const binary: number[] = [];
  for (let j = 0; j < d; j++) {
    if (immutable.has(j) || inGroup.has(j)) continue;
    (spec.types[j] === 'binary' ? binary : continuous).push(j);
  }
  const mutable = new Float32Array(d).fill(1);
  for (const j of immutable) mutable[j] = 0;
  return { d, mutable, continuous, binary, groups, immutable: [...immutable].sort((a, b) => a - b) };
}

/** All columns continuous; `immutable` fixed. */
export function plainLayout(d: number, immutable: readonly number[]): FeatureLayout {
  const imm = new Set(immutable);
  const mutable = Float32Array.from({ length: d }, (_, j) => (imm.has(j) ? 0 : 1));
  return { d, mutable, continuous: [...Array(d).keys()].filter((j) => !imm.has(j)), binary: [], groups: [], immutable: [...imm] };
}

/** Mutable column indices. */
export function mutableColumns(l: FeatureLayout): number[] {
  return [...l.mutable].flatMap((m, j) => (m ? [j] : []));
}

/**
 * Projects rows in place onto the feasible set: continuous columns clipped to [0,1], binary columns
 * rounded, each one-hot group set to its arg-max column (first on ties), immutables copied from the factual
 * row. `x` holds `rows` rows; row r's factual is `factuals` row `factualOf(r)`. The shell searches project
 * with its WebAssembly twin (src/engine/shells/shell-wasm.ts), tested to give the same bits.
 */
export function projectRows(l: FeatureLayout, x: Float32Array, factuals: Float32Array, factualOf: (r: number) => number): void {
  const d = l.d;
  const rows = x.length / d;
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    const f = factualOf(r) * d;
    for (const j of l.continuous) {
      const v = x[o + j];
      x[o + j] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    for (const j of l.binary) x[o + j] = x[o + j] >= 0.5 ? 1 : 0;
    for (const g of l.groups) {
      let best = g[0];
      for (const j of g) if (x[o + j] > x[o + best]) best = j;
      for (const j of g) x[o + j] = j === best ? 1 : 0;
    }
    for (const j of l.immutable) x[o + j] = factuals[f + j];
  }
}

/** True when a row satisfies the layout: in [0,1], binaries in {0,1}, groups one-hot, immutables as the factual. */
export function isFeasible(l: FeatureLayout, row: ArrayLike<number>, factual: ArrayLike<number>, tol = 1e-6): boolean {
  for (let j = 0; j < l.d; j++) if (!(row[j] >= -tol && row[j] <= 1 + tol)) return false;
  for (const j of l.binary) if (row[j] !== 0 && row[j] !== 1) return false;
  for (const g of l.groups) {
    let ones = 0;
    for (const j of g) {
      if (row[j] !== 0 && row[j] !== 1) return false;
      ones += row[j];
    }
    if (ones !== 1) return false;
  }
  return l.immutable.every((j) => row[j] === factual[j]);
}
