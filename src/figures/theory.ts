/**
 * Plotly figures in the style of the paper's Figs 6, 7, 13 and 15: per test instance (sorted by the measured
 * value) the measured cost difference ‖ζ_R‖ − ‖ζ_NR‖ (orange) between the lower −B (blue) and upper +B
 * (green) bound, for the instances the verdict counts (vacuous ones are left out and counted in the title);
 * and the validity of SCFE recourses across ε.
 */
import type { Figure } from './plotly';

/** What a bound figure reads from a measured statement (theory's StatementResult satisfies it). */
export interface CheckedStatement {
  readonly checks: readonly { readonly verdict: string; readonly lhs: number; readonly bound: number; readonly signed?: number }[];
}

/** What the validity figure reads from an ε sweep (the theory sweep's rows satisfy it). */
export interface ValidityPoint {
  readonly eps: number;
  readonly validityNR: number;
  readonly validityR: number;
  readonly counterexamples: number;
  readonly instances: number;
}

const ORANGE = '#ff7f0e';
const BLUE = '#1f77b4';
const GREEN = '#2ca02c';

/** The title with the number of vacuous instances left out, if any. */
function titleWithOmitted(title: string, omitted: number, total: number): string {
  return omitted ? `${title}<br><sup>${total - omitted} of ${total} instances shown; ${omitted} vacuous left out</sup>` : title;
}

/** Measured signed difference and ±bound per non-vacuous instance. `log` plots |difference| and B on a log axis. */
export function boundFigure(st: CheckedStatement, title: string, opts: { log?: boolean; height?: number } = {}): Figure {
  const counted = st.checks.filter((c) => c.verdict !== 'vacuous');
  const rows = counted.map((c) => ({ v: c.signed ?? c.lhs, lhs: c.lhs, b: c.bound })).sort((a, b) => (opts.log ? a.lhs - b.lhs : a.v - b.v));
  const x = rows.map((_, i) => i);
  const line = (name: string, y: (number | null)[], color: string, mode: 'lines' | 'markers') =>
    ({ type: 'scatter' as const, mode, name, x, y, line: { color }, marker: { color, size: 5 } });
  const data = opts.log
    ? [line('|‖ζ_R‖ − ‖ζ_NR‖| measured', rows.map((r) => r.lhs || null), ORANGE, 'markers'), line('upper bound B', rows.map((r) => r.b), GREEN, 'lines')]
    : [
        line('lower bound −B', rows.map((r) => -r.b), BLUE, 'lines'),
        line('‖ζ_R‖ − ‖ζ_NR‖ measured', rows.map((r) => r.v), ORANGE, 'markers'),
        line('upper bound B', rows.map((r) => r.b), GREEN, 'lines'),
      ];
  return {
    data,
    layout: {
      title: { text: titleWithOmitted(title, st.checks.length - counted.length, st.checks.length) }, height: opts.height ?? 380,
      xaxis: { title: { text: 'test instance (sorted by the measured value)' } },
      yaxis: { title: { text: opts.log ? '|‖ζ_R‖ − ‖ζ_NR‖| (log)' : 'cost difference ‖ζ_R‖ − ‖ζ_NR‖' }, ...(opts.log ? { type: 'log' as const } : {}) },
      legend: { orientation: 'h' as const, y: -0.25 },
    },
  };
}

/** Validity of SCFE recourses for both models across ε, with the counterexample share on a second axis. */
export function validityFigure(rows: readonly ValidityPoint[], title: string): Figure {
  const eps = rows.map((r) => r.eps);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'validity, non-robust', x: eps, y: rows.map((r) => r.validityNR), line: { color: BLUE } },
      { type: 'scatter', mode: 'lines+markers', name: 'validity, robust', x: eps, y: rows.map((r) => r.validityR), line: { color: ORANGE } },
      { type: 'bar', name: 'counterexamples (share of instances)', x: eps, y: rows.map((r) => r.counterexamples / r.instances), yaxis: 'y2', marker: { color: 'rgba(214,39,40,0.45)' } },
    ],
    layout: {
      title: { text: title }, height: 380, xaxis: { title: { text: 'ε of the robust model' } },
      yaxis: { title: { text: 'share of valid SCFE recourses' }, range: [0, 1.05] },
      yaxis2: { title: { text: 'counterexample share' }, overlaying: 'y', side: 'right', range: [0, 1.05] },
      legend: { orientation: 'h' as const, y: -0.25 },
    },
  };
}
