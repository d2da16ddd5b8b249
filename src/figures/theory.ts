/**
 * Plotly figures in the style of the paper's Figs 6, 7, 13 and 15: per test instance (sorted by the
 * measured value) the measured cost difference ‖ζ_NR‖ − ‖ζ_R‖ (orange) between the lower −B (blue) and
 * upper +B (green) bound; and the validity of SCFE recourses across ε.
 */
import type { Figure } from './plotly';
import type { ValiditySweepRow } from '../experiments/theory/sweeps';
import type { StatementResult } from '../theory/verdict';

const ORANGE = '#ff7f0e';
const BLUE = '#1f77b4';
const GREEN = '#2ca02c';

/** Measured signed difference and ±bound per instance; vacuous bounds are gaps. `log` plots |lhs| and B on a log axis. */
export function boundFigure(st: StatementResult, title: string, opts: { log?: boolean; height?: number } = {}): Figure {
  const rows = st.checks.map((c) => ({ v: c.signed ?? c.lhs, lhs: c.lhs, b: c.verdict === 'vacuous' ? null : c.bound }))
    .sort((a, b) => (opts.log ? a.lhs - b.lhs : a.v - b.v));
  const x = rows.map((_, i) => i);
  const line = (name: string, y: (number | null)[], color: string, mode: 'lines' | 'markers') =>
    ({ type: 'scatter' as const, mode, name, x, y, line: { color }, marker: { color, size: 5 }, connectgaps: false });
  const data = opts.log
    ? [line('|‖ζ_NR‖ − ‖ζ_R‖| measured', rows.map((r) => r.lhs || null), ORANGE, 'markers'), line('upper bound B', rows.map((r) => r.b), GREEN, 'lines')]
    : [
        line('lower bound −B', rows.map((r) => (r.b === null ? null : -r.b)), BLUE, 'lines'),
        line('‖ζ_NR‖ − ‖ζ_R‖ measured', rows.map((r) => r.v), ORANGE, 'markers'),
        line('upper bound B', rows.map((r) => r.b), GREEN, 'lines'),
      ];
  return {
    data,
    layout: {
      title: { text: title }, height: opts.height ?? 380,
      xaxis: { title: { text: 'test instance (sorted by the measured value)' } },
      yaxis: { title: { text: opts.log ? 'absolute cost difference (log)' : 'cost difference' }, ...(opts.log ? { type: 'log' as const } : {}) },
      legend: { orientation: 'h' as const, y: -0.25 },
    },
  };
}

/** Validity of SCFE recourses for both models across ε, with the counterexample count on a second axis. */
export function validityFigure(rows: readonly ValiditySweepRow[], title: string): Figure {
  const eps = rows.map((r) => r.eps);
  return {
    data: [
      { type: 'scatter', mode: 'lines+markers', name: 'validity, non-robust', x: eps, y: rows.map((r) => r.validityNR), line: { color: BLUE } },
      { type: 'scatter', mode: 'lines+markers', name: 'validity, robust', x: eps, y: rows.map((r) => r.validityR), line: { color: ORANGE } },
      { type: 'bar', name: 'counterexamples (share)', x: eps, y: rows.map((r) => r.counterexamples / r.instances), yaxis: 'y2', marker: { color: 'rgba(214,39,40,0.45)' } },
    ],
    layout: {
      title: { text: title }, height: 380, xaxis: { title: { text: 'ε of the robust model' } },
      yaxis: { title: { text: 'share of valid SCFE recourses' }, range: [0, 1.05] },
      yaxis2: { title: { text: 'counterexample share' }, overlaying: 'y', side: 'right', range: [0, 1.05] },
      legend: { orientation: 'h' as const, y: -0.25 },
    },
  };
}
