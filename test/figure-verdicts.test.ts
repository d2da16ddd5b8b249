/** The figure verdicts of the section notebooks on hand-made tables: rules, degenerate notes, combination across setups, markdown. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ModelRow, ModelSummaryRow, RunNeighbourhood, SummaryRow } from '../src/experiments/index';
import { scopeEvidence, scopeLabel, scopeNote, verdictMarkdown, verdictSummaryRows } from '../src/reports/index';
import {
  claimScopes,
  combineScopes,
  figureVerdict,
  getClaim,
  judgeAdversarialAccuracy,
  judgeModelSize,
  judgeNeighbourhood,
  type ScopeVerdict,
} from '../src/verdicts/index';

const EPS = [0, 0.1, 0.2, 0.3];

/** Summary rows of one method over EPS with the given means of `metric` (std 0.01, 3 seeds). */
function curve(metric: string, means: number[], o: Partial<Record<string, unknown>> = {}): SummaryRow[] {
  return means.map(
    (m, i) =>
      ({
        dataset: 'adult',
        model: 'mlp',
        depth: 1,
        width: 0,
        eps: EPS[i],
        method: 'scfe',
        setup: 'default',
        seeds: 3,
        degenerateSeeds: 0,
        validityMean: NaN,
        validityStd: NaN,
        costDiffMean: NaN,
        costDiffStd: NaN,
        robustnessMean: NaN,
        robustnessStd: NaN,
        [`${metric}Mean`]: m,
        [`${metric}Std`]: 0.01,
        ...o,
      }) as unknown as SummaryRow,
  );
}

/** Model-summary rows over EPS with the given adversarial accuracies; `degenerate` lists the indices of degenerate points. */
function modelCurve(adv: number[], degenerate: number[] = [], o: Partial<ModelSummaryRow> = {}): ModelSummaryRow[] {
  return adv.map((a, i) => ({
    dataset: 'adult',
    model: 'mlp',
    depth: 1,
    width: 0,
    eps: EPS[i],
    setup: 'default',
    protocol: 'fixed',
    classWeight: 'none',
    target: 'favourable',
    epsUnits: 'minmax',
    threshold: 'trained',
    seeds: 3,
    belowMajoritySeeds: 0,
    majorityRate: 0.75,
    evalEps: 0.1,
    degenerateSeeds: degenerate.includes(i) ? 3 : 0,
    method: 'model',
    accuracyMean: 0.8,
    accuracyStd: 0.01,
    advAccuracyMean: a,
    advAccuracyStd: 0.01,
    positiveRateMean: degenerate.includes(i) ? 0 : 0.2,
    positiveRateStd: 0,
    ...o,
  }));
}

/** A scope verdict on "adult, NN" resting on a neighbourhood count. */
const scope = (verdict: ScopeVerdict['verdict'], setup = 'default'): ScopeVerdict => ({
  subject: { kind: 'adversarial', dataset: 'adult', model: 'mlp' },
  setup,
  verdict,
  evidence: { kind: 'neighbourhood', validAtZero: 2, validAtEps: 1, factuals: 3, eps: 0.3 },
  leftOut: null,
});

test('scopes combine to their common verdict or mixed; setups that differ make the figure depend on setup, setups without data do not', () => {
  assert.equal(combineScopes(['reproduced', 'reproduced', 'no data']), 'reproduced');
  assert.equal(combineScopes(['reproduced', 'not reproduced']), 'mixed');
  assert.equal(combineScopes(['no data']), 'no data');
  assert.deepEqual(figureVerdict([scope('reproduced'), scope('not reproduced', 'carla')]), {
    perSetup: { default: 'reproduced', carla: 'not reproduced' },
    overall: 'depends on setup',
  });
  assert.equal(figureVerdict([scope('reproduced'), scope('no data', 'carla')]).overall, 'reproduced');
  assert.equal(figureVerdict([]).overall, 'no data');
});

test('verdict markdown: headline with each setup, a scope × setup table, the numbers, and the degenerate notes', () => {
  const md = verdictMarkdown('Fig. X', [
    scope('reproduced'),
    { ...scope('not reproduced', 'carla'), leftOut: { models: [], eps: [0.3], withThem: 'reproduced' } },
  ]);
  assert.match(md, /^\*\*Fig\. X: depends on setup\*\* \(default: reproduced; carla: not reproduced\) — 1 of 2 verdicts leave out degenerate models/);
  assert.match(md, /\| scope \| default \| carla \|\n\| --- \| --- \| --- \|\n\| adult, NN \| reproduced \| not reproduced \|/);
  assert.match(md, /- \*adult, NN, default\*: 2 of 3 factuals in the neighbourhood have a valid recourse at ε = 0, 1 of 3 at ε = 0\.3\./);
  assert.match(md, /- \*adult, NN, carla\*: left out: ε = 0\.3; with them the verdict would be \*\*reproduced\*\* instead of not reproduced\./);
  const rows = verdictSummaryRows({ 'Fig. 1': [scope('reproduced')], 'Fig. 2': [scope('reproduced'), scope('mixed', 'carla')] });
  assert.deepEqual(rows, [
    { figure: 'Fig. 1', verdict: 'reproduced', 'setup default': 'reproduced', 'setup carla': '—' },
    { figure: 'Fig. 2', verdict: 'depends on setup', 'setup default': 'reproduced', 'setup carla': 'mixed' },
  ]);
  const pointed = verdictSummaryRows({ 'Fig. 1': [scope('reproduced')], 'Fig. 2': [] }, { 'Fig. 1': '§3 above' });
  assert.deepEqual(
    pointed.map((r) => r['deciding numbers']),
    ['§3 above', ''],
  );
});

test('claim scopes leave out grid points with degenerate models and note them with the verdict if kept', () => {
  const validity = getClaim('validity-falls');
  const deciding = curve('validity', [1, 1, 1, 0], {}).map((r, i) => (i === 3 ? { ...r, degenerateSeeds: 3 } : r));
  const models = modelCurve([0.5, 0.6, 0.7, 0.75], [3]);
  const [v] = claimScopes(deciding, models, validity, { models: ['mlp'] });
  assert.equal(v.verdict, 'not reproduced', 'without the degenerate ε = 0.3 point validity stays at 1');
  assert.match(
    scopeNote(v),
    /^left out: ε = 0\.3 \(3 of 3 seeds; predicts positive for 0\.0 % of test points\); with them the verdict would be \*\*reproduced\*\* instead of not reproduced\.$/,
  );
  const [same] = claimScopes(
    curve('validity', [1, 0.5, 0.2, 0]).map((r, i) => (i === 3 ? { ...r, degenerateSeeds: 3 } : r)),
    models,
    validity,
    { models: ['mlp'] },
  );
  assert.equal(same.verdict, 'reproduced');
  assert.match(scopeNote(same), /with them the verdict is the same\.$/);
  const [w] = claimScopes(curve('validity', [1, 0.6, 0.3, 0]), models, validity, { models: ['mlp'] });
  assert.equal(w.verdict, 'reproduced');
  assert.equal(scopeNote(w), '', 'no degenerate summary rows, nothing to note');
  assert.deepEqual(claimScopes(deciding, models, validity, { models: ['lr'] }), [], 'model classes not asked for are left out');
  assert.equal(claimScopes(curve('robustness', [0.9, 0.7, 0.5, 0.2]), [], getClaim('robustness-falls'), { models: ['mlp'] })[0].verdict, 'reproduced');
});

test("claim scopes limited to methods and datasets (Fig. 16's own scope: SCFE, COMPAS, NN) judge only those rows and name the method", () => {
  const robustness = getClaim('robustness-falls');
  const rows = [
    ...curve('robustness', [0.9, 0.7, 0.5, 0.2], { dataset: 'compas' }),
    ...curve('robustness', [0.5, 0.5, 0.5, 0.5], { dataset: 'compas', method: 'gsm' }),
    ...curve('robustness', [0.5, 0.5, 0.5, 0.5]),
  ];
  const paper = claimScopes(rows, [], robustness, { models: ['mlp'], datasets: ['compas'], methods: ['scfe'] });
  assert.deepEqual(
    paper.map((v) => [scopeLabel(v.subject), v.verdict]),
    [['compas, NN, SCFE', 'reproduced']],
  );
  assert.deepEqual(
    claimScopes(rows, [], robustness, { models: ['mlp'] }).map((v) => [scopeLabel(v.subject), v.verdict]),
    [
      ['compas, NN', 'mixed'],
      ['adult, NN', 'not reproduced'],
    ],
  );
  assert.match(verdictMarkdown('Fig. 16', []), /^\*\*Fig\. 16: no data\*\* — the run has no grid point in this scope\.$/);
});

test('Fig. 11: lowest and growing is reproduced, one of the two is mixed, neither is not reproduced; degenerate points are left out and noted', () => {
  const v = (adv: number[], deg: number[] = []) => judgeAdversarialAccuracy(modelCurve(adv, deg), 0.1)[0];
  assert.equal(v([0.2, 0.5, 0.6, 0.7]).verdict, 'reproduced');
  assert.match(
    scopeEvidence(v([0.2, 0.5, 0.6, 0.7])),
    /accuracy under PGD-20 at ε = 0\.1: 0\.200 \(ε = 0\) → 0\.700 ± 0\.0100 \(ε = 0\.3\), ρ = 1\.00 \(grows\)/,
  );
  assert.equal(v([0.5, 0.3, 0.6, 0.7]).verdict, 'mixed', 'grows, but ε = 0.1 is below the non-robust model');
  assert.equal(v([0.5, 0.4, 0.3, 0.2]).verdict, 'not reproduced');
  const decided = v([0.5, 0.45, 0.45, 0.76], [3]);
  assert.equal(decided.verdict, 'not reproduced');
  assert.match(scopeNote(decided), /^left out: ε = 0\.3 .*\*\*mixed\*\* instead of not reproduced/);
  assert.match(scopeEvidence(decided), /→ 0\.450 ± 0\.0100 \(ε = 0\.2\)/);
  assert.equal(judgeAdversarialAccuracy(modelCurve([0.5, 0.6], [], { depth: 3 }), 0.1).length, 0, 'only the main architecture');
});

test('Figs 5 / 14: a metric is consistent across sizes when its spread is within max(0.05, 2 SE); setups with fewer than two sizes are not judged', () => {
  const at = (depth: number, width: number, validity: number, costDiff: number, extra: Partial<Record<string, unknown>> = {}) =>
    ({
      ...curve('validity', [validity])[0],
      eps: 0.3,
      depth,
      width,
      costDiffMean: costDiff,
      costDiffStd: 0.01,
      ...extra,
    }) as SummaryRow;
  const rows = [
    at(1, 0, 0.5, 0.3),
    at(2, 0, 0.52, 0.31),
    at(3, 0, 0.51, 0.6),
    at(2, 16, 0.2, 0.3),
    at(2, 32, 0.8, 0.3),
    at(1, 0, 0.4, 0.2, { setup: 'carla' }),
  ];
  const vs = judgeModelSize(rows, [], 0.3);
  const get = (s: string) => vs.find((v) => scopeLabel(v.subject).startsWith(s))!;
  assert.equal(get('validity across depth').verdict, 'reproduced');
  assert.equal(get('cost difference across depth').verdict, 'not reproduced');
  assert.match(scopeEvidence(get('cost difference across depth')), /spread 0\.300 vs allowed 0\.0500/);
  assert.equal(get('validity across width').verdict, 'not reproduced');
  assert.equal(get('cost difference across width').verdict, 'reproduced');
  assert.equal(vs.length, 4, 'carla has one size only');
  const degenerate = judgeModelSize(
    rows.map((r) => ({ ...r, degenerateSeeds: 3 })),
    [],
    0.3,
  );
  assert.ok(
    degenerate.every((v) => v.verdict === 'no data' && /^left out: depth 1 \(scfe\)|^left out: width 16 \(scfe\)/.test(scopeNote(v))),
    degenerate.map(scopeNote).join('\n'),
  );
});

test('Fig. 8: fewer valid recourses at the larger ε is reproduced; a degenerate robust model is named as the reason', () => {
  const model = (eps: number, positiveRate: number, degenerate: boolean) => ({ eps, positiveRate, degenerate }) as ModelRow;
  const n = (valid0: boolean[], valid1: boolean[], robust: ModelRow): RunNeighbourhood => ({
    reference: model(0, 0.2, false),
    robust,
    setup: 'default',
    alreadyPositive: [0, 0],
    input: {
      dataset: 'adult',
      method: 'SCFE, NN',
      seed: 0,
      factuals: valid0.map(() => [0]),
      panels: [
        { eps: 0, counterfactuals: [], valid: valid0 },
        { eps: 0.25, counterfactuals: [], valid: valid1 },
      ],
    },
  });
  const v = judgeNeighbourhood(n([true, true, false], [true, false, false], model(0.25, 0.1, false)));
  assert.equal(v.verdict, 'reproduced');
  assert.equal(scopeEvidence(v), '2 of 3 factuals in the neighbourhood have a valid recourse at ε = 0, 1 of 3 at ε = 0.25.');
  assert.equal(scopeNote(v), '');
  assert.equal(judgeNeighbourhood(n([true, false], [true, false], model(0.25, 0.1, false))).verdict, 'not reproduced');
  assert.match(
    scopeNote(judgeNeighbourhood(n([true, true], [false, false], model(0.25, 0, true)))),
    /predicts positive for 0\.0 % of test points\): the count at ε = 0\.25 reflects a model that predicts almost every point negative/,
  );
});
