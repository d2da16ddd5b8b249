/**
 * The README's "Results" section, written from the output folders of a `paper` run (and optionally a
 * `variants` run): the headline table, the main figures, the theory verdicts, and where we differ from the
 * paper with the evidence and the setup variant that decides each difference. Every number comes from the
 * tables; nothing is typed in by hand.
 */
import type { ClaimVerdict } from './verdicts';
import { CLAIMS } from './verdicts';
import { RecourseError } from '../util/errors';

/** The files of one run folder the report reads. */
export interface RunTables {
  readonly summary: readonly Record<string, string | number>[];
  readonly verdicts: readonly ClaimVerdict[];
  readonly theory: readonly Record<string, string | number>[];
  readonly meta: { wallSeconds: number; stageSeconds: Record<string, number>; machine?: { cpus: number; cpu: string; memoryGiB: number }; backend: string; profile: string; command: string };
}

const EPS = [0, 0.1, 0.2, 0.3];
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));
const pm = (m: unknown, s: unknown, digits = 2) => (Number.isFinite(num(m)) ? `${num(m).toFixed(digits)} ± ${(Number.isFinite(num(s)) ? num(s) : 0).toFixed(digits)}` : '—');

/** Headline table: validity and cost difference at ε = 0, 0.1, 0.2, 0.3 per dataset × model class × method (default setup, main grid). */
export function headlineTable(summary: RunTables['summary']): string[] {
  const rows = summary.filter((r) => r.setup === 'default' && num(r.depth) <= 1 && num(r.width) === 0);
  const keys = [...new Set(rows.map((r) => JSON.stringify([r.dataset, r.model, r.method])))].map((k) => JSON.parse(k) as string[]);
  const cell = (ds: string, model: string, method: string, eps: number, metric: string) => {
    const r = rows.find((x) => x.dataset === ds && x.model === model && x.method === method && Math.abs(num(x.eps) - eps) < 1e-9);
    if (!r) return 'n/a';
    return pm(r[`${metric}Mean`], r[`${metric}Std`]) + (num(r.degenerateSeeds) > 0 ? ' †' : '');
  };
  const head = ['dataset', 'model', 'method', ...EPS.map((e) => `validity ε=${e}`), ...EPS.slice(1).map((e) => `cost diff. ε=${e}`)];
  return [
    `| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`,
    ...keys.map(([ds, model, method]) => `| ${ds} | ${model === 'mlp' ? 'NN' : 'LR'} | ${method} | ${EPS.map((e) => cell(ds, model, method, e, 'validity')).join(' | ')} | ${EPS.slice(1).map((e) => cell(ds, model, method, e, 'costDiff')).join(' | ')} |`),
  ];
}

/** Theory verdicts: one row per measured statement of every check. */
export function theoryTable(theory: RunTables['theory']): string[] {
  if (!theory.length) return ['(no theory checks in this run)'];
  const pct = (k: unknown, n: unknown) => (num(n) ? `${((100 * num(k)) / num(n)).toFixed(0)} %` : '—');
  return [
    '| pair | ε | statement | variant | instances | holds | violated | vacuous | counterexamples |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...theory.map((t) => (t.note
      ? `| ${t.model} | ${t.eps} | — | — | 0 | — | — | — | ${String(t.note).slice(0, 120)} |`
      : `| ${t.model} | ${t.eps} | ${t.statement} | ${t.variant} | ${t.instances} | ${pct(t.holds, t.instances)} | ${pct(t.violated, t.instances)} | ${pct(t.vacuous, t.instances)} | ${t.counterexamples} |`)),
  ];
}

/** Every claim × dataset × model class our run does not reproduce, with its evidence and, from a variants run, the setups' verdicts. */
export function differences(paper: RunTables, variants?: RunTables): string[] {
  const out: string[] = [];
  const text = (id: string) => CLAIMS.find((c) => c.id === id)?.text ?? id;
  for (const v of paper.verdicts.filter((x) => x.setup === 'default' && x.verdict !== 'reproduced')) {
    const across = variants?.verdicts.find((x) => x.claim === v.claim && x.dataset === v.dataset && x.model === v.model && x.setup === 'all');
    const perSetup = variants?.verdicts.filter((x) => x.claim === v.claim && x.dataset === v.dataset && x.model === v.model && x.setup !== 'all') ?? [];
    out.push(`- **${text(v.claim)}** — ${v.dataset}, ${v.model === 'mlp' ? 'NN' : 'LR'}: ${v.verdict}. ${v.evidence}` +
      (across ? ` Setup variants (reduced grid): **${across.verdict}** (${perSetup.map((x) => `${x.setup}: ${x.verdict}`).join('; ')}).` : ''));
  }
  for (const t of paper.theory.filter((x) => num(x.violated) > 0)) {
    out.push(`- **${t.statement}** (${t.model} pair, ε = ${t.eps}, ${t.variant}): violated for ${t.violated} of ${t.instances} instances${num(t.counterexamples) ? ` (${t.counterexamples} counterexamples)` : ''}; the paper reports no violation.`);
  }
  return out.length ? out : ['- Every claim checked here is reproduced by this run.'];
}

/** The whole section (between the README's results markers), with figure links relative to the README. */
export function resultsMarkdown(paper: RunTables, figures: readonly string[], variants?: RunTables): string {
  const m = paper.meta;
  const machine = m.machine ? `${m.machine.cpus} × ${m.machine.cpu}, ${m.machine.memoryGiB} GiB` : 'unknown machine';
  const stages = Object.entries(m.stageSeconds).filter(([, s]) => s > 0.5).map(([k, s]) => `${k} ${(s / 60).toFixed(1)} min`).join(', ');
  return [
    `Generated by \`npm run results\` from a \`${m.profile}\` run (\`${m.command}\`): ${(m.wallSeconds / 60).toFixed(0)} min of wall time on ${machine} (${m.backend} backend; ${stages})` +
      (variants ? `, and a \`variants\` run (${(variants.meta.wallSeconds / 60).toFixed(0)} min).` : '.'),
    '', 'Mean ± std over seeds, default setup; † marks a grid point where some seed\'s model is degenerate (predicts one class for ≥ 99 % of the test set). Validity counts factuals the robust model already predicts positive as valid (the paper\'s definition); the cost difference is ‖ζ_R‖ − ‖ζ_NR‖ over factuals both models predict negative and both recourses are valid (— where none is).',
    '', ...headlineTable(paper.summary), '',
    ...figures.map((f) => `![${f}](${f})`), '',
    '**Section 4, measured per test instance** (Adult):', '', ...theoryTable(paper.theory), '',
    '**Where we differ from the paper**', '', ...differences(paper, variants), '',
  ].join('\n');
}

/** Replaces the text between `<!-- results:start -->` and `<!-- results:end -->` in a README. */
export function replaceSection(readme: string, section: string): string {
  const a = readme.indexOf('<!-- results:start -->');
  const b = readme.indexOf('<!-- results:end -->');
  if (a < 0 || b < a) throw new RecourseError('the README has no <!-- results:start --> … <!-- results:end --> markers; add them where the section belongs');
  return readme.slice(0, a + '<!-- results:start -->'.length) + '\n' + section + '\n' + readme.slice(b);
}
