/**
 * Plotly figures in the style of the paper's Figs 6, 7, 13 and 15: per test instance (sorted by the measured
 * value) the measured cost difference ‖ζ_R‖ − ‖ζ_NR‖ (orange) between the lower −B (blue) and upper +B
 * (green) bound, for the instances the verdict counts (the title counts what is drawn and what is left out,
 * and why); and the share of factuals with an SCFE recourse across ε, with the counterexample share among the
 * instances that have both recourses.
 */
import type { Figure } from './plotly';

/** What a bound figure reads from a measured statement (theory's StatementResult satisfies it). */
export interface CheckedStatement {
  readonly checks: readonly { readonly verdict: string; readonly lhs: number; readonly bound: number; readonly signed?: number }[];
}

/** What the validity figure reads from an ε sweep (the theory sweep's rows satisfy it). */
export interface ValidityPoint {
  readonly eps: number;
  /** Shares of the factuals (both models predict negative) for which SCFE found a valid recourse. */
  readonly foundNR: number;
  readonly foundR: number;
  readonly counterexamples: number;
  readonly instances: number;
  /** Instances where either search found no recourse (the theorem claims nothing there). */
  readonly noRecourse: number;
}

const ORANGE = '#ff7f0e';
const BLUE = '#1f77b4';
const GREEN = '#2ca02c';

/** The title with how many instances are drawn and, if any are not, how many were left out and why. */
function titleWithOmitted(title: string, drawn: number, total: number, vacuous: number, zero: number): string {
  if (drawn === total) return title;
  const why = [vacuous ? `${vacuous} vacuous left out` : '', zero ? `${zero} with measured |‖ζ_R‖ − ‖ζ_NR‖| = 0 not drawn (no place on a log axis)` : ''].filter(Boolean);
  return `${title}<br><sup>${drawn} of ${total} instances shown; ${why.join('; ')}</sup>`;
}

/**
 * Measured signed difference and ±bound per non-vacuous instance. `log` plots |difference| and B on a log axis,
 * for the instances whose measured side is above 0 (the title counts the others).
 */
export function boundFigure(st: CheckedStatement, title: string, opts: { log?: boolean; height?: number } = {}): Figure {
  const counted = st.checks.filter((c) => c.verdict !== 'vacuous');
  const drawn = opts.log ? counted.filter((c) => c.lhs > 0) : counted;
  const rows = drawn.map((c) => ({ v: c.signed ?? c.lhs, lhs: c.lhs, b: c.bound })).sort((a, b) => (opts.log ? a.lhs - b.lhs : a.v - b.v));
  const x = rows.map((_, i) => i);
  const line = (name: string, y: (number | null)[], color: string, mode: 'lines' | 'markers') =>
    ({ type: 'scatter' as const, mode, name, x, y, line: { color }, marker: { color, size: 5 } });
  const data = opts.log
    ? [line('|‖ζ_R‖ − ‖ζ_NR‖| measured', rows.map((r) => r.lhs), ORANGE, 'markers'), line('upper bound B', rows.map((r) => r.b), GREEN, 'lines')]
    : [
        line('lower bound −B', rows.map((r) => -r.b), BLUE, 'lines'),
        line('‖ζ_R‖ − ‖ζ_NR‖ measured', rows.map((r) => r.v), ORANGE, 'markers'),
        line('upper bound B', rows.map((r) => r.b), GREEN, 'lines'),
      ];
  return {
    data,
    layout: {
      title: { text: titleWithOmitted(title, drawn.length, st.checks.length, st.checks.length - counted.length, counted.length - drawn.length) }, height: opts.height ?? 380,
      xaxis: { title: { text: 'test instance (sorted by the measured value)' } },
      yaxis: { title: { text: opts.log ? '|‖ζ_R‖ − ‖ζ_NR‖| (log)' : 'cost difference ‖ζ_R‖ − ‖ζ_NR‖' }, ...(opts.log ? { type: 'log' as const } : {}) },
      legend: { orientation: 'h' as const, y: -0.25 },
    },
  };
}

/** The bound figure, or, when it would draw nothing (every instance vacuous, or on a log axis every measured side 0), one sentence why. */
export function boundFigureOrNote(st: CheckedStatement & { readonly checks: readonly { readonly reason?: string }[] }, title: string, opts: { log?: boolean } = {}): Figure | string {
  const counted = st.checks.filter((c) => c.verdict !== 'vacuous');
  if (!counted.length) return `${title}: not plotted — all ${st.checks.length} instances are vacuous (${st.checks[0]?.reason ?? 'no instances'}).`;
  if (opts.log && !counted.some((c) => c.lhs > 0)) return `${title}: not plotted — the measured side is 0 on all ${counted.length} counted instances (no place on a log axis).`;
  return boundFigure(st, title, opts);
}

/**
 * SCFE's found rate for both models across ε, and on a second axis the counterexample share among the instances
 * with both recourses (the instances the theorem speaks about; blank at an ε where there are none).
 */
export function validityFigure(rows: readonly ValidityPoint[], title: string): Figure {
  const eps = rows.map((r) => r.eps);
  const compared = rows.map((r) => r.instances - r.noRecourse);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'SCFE recourse found, non-robust', x: eps, y: rows.map((r) => r.foundNR), line: { color: BLUE } },
      { type: 'scatter', mode: 'lines+markers', name: 'SCFE recourse found, robust', x: eps, y: rows.map((r) => r.foundR), line: { color: ORANGE } },
      {
        type: 'bar', name: 'counterexamples (share of instances with both recourses)', x: eps, yaxis: 'y2', marker: { color: 'rgba(214,39,40,0.45)' },
        y: rows.map((r, i) => (compared[i] > 0 ? r.counterexamples / compared[i] : null)),
      },
    ],
    layout: {
      title: { text: `${title}<br><sup>bars: counterexamples among the instances with a recourse from both models (${compared.join(', ')} across ε)</sup>` },
      height: 380, xaxis: { title: { text: 'ε of the robust model' } },
      yaxis: { title: { text: 'share of factuals with a valid SCFE recourse' }, range: [0, 1.05] },
      yaxis2: { title: { text: 'counterexample share' }, overlaying: 'y', side: 'right', range: [0, 1.05] },
      legend: { orientation: 'h' as const, y: -0.25 },
    },
  };
}
