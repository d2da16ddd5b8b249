/** Theory figures plot only the instances a verdict counts, and say how many vacuous ones were left out. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkTheorem1 } from '../src/theory/index';
import { theorem1Rows } from '../src/experiments/theory/index';
import { boundFigure, boundFigureOrNote, validityFigure } from '../src/figures/theory';

// bound 0.55 for Δ = 1, vacuous for Δ = 10; one instance without a robust recourse
const st = checkTheorem1({
  variant: { zeta: 'scfe', delta: 'measured', bound: 'paper' },
  params: { lambda: 1, wNrNorm: 5 },
  rows: theorem1Rows({
    costNR: [0.5, 0.1, 0.3, 0.2],
    costR: [0.2, 0.4, 0.3, 0.9],
    deltas: [1, 1, 10, 1],
    foundNR: [true, true, true, true],
    foundR: [true, true, true, false],
  }),
});

test('boundFigure: only counted instances, sorted by ‖ζ_R‖ − ‖ζ_NR‖, between −B and +B, with the vacuous count in the title', () => {
  assert.deepEqual(
    st.checks.map((c) => c.verdict),
    ['holds', 'holds', 'vacuous', 'vacuous'],
  );
  const fig = boundFigure(st, 'toy');
  const [lower, measured, upper] = fig.data as { y: number[] }[];
  assert.deepEqual(
    measured.y.map((v) => +v.toFixed(6)),
    [-0.3, 0.3],
  );
  assert.deepEqual(
    upper.y.map((v) => +v.toFixed(6)),
    [0.55, 0.55],
  );
  assert.deepEqual(
    lower.y.map((v) => +v.toFixed(6)),
    [-0.55, -0.55],
  );
  assert.match((fig.layout!.title as { text: string }).text, /2 of 4 instances shown; 2 vacuous left out/);
  const log = boundFigure(st, 'toy', { log: true });
  assert.deepEqual(
    (log.data[0] as { y: number[] }).y.map((v) => +v.toFixed(6)),
    [0.3, 0.3],
  );
});

test('boundFigure on a log axis: instances with measured side 0 are not drawn, and the title counts them apart from the vacuous ones', () => {
  const zero = checkTheorem1({
    variant: { zeta: 'scfe', delta: 'measured', bound: 'paper' },
    params: { lambda: 1, wNrNorm: 5 },
    rows: theorem1Rows({
      costNR: [0.5, 0.3, 0.3, 0.2],
      costR: [0.2, 0.3, 0.3, 0.9],
      deltas: [1, 1, 10, 1],
      foundNR: [true, true, true, true],
      foundR: [true, true, true, false],
    }),
  });
  const log = boundFigure(zero, 'toy', { log: true });
  assert.deepEqual(
    (log.data[0] as { y: number[] }).y.map((v) => +v.toFixed(6)),
    [0.3],
  );
  assert.equal((log.data[1] as { y: number[] }).y.length, 1, 'the bound is drawn for the same instances');
  assert.match((log.layout!.title as { text: string }).text, /1 of 4 instances shown; 2 vacuous left out; 1 with measured \|‖ζ_R‖ − ‖ζ_NR‖\| = 0 not drawn/);
  assert.equal(
    boundFigureOrNote({ checks: zero.checks.filter((c) => c.lhs === 0 || c.verdict === 'vacuous') }, 'toy', { log: true })
      .toString()
      .includes('not plotted'),
    true,
  );
  assert.doesNotMatch((boundFigure(zero, 'toy').layout!.title as { text: string }).text, /not drawn/, 'the linear axis draws a zero');
});

test('validityFigure: counterexample bars are a share of the instances with both recourses, blank where there are none', () => {
  const fig = validityFigure(
    [
      { eps: 0.1, foundNR: 1, foundR: 0.8, instances: 10, noRecourse: 2, counterexamples: 4 },
      { eps: 0.3, foundNR: 1, foundR: 0, instances: 10, noRecourse: 10, counterexamples: 0 },
    ],
    'toy',
  );
  assert.deepEqual((fig.data[2] as { y: (number | null)[] }).y, [0.5, null]);
  assert.match((fig.layout!.title as { text: string }).text, /among the instances with a recourse from both models \(8, 0 across ε\)/);
});
