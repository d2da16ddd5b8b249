/**
 * The per-person side of a run (results/people.json): for the first few factuals of every grid point, the
 * factual and its counterfactual at every ε, with each dataset's scaling and feature layout, so that the
 * explorer (`recourse explore`) can show one person's recourse in the dataset's original units. One seed per
 * grid point (the first): a person's recourses side by side are one model per ε, not an average.
 */
import type { Dataset } from '../data/types';
import { RecourseError } from '../util/errors';
import type { RunResult } from './runner';

export const PEOPLE_FORMAT = 'robust-recourse/people@1';
/** Factuals kept per grid point: enough to browse, small enough for a page that opens at once. */
export const PEOPLE_PER_POINT = 30;

/** A dataset's columns as the explorer shows them. */
export interface PeopleDataset {
  readonly features: readonly string[];
  /** The training split's per-column min and max (the min–max scaling of data/scaling.ts). */
  readonly min: readonly number[];
  readonly max: readonly number[];
  readonly types: readonly string[];
  readonly immutable: readonly number[];
  readonly groups: readonly (readonly number[])[];
  /** Scaled test rows of the people kept, by test-row index. */
  readonly factuals: Readonly<Record<string, readonly number[]>>;
}

/** What happened to one person at one grid point. */
export type PersonStatus = 'valid' | 'already-positive' | 'invalid' | 'no-recourse';

export interface PersonRecourse {
  /** Test-split row. */
  readonly row: number;
  readonly status: PersonStatus;
  /** Changed columns of the counterfactual as [column, scaled value] (empty when none was found). */
  readonly changes: readonly (readonly [number, number])[];
}

export interface PeopleUnit {
  readonly dataset: string;
  /** Key of `PeopleFile.datasets` (the dataset, or its training subsample). */
  readonly data: string;
  readonly model: string;
  readonly depth: number;
  readonly width: number;
  readonly eps: number;
  readonly method: string;
  readonly setup: string;
  readonly seed: number;
  readonly people: readonly PersonRecourse[];
}

export interface PeopleFile {
  readonly format: typeof PEOPLE_FORMAT;
  readonly datasets: Readonly<Record<string, PeopleDataset>>;
  readonly units: readonly PeopleUnit[];
}

/** Values are kept to 5 decimals: below what a min–max-scaled feature shows in any unit. */
const round = (v: number) => Math.round(v * 1e5) / 1e5;

function peopleDataset(ds: Dataset, rows: ReadonlySet<number>): PeopleDataset {
  const d = ds.test.x.cols;
  const factuals = Object.fromEntries([...rows].sort((a, b) => a - b).map((i) => [String(i), Array.from(ds.test.x.data.subarray(i * d, (i + 1) * d), round)]));
  return {
    features: ds.spec.features,
    min: ds.scaler.min,
    max: ds.scaler.max,
    types: ds.spec.types,
    immutable: ds.spec.immutable,
    groups: ds.spec.oneHotGroups,
    factuals,
  };
}

/** The people file of a run: every recourse unit of the first seed with its first PEOPLE_PER_POINT factuals. */
export function peopleOf(r: RunResult): PeopleFile {
  const firstSeed = Math.min(...r.units.recourse.map((u) => u.model.seed));
  const kept = new Map<string, Set<number>>();
  const units: PeopleUnit[] = [];
  for (const u of r.units.recourse) {
    const m = r.measurements.get(u.key);
    const ds = r.datasets.get(u.data);
    if (u.model.seed !== firstSeed || !m || !ds) continue;
    const d = m.d;
    const people = m.indices.slice(0, PEOPLE_PER_POINT).map((row, i): PersonRecourse => {
      const status: PersonStatus = m.alreadyPositive[i]
        ? 'already-positive'
        : m.found[i]
          ? 'valid'
          : m.certified[i] || m.noRecourse[i]
            ? 'no-recourse'
            : 'invalid';
      const changes: [number, number][] = [];
      if (status === 'valid') {
        for (let j = 0; j < d; j++) {
          const v = m.counterfactuals[i * d + j];
          if (round(v) !== round(ds.test.x.data[row * d + j])) changes.push([j, round(v)]);
        }
      }
      return { row, status, changes };
    });
    if (!kept.has(u.data)) kept.set(u.data, new Set());
    for (const p of people) kept.get(u.data)!.add(p.row);
    units.push({
      dataset: u.dataset,
      data: u.data,
      model: u.model.kind,
      depth: u.model.arch.depth,
      width: u.model.arch.width,
      eps: u.model.options.eps,
      method: u.method,
      setup: u.setup.name,
      seed: u.model.seed,
      people,
    });
  }
  const datasets = Object.fromEntries([...kept].map(([data, rows]) => [data, peopleDataset(r.datasets.get(data)!, rows)]));
  return { format: PEOPLE_FORMAT, datasets, units };
}

/** A people file read back: the format checked and the parts the explorer reads present, else a RecourseError naming the fix. */
export function decodePeople(raw: unknown, file: string): PeopleFile {
  const p = raw as Partial<PeopleFile> | null;
  const fix = 'run `recourse reproduce` again to write it';
  if (p?.format !== PEOPLE_FORMAT)
    throw new RecourseError(`${file} is not a people file of this version (format ${JSON.stringify(p?.format ?? null)}); ${fix}`);
  if (!p.datasets || typeof p.datasets !== 'object' || !Array.isArray(p.units)) throw new RecourseError(`${file} lacks its datasets or units; ${fix}`);
  for (const u of p.units) {
    if (!p.datasets[u.data]) throw new RecourseError(`${file}: a unit names data '${u.data}' that the file does not describe; ${fix}`);
  }
  return p as PeopleFile;
}
