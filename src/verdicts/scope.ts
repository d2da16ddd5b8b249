/**
 * Scope verdicts: what the section notebooks judge for one figure — each scope (a dataset × model class, a
 * depth sweep, a neighbourhood, …) under each setup — as data: what was judged, the verdict, the numbers it
 * rests on, and the grid points left out. Combined into one verdict per figure and setup, and one across
 * setups. reports/verdict-report.ts writes them as markdown.
 */
import { combineVerdicts, type VerdictValue } from './claims';
import type { ClaimVerdict } from './claim-verdicts';

/** What one scope verdict judged. */
export type ScopeSubject =
  | { readonly kind: 'claim'; readonly dataset: string; readonly model: string; readonly methods?: readonly string[] }
  | { readonly kind: 'size'; readonly metric: 'costDiff' | 'validity'; readonly sweep: 'depth' | 'width'; readonly eps: number }
  | { readonly kind: 'adversarial'; readonly dataset: string; readonly model: string }
  | { readonly kind: 'neighbourhood'; readonly dataset: string; readonly method: string; readonly seed: number };

/** One method's spread across model sizes (Figs 5 / 14), or null where it has fewer than two sizes with data. */
export interface SizeSpread {
  readonly method: string;
  readonly points: readonly { readonly size: number; readonly mean: number }[];
  readonly spread: number;
  readonly allowed: number;
  readonly rho: number;
  readonly consistent: boolean;
}

/** The numbers a scope verdict rests on, by kind of rule. */
export type ScopeEvidence =
  | { readonly kind: 'claim'; readonly claim: ClaimVerdict }
  | {
      readonly kind: 'size';
      readonly metric: 'costDiff' | 'validity';
      readonly consistent: number;
      readonly methods: readonly { readonly method: string; readonly spread: SizeSpread | null }[];
    }
  | {
      readonly kind: 'adversarial';
      readonly evalEps: number;
      /** Null when the evidence rule is not met. */
      readonly measured: {
        readonly base: number;
        readonly to: { readonly eps: number; readonly mean: number; readonly std: number };
        readonly rho: number;
        readonly grows: boolean;
        readonly falls: boolean;
        readonly weakest: { readonly eps: number; readonly mean: number };
        readonly belowBase: readonly number[];
      } | null;
    }
  | { readonly kind: 'neighbourhood'; readonly validAtZero: number; readonly validAtEps: number; readonly factuals: number; readonly eps: number };

/** A model configuration left out of a verdict: where it sits on the axis judged, and how many of its seeds collapsed. */
export interface LeftOutModel {
  /** ε, or the depth / width of a size sweep (0 for the default width 2d). */
  readonly at: { readonly axis: 'eps' | 'depth' | 'width'; readonly value: number };
  readonly seeds: number;
  readonly degenerateSeeds: number;
  readonly positiveRate: number;
  /** Set when only a summary row (a method's) says it is degenerate, with no model row to describe it. */
  readonly method?: string;
}

/** Grid points left out of a scope verdict, and the verdict with them kept. */
export interface LeftOut {
  readonly models: readonly LeftOutModel[];
  /** ε values left out when no model row describes them. */
  readonly eps: readonly number[];
  readonly withThem: VerdictValue;
}

/** One judged scope of a figure under one setup. */
export interface ScopeVerdict {
  readonly subject: ScopeSubject;
  readonly setup: string;
  readonly verdict: VerdictValue;
  readonly evidence: ScopeEvidence;
  /** Null when nothing was left out. */
  readonly leftOut: LeftOut | null;
  /** Fig. 8: the robust model is degenerate, so its count reflects the model, not only the search. */
  readonly degenerateRobust?: { readonly eps: number; readonly positiveRate: number };
}

/** Scopes of one setup combined: 'no data' when none has data, their common verdict when they agree, else 'mixed'. */
export const combineScopes = (vs: readonly VerdictValue[]): VerdictValue => combineVerdicts(vs, 'mixed');

/** A figure's verdict per setup, and across the setups with data: their common verdict, or 'depends on setup' when they differ. */
export function figureVerdict(vs: readonly ScopeVerdict[]): { perSetup: Record<string, VerdictValue>; overall: VerdictValue } {
  const setups = [...new Set(vs.map((v) => v.setup))];
  const perSetup = Object.fromEntries(setups.map((s) => [s, combineScopes(vs.filter((v) => v.setup === s).map((v) => v.verdict))]));
  return { perSetup, overall: combineVerdicts(Object.values(perSetup), 'depends on setup') };
}
