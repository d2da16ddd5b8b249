/**
 * The README's "Results" section, written from the output folders of a `paper` run (and optionally a
 * `variants` run): the headline table, the main figures, the theory verdicts, and where we differ from the
 * paper with the evidence and the setup variant that decides each difference. Every number comes from the
 * tables; nothing is typed in by hand.
 */
import { fixed } from '../util/format';
import { RecourseError } from '../util/errors';
import type { ModelSummaryRow, SummaryRow } from '../experiments/results';
import type { TheoryRow } from '../experiments/theory-units';
import { CLAIMS } from '../verdicts/claims';
import type { WrittenClaimVerdict } from './claim-evidence';
import { DECIDE_INTRO, decideMarkdown, type WrittenDecideTable } from './decide-report';

/** The files of one run folder the report reads (scripts/results.ts parses the CSVs into these rows). */
export interface RunTables {
  readonly summary: readonly SummaryRow[];
  readonly verdicts: readonly WrittenClaimVerdict[];
  /** The model summary (results/models-summary.csv), for what the report says of the models. */
  readonly models?: readonly ModelFacts[];
  /** The "what decides it" table of the run (verdicts.json). */
  readonly decide?: WrittenDecideTable;
  readonly theory: readonly TheoryRow[];
  readonly meta: {
    wallSeconds: number;
    jobs?: number;
    stageSeconds: Record<string, number>;
    machine?: { cpus: number; cpu: string; memoryGiB: number };
    backend: string;
    profile: string;
    command: string;
    note?: string;
    /** Rows, features and label balance of each dataset the run loaded (summary.json). */
    datasets?: Record<string, DatasetFacts>;
  };
}

/** The model-summary columns the report reads. */
export type ModelFacts = Pick<
  ModelSummaryRow,
  'dataset' | 'model' | 'depth' | 'width' | 'eps' | 'setup' | 'seeds' | 'degenerateSeeds' | 'belowMajoritySeeds' | 'accuracyMean' | 'majorityRate'
>;

/**
 * Per dataset, how many model grid points (setup × model class × ε) of a run have a degenerate or
 * below-majority model, and the best ε = 0 accuracy against the majority-class rate.
 */
export function modelFacts(models: readonly ModelFacts[]): string[] {
  const main = models.filter((m) => m.depth <= 1 && m.width === 0);
  return [...new Set(main.map((m) => m.dataset))].map((ds) => {
    const rows = main.filter((m) => m.dataset === ds);
    const flagged = rows.filter((m) => m.degenerateSeeds > 0 || m.belowMajoritySeeds > 0).length;
    const base = rows.filter((m) => m.eps === 0);
    const best = base.reduce((a, b) => (b.accuracyMean > a.accuracyMean ? b : a), base[0]);
    const none = base.every((m) => m.belowMajoritySeeds > 0 || m.degenerateSeeds > 0);
    return (
      `- ${ds}: ${flagged} of ${rows.length} model grid points (setup × model class × ε) have a degenerate or below-majority model for some seed; ` +
      `the most accurate ε = 0 model (${best.model === 'mlp' ? 'NN' : 'LR'}, setup ${best.setup}) reaches ${fixed(best.accuracyMean, 3)} against a majority-class rate of ${fixed(best.majorityRate, 3)}` +
      (none ? ', and no ε = 0 model is above that rate for every seed, so no claim can be judged on this dataset.' : '.')
    );
  });
}

/** What summary.json records of a dataset. */
export interface DatasetFacts {
  readonly trainRows: number;
  readonly testRows: number;
  readonly features: number;
  /** Share of label 1 (the favourable outcome) in the training split. */
  readonly positiveShare: number;
}

/** The summary columns the headline table reads. */
export type HeadlineRow = Pick<
  SummaryRow,
  'dataset' | 'model' | 'method' | 'setup' | 'depth' | 'width' | 'eps' | 'degenerateSeeds' | 'validityMean' | 'validityStd' | 'costDiffMean' | 'costDiffStd'
> & { belowMajoritySeeds?: number };

const EPS = [0, 0.1, 0.2, 0.3];
/** Mean ± std with `digits` decimals ('—' for an undefined mean; no spread where the std is undefined, e.g. from one seed). */
const pm = (m: number, s: number, digits = 2) =>
  !Number.isFinite(m) ? '—' : Number.isFinite(s) ? `${fixed(m, digits)} ± ${fixed(s, digits)}` : fixed(m, digits);

/** Headline table: validity and cost difference at ε = 0, 0.1, 0.2, 0.3 per dataset × model class × method (default setup, main grid). */
export function headlineTable(summary: readonly HeadlineRow[]): string[] {
  const rows = summary.filter((r) => r.setup === 'default' && r.depth <= 1 && r.width === 0);
  const keys = [...new Set(rows.map((r) => JSON.stringify([r.dataset, r.model, r.method])))].map((k) => JSON.parse(k) as string[]);
  const cell = (ds: string, model: string, method: string, eps: number, metric: 'validity' | 'costDiff') => {
    const r = rows.find((x) => x.dataset === ds && x.model === model && x.method === method && Math.abs(x.eps - eps) < 1e-9);
    if (!r) return 'n/a';
    return pm(r[`${metric}Mean`], r[`${metric}Std`]) + (r.degenerateSeeds > 0 ? ' †' : '') + ((r.belowMajoritySeeds ?? 0) > 0 ? ' ‡' : '');
  };
  const head = ['dataset', 'model', 'method', ...EPS.map((e) => `validity ε=${e}`), ...EPS.slice(1).map((e) => `cost diff. ε=${e}`)];
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...keys.map(
      ([ds, model, method]) =>
        `| ${ds} | ${model === 'mlp' ? 'NN' : 'LR'} | ${method} | ${EPS.map((e) => cell(ds, model, method, e, 'validity')).join(' | ')} | ${EPS.slice(1)
          .map((e) => cell(ds, model, method, e, 'costDiff'))
          .join(' | ')} |`,
    ),
  ];
}

/** Theory verdicts: one row per measured statement of every check. */
export function theoryTable(theory: RunTables['theory']): string[] {
  if (!theory.length) return ['(no theory checks in this run)'];
  const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(0)} %` : '—');
  return [
    '| pair | ε | statement | variant | instances | holds | violated | vacuous | counterexamples |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...theory.map((t) =>
      t.note
        ? `| ${t.model} | ${t.eps} | — | — | 0 | — | — | — | ${t.note.slice(0, 120)} |`
        : `| ${t.model} | ${t.eps} | ${t.statement} | ${t.variant} | ${t.instances} | ${pct(t.holds, t.instances)} | ${pct(t.violated, t.instances)} | ${pct(t.vacuous, t.instances)} | ${t.counterexamples} |`,
    ),
  ];
}

/**
 * Every claim × dataset × model class our run does not reproduce, with its evidence, what the decide run says
 * decides it and, from a variants run, the setups' verdicts.
 */
export function differences(paper: RunTables, variants?: RunTables, decide?: RunTables): string[] {
  const out: string[] = [];
  const text = (id: string) => CLAIMS.find((c) => c.id === id)?.text ?? id;
  for (const v of paper.verdicts.filter((x) => x.setup === 'default' && x.verdict !== 'reproduced')) {
    const across = variants?.verdicts.find((x) => x.claim === v.claim && x.dataset === v.dataset && x.model === v.model && x.setup === 'all');
    const perSetup = variants?.verdicts.filter((x) => x.claim === v.claim && x.dataset === v.dataset && x.model === v.model && x.setup !== 'all') ?? [];
    const decided = decide?.decide?.rows.find((r) => r.claim === v.claim && r.dataset === v.dataset && r.model === v.model);
    out.push(
      `- **${text(v.claim)}** — ${v.dataset}, ${v.model === 'mlp' ? 'NN' : 'LR'}: ${v.verdict}. ${v.evidence}` +
        (decided ? ` **What decides it** (decide run): ${decided.decided}.` : '') +
        (across ? ` Setup variants (reduced grid): **${across.verdict}** (${perSetup.map((x) => `${x.setup}: ${x.verdict}`).join('; ')}).` : ''),
    );
  }
  for (const t of paper.theory.filter((x) => x.violated > 0)) {
    out.push(
      `- **${t.statement}** (${t.model} pair, ε = ${t.eps}, ${t.variant}): violated for ${t.violated} of ${t.instances} instances${t.counterexamples ? ` (${t.counterexamples} counterexamples)` : ''}; the paper reports no violation.`,
    );
  }
  return out.length ? out : ['- Every claim checked here is reproduced by this run.'];
}

/**
 * The data as the runs loaded them, beside what the paper says of them: its COMPAS (18,876 defendants released
 * on bail, 1990–2009) and its Adult citation describe other datasets than the OpenXAI splits it says it uses.
 */
export function dataFacts(meta: RunTables['meta']): string[] {
  const d = meta.datasets ?? {};
  const rows = Object.entries(d).map(
    ([name, f]) => `| ${name} | ${f.trainRows} / ${f.testRows} (${f.trainRows + f.testRows}) | ${f.features} | ${(100 * f.positiveShare).toFixed(1)} % |`,
  );
  if (!rows.length) return [];
  const compas = d.compas;
  const adult = d.adult;
  return [
    '**The data** (the OpenXAI splits, as loaded; label 1 is the favourable outcome and the recourse target):',
    '',
    '| dataset | rows train / test (all) | features | label 1 in training |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...(compas
      ? [
          `- The paper describes COMPAS as "criminal records and demographics features for 18,876 defendants who got released on bail at the U.S state courts during 1990-2009" (citing Jordan and Freiburger 2015). The OpenXAI COMPAS split it says it uses has ${compas.trainRows + compas.testRows} rows and ${compas.features} features, among them \`two_year_recid\`: it is ProPublica's two-year recidivism data, a different dataset of a different size.`,
        ]
      : []),
    ...(adult
      ? [
          `- The paper cites Adult as "Yeh and Lien 2009", the paper that introduced the Taiwanese credit-card default data, another dataset; Adult is the extract of the 1994 US census published by Kohavi (1996) (48,842 individuals, as the paper says; the OpenXAI split keeps ${adult.trainRows + adult.testRows} rows without missing values).`,
        ]
      : []),
    ...(compas || d.german
      ? [
          `- Label 1 is the training majority on ${Object.entries(d)
            .filter(([, f]) => f.positiveShare > 0.5)
            .map(([n, f]) => `${n} (${(100 * f.positiveShare).toFixed(1)} %)`)
            .join(' and ')} and the minority on ${
            Object.entries(d)
              .filter(([, f]) => f.positiveShare <= 0.5)
              .map(([n, f]) => `${n} (${(100 * f.positiveShare).toFixed(1)} %)`)
              .join(' and ') || 'none'
          }: robust training that collapses towards the majority class makes recourse trivially valid on the former and impossible on the latter (the \`minority\` factor below).`,
        ]
      : []),
    '',
  ];
}

/** A run's command as the README shows it: its output folder, a path on the machine that ran it, is left out. */
const shownCommand = (command: string): string => command.replace(/\s--out(=|\s+)\S+/, '');

/** The whole section (between the README's results markers), with figure links relative to the README. */
export function resultsMarkdown(paper: RunTables, figures: readonly string[], variants?: RunTables, decide?: RunTables): string {
  const m = paper.meta;
  const machine = m.machine ? `${m.machine.cpus} × ${m.machine.cpu}, ${m.machine.memoryGiB} GiB` : 'unknown machine';
  const stages = Object.entries(m.stageSeconds)
    .filter(([, s]) => s > 0.5)
    .map(([k, s]) => `${k} ${(s / 60).toFixed(1)} min`)
    .join(', ');
  return [
    `Generated by \`npm run results\` from a \`${m.profile}\` run (\`${shownCommand(m.command)}\`): ${(m.wallSeconds / 60).toFixed(0)} min of wall time on ${machine} (${m.backend} backend; ${(m.jobs ?? 1) > 1 ? `stage times summed over ${m.jobs} jobs: ` : ''}${stages})` +
      (variants ? `, and a \`variants\` run (\`${shownCommand(variants.meta.command)}\`, ${(variants.meta.wallSeconds / 60).toFixed(0)} min).` : '.') +
      [m.note && ` Paper run: ${m.note}.`, variants?.meta.note && ` Variants run: ${variants.meta.note}.`].filter(Boolean).join(''),
    '',
    "Mean ± std over seeds, default setup; † marks a grid point where some seed's model is degenerate (predicts one class for ≥ 99 % of the test set), ‡ one where some seed's model is below the majority-class rate. Validity counts factuals the robust model already predicts positive as valid (the paper's definition); the cost difference is ‖ζ_R‖ − ‖ζ_NR‖ over factuals both models predict negative and both recourses are valid (— where none is).",
    '',
    ...headlineTable(paper.summary),
    '',
    ...figures.map((f) => `![${f}](${f})`),
    '',
    ...dataFacts(decide?.meta.datasets ? decide.meta : paper.meta),
    ...(decide ? decideSection(decide) : []),
    ...(decide?.models?.length ? ['**The models of that run:**', '', ...modelFacts(decide.models), ''] : []),
    '**Section 4, measured per test instance** (Adult):',
    '',
    ...theoryTable(paper.theory),
    '',
    '**Where we differ from the paper, or cannot check it**',
    '',
    ...differences(paper, variants, decide),
    '',
  ].join('\n');
}

/** The "what decides it" table of a decide run, with its command and wall time. */
function decideSection(decide: RunTables): string[] {
  const m = decide.meta;
  return [
    `**What decides the trade-off** (from a \`${m.profile}\` run, \`${shownCommand(m.command)}\`: ${(m.wallSeconds / 60).toFixed(0)} min of wall time${(m.jobs ?? 1) > 1 ? ` with ${m.jobs} jobs` : ''}${m.note ? `, ${m.note}` : ''}; its grid is in the profile table above). ${DECIDE_INTRO}`,
    '',
    ...decideMarkdown(decide.decide ?? { levels: [], rows: [] }),
    '',
  ];
}

/** Replaces the text between `<!-- results:start -->` and `<!-- results:end -->` in a README. */
export function replaceSection(readme: string, section: string): string {
  const a = readme.indexOf('<!-- results:start -->');
  const b = readme.indexOf('<!-- results:end -->');
  if (a < 0 || b < a) throw new RecourseError('the README has no <!-- results:start --> … <!-- results:end --> markers; add them where the section belongs');
  return readme.slice(0, a + '<!-- results:start -->'.length) + '\n' + section + '\n' + readme.slice(b);
}
