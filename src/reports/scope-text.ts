/**
 * Scope verdicts in words: the scope's label as tables show it, the sentence with its deciding numbers, and
 * the note on what was left out — written from the data of verdicts/scope.ts.
 */
import { METHOD_LABEL, MODEL_LABEL } from '../figures/style';
import { MIN_EPS, MIN_SEEDS } from '../verdicts/claims';
import type { LeftOutModel, ScopeSubject, ScopeVerdict } from '../verdicts/scope';
import { claimEvidence, verdictNumber as num } from './claim-evidence';

const model = (m: string) => MODEL_LABEL[m] ?? m;
const SWEEP_LABEL = { depth: 'depth (width 2d)', width: 'width (depth 2)' } as const;

/** How a table names a scope, e.g. "adult, NN", "validity across depth (width 2d), ε = 0.3". */
export function scopeLabel(s: ScopeSubject): string {
  switch (s.kind) {
    case 'claim':
      return `${s.dataset}, ${model(s.model)}${s.methods ? `, ${s.methods.map((m) => METHOD_LABEL[m] ?? m).join(', ')}` : ''}`;
    case 'size':
      return `${s.metric === 'costDiff' ? 'cost difference' : 'validity'} across ${SWEEP_LABEL[s.sweep]}, ε = ${s.eps}`;
    case 'adversarial':
      return `${s.dataset}, ${model(s.model)}`;
    case 'neighbourhood':
      return `${s.dataset}, ${s.method}, seed ${s.seed}`;
  }
}

/** The numbers that decide a scope verdict, as one sentence. */
export function scopeEvidence(v: ScopeVerdict): string {
  const e = v.evidence;
  switch (e.kind) {
    case 'claim':
      return claimEvidence(e.claim);
    case 'size': {
      const withData = e.methods.filter((m) => m.spread).length;
      const none =
        e.metric === 'costDiff' ? 'fewer than two sizes with a cost difference (it needs a valid recourse for both models)' : 'fewer than two sizes with data';
      return (
        `${e.consistent} of ${withData} methods consistent: ` +
        e.methods
          .map(
            ({ method, spread: s }) =>
              `${method} ${
                s
                  ? `${s.points.map((p) => num(p.mean)).join(', ')} at ${s.points.map((p) => p.size).join(', ')}: spread ${num(s.spread)} vs allowed ${num(s.allowed)}, ρ = ${num(s.rho)}, ${s.consistent ? 'consistent' : 'varies'}`
                  : none
              }`,
          )
          .join('; ') +
        '.'
      );
    }
    case 'adversarial': {
      const m = e.measured;
      if (!m) return `fewer than ${MIN_EPS} ε values (ε = 0 among them) with ≥ ${MIN_SEEDS} seeds`;
      const lowest = m.belowBase.length === 0;
      return (
        `accuracy under PGD-20 at ε = ${e.evalEps}: ${num(m.base)} (ε = 0) → ${num(m.to.mean)} ± ${num(m.to.std)} (ε = ${m.to.eps}), ρ = ${num(m.rho)} (${m.grows ? 'grows' : m.falls ? 'falls' : 'no clear growth'}); ` +
        `lowest robust model ${num(m.weakest.mean)} at ε = ${m.weakest.eps}` +
        (lowest
          ? ', so the non-robust model is the lowest'
          : `; ${m.belowBase.length} robust model(s) below the non-robust one beyond noise (ε = ${m.belowBase.join(', ')})`) +
        '.'
      );
    }
    case 'neighbourhood':
      return `${e.validAtZero} of ${e.factuals} factuals in the neighbourhood have a valid recourse at ε = 0, ${e.validAtEps} of ${e.factuals} at ε = ${e.eps}.`;
  }
}

const pct = (v: number) => `${(100 * v).toFixed(v > 0 && v < 0.01 ? 2 : 1)} %`;

/** One left-out model, e.g. "ε = 0.3 (1 of 1 seeds; predicts positive for 0.0 % of test points)" or "depth 2d (scfe)". */
function leftOutPhrase(m: LeftOutModel): string {
  const at = m.at.axis === 'eps' ? `ε = ${m.at.value}` : `${m.at.axis} ${m.at.value || '2d'}`;
  return m.method ? `${at} (${m.method})` : `${at} (${m.degenerateSeeds} of ${m.seeds} seeds; predicts positive for ${pct(m.positiveRate)} of test points)`;
}

/** The note on a verdict that left degenerate models out, or judged one ('' when neither). */
export function scopeNote(v: ScopeVerdict): string {
  const notes: string[] = [];
  if (v.leftOut) {
    const which = v.leftOut.models.length ? v.leftOut.models.map(leftOutPhrase).join(', ') : `ε = ${v.leftOut.eps.join(', ')}`;
    notes.push(
      `left out: ${which}; with them the verdict ${v.leftOut.withThem === v.verdict ? 'is the same' : `would be **${v.leftOut.withThem}** instead of ${v.verdict}`}.`,
    );
  }
  const r = v.degenerateRobust;
  if (r) {
    notes.push(
      `the ε = ${r.eps} model is degenerate (predicts positive for ${(100 * r.positiveRate).toFixed(1)} % of test points): the count at ε = ${r.eps} reflects a model that ` +
        `${r.positiveRate < 0.5 ? 'predicts almost every point negative' : 'predicts almost every point positive, so its factuals need no recourse'}, not only a harder search.`,
    );
  }
  return notes.join(' ');
}
