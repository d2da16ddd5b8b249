/**
 * Verdicts as the section notebooks show them: each judged scope (a dataset × model class, a depth sweep, …)
 * under each setup, with the figure's verdict per setup and across setups (verdicts/scope.ts), rendered as
 * markdown with the deciding numbers and a note wherever grid points with degenerate models were left out.
 */
import { figureVerdict, type ScopeVerdict } from '../verdicts/scope';
import { scopeEvidence, scopeLabel, scopeNote } from './scope-text';

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
  const scopes = [...new Set(vs.map((v) => scopeLabel(v.subject)))];
  const notes = vs.filter((v) => scopeNote(v));
  const resting = notes.length ? ` — ${notes.length} of ${vs.length} verdicts leave out degenerate models (see the notes below)` : '';
  const lines = [`${label}**${title}: ${overall}**` + (setups.length > 1 ? ` (${setups.map((s) => `${s}: ${perSetup[s]}`).join('; ')})` : '') + resting, ''];
  lines.push(`| scope | ${setups.join(' | ')} |`, `| --- | ${setups.map(() => '---').join(' | ')} |`);
  for (const sc of scopes)
    lines.push(`| ${cell(sc)} | ${setups.map((s) => vs.find((v) => scopeLabel(v.subject) === sc && v.setup === s)?.verdict ?? '—').join(' | ')} |`);
  lines.push('', 'Deciding numbers:', '');
  for (const v of vs) lines.push(`- *${scopeLabel(v.subject)}${setups.length > 1 ? `, ${v.setup}` : ''}*: ${scopeEvidence(v)}`);
  if (notes.length) {
    lines.push('', 'Degenerate models left out:', '');
    for (const v of notes) lines.push(`- *${scopeLabel(v.subject)}${setups.length > 1 ? `, ${v.setup}` : ''}*: ${scopeNote(v)}`);
  }
  return lines.join('\n');
}

/**
 * One row per figure (keys of `figs`): its verdict across setups, in one column per setup of any figure each
 * setup's, and, for the figures `where` names, where the deciding numbers are shown.
 */
export function verdictSummaryRows(
  figs: Readonly<Record<string, readonly ScopeVerdict[]>>,
  where: Readonly<Record<string, string>> = {},
  o: VerdictLabel = {},
): Record<string, string>[] {
  const setups = [...new Set(Object.values(figs).flatMap((vs) => vs.map((v) => v.setup)))];
  return Object.entries(figs).map(([figure, vs]) => {
    const { perSetup, overall } = figureVerdict(vs);
    return {
      figure,
      verdict: o.testSize ? `${overall} (${TEST_SIZE_LABEL})` : overall,
      ...Object.fromEntries(setups.map((s) => [`setup ${s}`, perSetup[s] ?? '—'])),
      ...(Object.keys(where).length ? { 'deciding numbers': where[figure] ?? '' } : {}),
    };
  });
}
