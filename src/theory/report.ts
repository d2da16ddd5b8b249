/**
 * Summaries and sentences written from the measurements (for the CLI and the notebook): per statement,
 * the holds / violated / vacuous counts, means and medians, and a verdict that quotes the numbers.
 */
import { median } from '../util/matrix';
import type { TheoryRun } from '../experiments/theory/types';
import { summarize, type StatementResult, type StatementSummary } from './verdict';

export interface TheoryJson {
  dataset: string;
  model: string;
  eps: number;
  statements: StatementSummary[];
  pending: string[];
  facts: Record<string, number | string | boolean>;
}

export function theoryJson(r: TheoryRun): TheoryJson {
  return { dataset: r.dataset, model: r.model, eps: r.eps, statements: r.statements.map(summarize), pending: r.pending, facts: r.facts };
}

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : 'n/a');
const num = (v: number) => (!Number.isFinite(v) ? String(v) : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : v.toPrecision(4));

/** The most frequent vacuity reason. */
function commonReason(r: StatementResult): string | null {
  const counts = new Map<string, number>();
  for (const c of r.checks) if (c.verdict === 'vacuous' && c.reason) counts.set(c.reason, (counts.get(c.reason) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

/** One markdown sentence (or two) stating what was measured for a statement. */
export function verdictSentence(r: StatementResult): string {
  const s = summarize(r);
  const head = `**${r.name}** (${r.variant}): `;
  if (r.implication) {
    const i = r.implication;
    return head + `condition holds for ${pct(i.conditionHolds, s.instances)} of ${s.instances} instances, the conclusion for ${pct(i.conclusionHolds, s.instances)}; ` +
      `**${i.counterexamples} counterexample${i.counterexamples === 1 ? '' : 's'}** (condition true, conclusion false)` +
      (i.conclusionWithoutCondition ? `, and ${i.conclusionWithoutCondition} instance(s) where the conclusion holds without the condition.` : '.');
  }
  const parts = [`holds for ${pct(s.holds, s.instances)} of ${s.instances} instance${s.instances === 1 ? '' : 's'}`, `violated for ${pct(s.violated, s.instances)}`, `vacuous for ${pct(s.vacuous, s.instances)}`];
  let why = '';
  if (s.vacuous) why += ` Vacuous because ${commonReason(r) ?? 'the bound is undefined'}.`;
  if (s.violated) {
    const ratios = r.checks.filter((c) => c.verdict === 'violated').map((c) => c.lhs / c.bound);
    why += ` Where violated, the measured side is a median ${num(median(ratios))}× the bound.`;
  }
  if (s.holds) {
    const held = r.checks.filter((c) => c.verdict === 'holds');
    const slack = held.filter((c) => c.lhs > 0).map((c) => c.bound / c.lhs);
    if (slack.length) why += ` Where it holds with a non-zero measured side, the bound is a median ${num(median(slack))}× that side.`;
    const zeros = held.length - slack.length;
    if (zeros) why += ` ${zeros} instance${zeros === 1 ? ' has' : 's have'} a measured side of exactly 0.`;
  }
  return head + parts.join(', ') + '.' + why;
}

/** Human-readable lines for the CLI. */
export function theoryLines(r: TheoryRun): string[] {
  const lines = [`theory checks: ${r.model} pair on ${r.dataset}, ε = ${r.eps}, ${r.factuals.x.rows} test instances (of ${r.factuals.eligible} predicted negative by both models)`];
  const facts = Object.entries(r.facts).map(([k, v]) => `${k}=${typeof v === 'number' ? num(v) : v}`);
  lines.push(`facts: ${facts.join(', ')}`, '');
  const head = ['statement', 'variant', 'inst', 'holds', 'viol', 'vacuous', 'lhs mean', 'lhs median', 'bound mean', 'bound median'];
  const rows = r.statements.map((st) => {
    const s = summarize(st);
    return [s.name, s.variant, String(s.instances), String(s.holds), String(s.violated), String(s.vacuous),
      num(s.lhsMean), num(s.lhsMedian), num(s.boundMean), num(s.boundMedian)];
  });
  const w = head.map((h, j) => Math.max(h.length, ...rows.map((x) => x[j].length)));
  const fmt = (cells: string[]) => cells.map((c, j) => c.padEnd(w[j])).join('  ');
  lines.push(fmt(head), ...rows.map(fmt), '');
  for (const st of r.statements) {
    lines.push(verdictSentence(st).replace(/\*\*/g, ''));
    for (const n of st.notes) lines.push(`    ${n}`);
  }
  for (const p of r.pending) lines.push(p);
  return lines;
}
