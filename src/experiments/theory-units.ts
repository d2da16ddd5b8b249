/**
 * Theory checks as units of an experiment plan: one Section 4 run (LR or NTK pair at one ε) per check,
 * cached under its content key with every statement's per-instance results, so the tables, the verdicts and
 * the bound figures (Figs 6, 7, 13, 15) come from the same run.
 */
import type { Dataset } from '../data/types';
import { summarize, type StatementResult, type StatementSummary } from '../theory/index';
import { runTheory, theoryJson, type TheoryJson, type TheoryModel } from './theory/index';
import { VAE_TRAINING_REVISION, type CchvaeOptions } from '../recourse/index';
import { check } from '../util/errors';
import { contentKey, datasetFingerprint, UNIT_VERSION } from './units';

/** One theory check of a plan. */
export interface TheoryCheck {
  readonly dataset: string;
  readonly model: TheoryModel;
  readonly eps: number;
  /** Test instances (the first in file order that both models predict negative). */
  readonly n: number;
  readonly seed: number;
  /** LR pair epochs (0 = automatic) or NTK training subsample. */
  readonly size?: number;
  /** C-CHVAE options for Theorem 3, or false to skip it. */
  readonly cchvae: Partial<CchvaeOptions> | false;
}

/** A check's summary as stored: the CLI's JSON object, without facts when the check could not run (see `note`). */
export type TheorySummary = Omit<TheoryJson, 'facts'> & { readonly facts: TheoryJson['facts'] | null };

export interface TheoryMeasurements {
  readonly key: string;
  readonly summary: TheorySummary;
  readonly statements: StatementResult[];
  readonly seconds: number;
  /** Why the check could not run (e.g. a robust model that predicts every test point positive), else ''. */
  readonly note: string;
}

/** The content key of a theory check on a dataset. */
export function theoryKey(ds: Dataset, c: TheoryCheck): string {
  // Theorem 3's C-CHVAE measurements depend on how the autoencoder was trained, which the check does not say
  const vaeTraining = c.cchvae === false ? undefined : VAE_TRAINING_REVISION;
  return contentKey({ v: UNIT_VERSION, unit: 'theory', data: datasetFingerprint(ds), check: c, vaeTraining });
}

/** Runs one check; a RecourseError (e.g. no factual both models predict negative) is recorded as the note. */
export async function measureTheory(ds: Dataset, c: TheoryCheck, onProgress?: (m: string) => void): Promise<TheoryMeasurements> {
  check(c.eps > 0 && c.eps <= 1, `a theory check needs 0 < ε ≤ 1; got ${c.eps}`);
  const t0 = performance.now();
  const common = { eps: c.eps, n: c.n, seed: c.seed, onProgress, cchvae: c.cchvae === false ? (false as const) : { options: c.cchvae } };
  try {
    const run = await runTheory(
      ds,
      c.model === 'lr'
        ? { ...common, model: 'lr', pair: c.size !== undefined ? { epochs: c.size } : {} }
        : { ...common, model: 'ntk', pair: c.size !== undefined ? { n: c.size } : {} },
    );
    return { key: theoryKey(ds, c), summary: theoryJson(run), statements: run.statements, seconds: (performance.now() - t0) / 1000, note: '' };
  } catch (e) {
    if ((e as Error).name !== 'RecourseError') throw e;
    return {
      key: theoryKey(ds, c),
      summary: { dataset: ds.spec.name, model: c.model, eps: c.eps, statements: [], pending: [], facts: null },
      statements: [],
      seconds: (performance.now() - t0) / 1000,
      note: (e as Error).message,
    };
  }
}

/** Why a stored theory unit does not fit, or null. */
export function theoryProblem(m: TheoryMeasurements, key: string): string | null {
  if (!m || m.key !== key) return 'wrong key';
  if (!Array.isArray(m.statements) || !Array.isArray(m.summary?.statements)) return 'statements missing';
  for (const s of m.statements) if (!Array.isArray(s.checks) || typeof s.name !== 'string') return 'a statement is malformed';
  return typeof m.note === 'string' && Number.isFinite(m.seconds) ? null : 'note or seconds missing';
}

/** JSON has no NaN: vacuous bounds are stored as null and read back as NaN. */
export function decodeTheory(body: unknown): TheoryMeasurements {
  const b = body as TheoryMeasurements;
  const num = (v: number | null) => (v === null ? NaN : v);
  return {
    ...b,
    statements: (b?.statements ?? []).map((s) => ({
      ...s,
      checks: s.checks.map((c) => ({ ...c, lhs: num(c.lhs), bound: num(c.bound), ...(c.signed === undefined ? {} : { signed: num(c.signed ?? null) }) })),
    })),
  };
}

/** One row per statement of a check (results/theory.csv). */
export interface TheoryRow {
  dataset: string;
  model: string;
  eps: number;
  statement: string;
  variant: string;
  instances: number;
  holds: number;
  violated: number;
  vacuous: number;
  lhsMedian: number;
  boundMedian: number;
  counterexamples: number;
  note: string;
}

/** One results row per statement of a check (one row with the note when it could not run). */
export function theoryRows(m: TheoryMeasurements): TheoryRow[] {
  const base = { dataset: m.summary.dataset, model: m.summary.model, eps: m.summary.eps };
  if (m.note)
    return [
      {
        ...base,
        statement: '',
        variant: '',
        instances: 0,
        holds: 0,
        violated: 0,
        vacuous: 0,
        lhsMedian: NaN,
        boundMedian: NaN,
        counterexamples: 0,
        note: m.note,
      },
    ];
  return m.statements.map((st) => {
    const s: StatementSummary = summarize(st);
    return {
      ...base,
      statement: s.name,
      variant: s.label,
      instances: s.instances,
      holds: s.holds,
      violated: s.violated,
      vacuous: s.vacuous,
      lhsMedian: s.lhsMedian,
      boundMedian: s.boundMedian,
      counterexamples: s.implication?.counterexamples ?? 0,
      note: '',
    };
  });
}
