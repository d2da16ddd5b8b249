/**
 * Setups side by side: each figure's verdict on the setup-variants run, one column per setup, and the figure
 * per setup where the setups disagree ('depends on setup'); where they agree, one line says so instead.
 */
import type { FigureTables } from '../figures/paper';
import type { ShownPart } from '../figures/parts';
import type { Figure } from '../figures/plotly';
import type { RunResult } from '../experiments/runner';
import { figureFiles, figuresBySetup } from './setup-figures';
import { figureVerdict, type ScopeVerdict } from '../verdicts/scope';
import { verdictMarkdown, type VerdictLabel } from './verdict-report';

/** One figure of a notebook: its verdict title, a short label, the export file name, the figure and its verdict rule on a run. */
export interface FigureCheck {
  readonly label: string;
  readonly title: string;
  readonly file: string;
  readonly figure: (t: FigureTables) => Figure | null;
  readonly judge: (r: RunResult) => ScopeVerdict[];
}

export interface SetupComparison {
  /** The verdicts per `<label>, setups side by side`, each scope judged under each setup. */
  readonly verdicts: Record<string, ScopeVerdict[]>;
  /** Per key of `verdicts`, where its deciding numbers are shown (`where` of compareSetups), for verdictSummaryRows. */
  readonly where: Record<string, string>;
  /** What to show, in order: per figure the verdict table across setups, then its per-setup figures or why there are none. */
  readonly parts: ShownPart[];
  /** The per-setup figures shown, by file name (`<file>-variants-<setup>`). */
  readonly files: Record<string, Figure>;
}

/**
 * The figures' verdicts on `r` (the setup-variants run; null: not run) with setups side by side, and their
 * figures where setups disagree; `where` names the notebook section that shows them.
 */
export function compareSetups(r: RunResult | null, checks: readonly FigureCheck[], where = '', label: VerdictLabel = {}): SetupComparison {
  if (!r) return { verdicts: {}, where: {}, parts: [{ markdown: '*No setup comparison: `config.variants` is null.*' }], files: {} };
  const verdicts: Record<string, ScopeVerdict[]> = {};
  const at: Record<string, string> = {};
  const parts: ShownPart[] = [];
  const files: Record<string, Figure> = {};
  for (const c of checks) {
    const vs = c.judge(r);
    verdicts[`${c.label}, setups side by side`] = vs;
    at[`${c.label}, setups side by side`] = where;
    parts.push({ markdown: verdictMarkdown(`${c.title} — setups side by side`, vs, label) });
    const { overall } = figureVerdict(vs);
    const figs = overall === 'depends on setup' ? figuresBySetup(r, c.figure) : [];
    if (!figs.length) {
      parts.push({
        markdown: `*${c.label}: ${overall === 'depends on setup' ? 'no per-setup figure has data' : `the setups do not disagree (${overall}), so the per-setup figures are not shown`}.*`,
      });
      continue;
    }
    for (const f of figs) parts.push({ figure: f.figure });
    Object.assign(files, figureFiles(`${c.file}-variants`, figs));
  }
  return { verdicts, where: at, parts, files };
}
