/**
 * Verdicts as the section notebooks show them: each judged scope (a dataset × model class, a depth sweep, …)
 * under each setup, combined into one verdict per figure and setup and one across setups ('depends on setup'
 * when the setups disagree), rendered as markdown with the deciding numbers and a note wherever grid points
 * with degenerate models were left out.
 */
import { hasEvidence, type VerdictValue } from './verdicts';

/** One judged scope of a figure under one setup. */
export interface ScopeVerdict {
  readonly scope: string;
  readonly setup: string;
  readonly verdict: VerdictValue;
  /** The numbers that decide the verdict, as one sentence. */
  readonly evidence: string;
  /** Non-empty when grid points with degenerate models were left out: which, and the verdict with them. */
  readonly degenerateNote: string;
}

/** Scopes of one setup combined: 'no data' when none has data, their common verdict when they agree, else 'mixed'. */
export function combineScopes(vs: readonly VerdictValue[]): VerdictValue {
  const withData = [...new Set(vs.filter(hasEvidence))];
  return withData.length === 0 ? (vs.includes('insufficient evidence') ? 'insufficient evidence' : 'no data') : withData.length === 1 ? withData[0] : 'mixed';
}

/** A figure's verdict per setup, and across the setups with data: their common verdict, or 'depends on setup' when they differ. */
export function figureVerdict(vs: readonly ScopeVerdict[]): { perSetup: Record<string, VerdictValue>; overall: VerdictValue } {
  const setups = [...new Set(vs.map((v) => v.setup))];
  const perSetup = Object.fromEntries(setups.map((s) => [s, combineScopes(vs.filter((v) => v.setup === s).map((v) => v.verdict))]));
  const values = [...new Set(Object.values(perSetup).filter(hasEvidence))];
  const none = Object.values(perSetup).includes('insufficient evidence') ? 'insufficient evidence' : 'no data';
  return { perSetup, overall: values.length === 0 ? none : values.length === 1 ? values[0] : 'depends on setup' };
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** How a report labels its verdicts: `testSize` marks each one as not evidence (a test-size grid ran, not the paper's). */
export interface VerdictLabel {
  readonly testSize?: boolean;
}

/** The label a test-size run puts before every verdict. */
export const TEST_SIZE_LABEL = 'test-size run: not evidence';

/** Markdown: the figure's verdict, a scope × setup table, the deciding numbers and the degenerate-model notes. */
export function verdictMarkdown(title: string, vs: readonly ScopeVerdict[], o: VerdictLabel = {}): string {
  const label = o.testSize ? `*${TEST_SIZE_LABEL}* — ` : '';
  if (!vs.length) return `${label}**${title}: no data** — the run has no grid point in this scope.`;
  const { perSetup, overall } = figureVerdict(vs);
  const setups = Object.keys(perSetup);
  const scopes = [...new Set(vs.map((v) => v.scope))];
  const notes = vs.filter((v) => v.degenerateNote);
  const resting = notes.length ? ` — ${notes.length} of ${vs.length} verdicts leave out degenerate models (see the notes below)` : '';
  const lines = [`${label}**${title}: ${overall}**` + (setups.length > 1 ? ` (${setups.map((s) => `${s}: ${perSetup[s]}`).join('; ')})` : '') + resting, ''];
  lines.push(`| scope | ${setups.join(' | ')} |`, `| --- | ${setups.map(() => '---').join(' | ')} |`);
  for (const sc of scopes) lines.push(`| ${cell(sc)} | ${setups.map((s) => vs.find((v) => v.scope === sc && v.setup === s)?.verdict ?? '—').join(' | ')} |`);
  lines.push('', 'Deciding numbers:', '');
  for (const v of vs) lines.push(`- *${v.scope}${setups.length > 1 ? `, ${v.setup}` : ''}*: ${v.evidence}`);
  if (notes.length) {
    lines.push('', 'Degenerate models left out:', '');
    for (const v of notes) lines.push(`- *${v.scope}${setups.length > 1 ? `, ${v.setup}` : ''}*: ${v.degenerateNote}`);
  }
  return lines.join('\n');
}

/**
 * One row per figure (keys of `figs`): its verdict across setups, in one column per setup of any figure each
 * setup's, and, for the figures `where` names, where the deciding numbers are shown.
 */
export function verdictSummaryRows(figs: Readonly<Record<string, readonly ScopeVerdict[]>>, where: Readonly<Record<string, string>> = {}, o: VerdictLabel = {}): Record<string, string>[] {
  const setups = [...new Set(Object.values(figs).flatMap((vs) => vs.map((v) => v.setup)))];
  return Object.entries(figs).map(([figure, vs]) => {
    const { perSetup, overall } = figureVerdict(vs);
    return {
      figure, verdict: o.testSize ? `${overall} (${TEST_SIZE_LABEL})` : overall, ...Object.fromEntries(setups.map((s) => [`setup ${s}`, perSetup[s] ?? '—'])),
      ...(Object.keys(where).length ? { 'deciding numbers': where[figure] ?? '' } : {}),
    };
  });
}
