/** Theory figures plot only the instances a verdict counts, and say how many vacuous ones were left out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTheorem1 } from '../src/theory/index';
import { theorem1Rows } from '../src/experiments/theory/index';
import { boundFigure } from '../src/figures/theory';

// bound 0.55 for Δ = 1, vacuous for Δ = 10; one instance without a robust recourse
const st = checkTheorem1({
  variant: { zeta: 'scfe', delta: 'measured', bound: 'paper' }, params: { lambda: 1, wNrNorm: 5 },
  rows: theorem1Rows({ costNR: [0.5, 0.1, 0.3, 0.2], costR: [0.2, 0.4, 0.3, 0.9], deltas: [1, 1, 10, 1], foundNR: [true, true, true, true], foundR: [true, true, true, false] }),
});

test('boundFigure: only counted instances, sorted by ‖ζ_R‖ − ‖ζ_NR‖, between −B and +B, with the vacuous count in the title', () => {
  assert.deepEqual(st.checks.map((c) => c.verdict), ['holds', 'holds', 'vacuous', 'vacuous']);
  const fig = boundFigure(st, 'toy');
  const [lower, measured, upper] = fig.data as { y: number[] }[];
  assert.deepEqual(measured.y.map((v) => +v.toFixed(6)), [-0.3, 0.3]);
  assert.deepEqual(upper.y.map((v) => +v.toFixed(6)), [0.55, 0.55]);
  assert.deepEqual(lower.y.map((v) => +v.toFixed(6)), [-0.55, -0.55]);
  assert.match((fig.layout!.title as { text: string }).text, /2 of 4 instances shown; 2 vacuous left out/);
  const log = boundFigure(st, 'toy', { log: true });
  assert.deepEqual((log.data[0] as { y: number[] }).y.map((v) => +v.toFixed(6)), [0.3, 0.3]);
});
