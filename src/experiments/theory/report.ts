/**
 * What a theory run says, as text: per statement a sentence from the measurements (the holds / violated /
 * vacuous shares, the commonest vacuity reason, how far the measured side sits from the bound), and the run
 * as one JSON object (the CLI's --json) or as human-readable lines.
 */
import { summarize, variantLabel, type StatementResult, type StatementSummary } from '../../theory/index';
import { isDegenerateRate } from '../../models/evaluate';
import { formatNumber, percent } from '../../util/format';
import { median } from '../../util/matrix';
import type { LrFacts, NtkFacts, TheoryRun } from './types';

/** The most frequent vacuity reason. */
function commonReason(r: StatementResult): string | null {
  const counts = new Map<string, number>();
  for (const c of r.checks) if (c.verdict === 'vacuous' && c.reason) counts.set(c.reason, (counts.get(c.reason) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [k, v] of counts) if (v > n) [best, n] = [k, v];
  return best;
}

function implicationSentence(r: StatementResult): string {
  const i = r.implication!;
  const n = r.checks.length - i.noRecourse;
  const none = i.noRecourse
    ? ` ${i.noRecourse} of ${r.checks.length} instance${i.noRecourse === 1 ? '' : 's'} are vacuous because a search found no recourse.`
    : '';
  if (!n) return `no instance where both searches found a recourse, so nothing is claimed.${none}`;
  return (
    `of ${n} instance${n === 1 ? '' : 's'} with both recourses, the condition holds for ${percent(i.conditionHolds, n)}, the conclusion for ${percent(i.conclusionHolds, n)}; ` +
    `**${i.counterexamples} counterexample${i.counterexamples === 1 ? '' : 's'}** (condition true, conclusion false)` +
    (i.conclusionWithoutCondition ? `, and ${i.conclusionWithoutCondition} where the conclusion holds without the condition.` : '.') +
    none
  );
}

/** One markdown sentence (or a few) stating what was measured for a statement. */
export function verdictSentence(r: StatementResult): string {
  const head = `**${r.name}** (${variantLabel(r.variant)}): `;
  if (r.implication) return head + implicationSentence(r);
  const s = summarize(r);
  const parts = [
    `holds for ${percent(s.holds, s.instances)} of ${s.instances} instance${s.instances === 1 ? '' : 's'}`,
    `violated for ${percent(s.violated, s.instances)}`,
    `vacuous for ${percent(s.vacuous, s.instances)}`,
  ];
  let why = '';
  if (s.vacuous) why += ` Vacuous mostly because ${commonReason(r) ?? 'the bound is undefined'}.`;
  if (s.violated) {
    const ratios = r.checks.filter((c) => c.verdict === 'violated').map((c) => c.lhs / c.bound);
    why += ` Where violated, the measured side is a median ${formatNumber(median(ratios))}× the bound.`;
  }
  if (s.holds) {
    const held = r.checks.filter((c) => c.verdict === 'holds');
    const slack = held.filter((c) => c.lhs > 0).map((c) => c.bound / c.lhs);
    if (slack.length) why += ` Where it holds with a non-zero measured side, the bound is a median ${formatNumber(median(slack))}× that side.`;
    const zeros = held.length - slack.length;
    if (zeros) why += ` ${zeros} instance${zeros === 1 ? ' has' : 's have'} a measured side of exactly 0.`;
  }
  return head + parts.join(', ') + '.' + why;
}

export interface TheoryJson {
  dataset: string;
  model: TheoryRun['model'];
  eps: number;
  statements: StatementSummary[];
  pending: string[];
  facts: LrFacts | NtkFacts;
}

/** A theory run as one JSON object: statement summaries, pending statements and the typed facts. */
export function theoryJson(r: TheoryRun): TheoryJson {
  return { dataset: r.dataset, model: r.model, eps: r.eps, statements: r.statements.map(summarize), pending: r.pending, facts: r.facts };
}

/** Human-readable lines for the CLI: facts, a table of every statement, and one sentence each. */
export function theoryLines(r: TheoryRun): string[] {
  const lines = [
    `theory checks: ${r.model} pair on ${r.dataset}, ε = ${r.eps}, ${r.factuals.x.rows} test instances (of ${r.factuals.eligible} predicted negative by both models)`,
  ];
  const facts = Object.entries(r.facts).map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : v}`);
  lines.push(`facts: ${facts.join(', ')}`, '');
  // a one-class robust model is far from the paper's setting: say so before the table, with what to try
  const rate = r.facts.positiveRateR;
  if (isDegenerateRate(rate)) {
    const positive = rate >= 0.5;
    lines.push(
      `note: the robust model (ε = ${r.eps}) is degenerate: it predicts ${positive ? 'positive' : 'negative'} for ${(100 * (positive ? rate : 1 - rate)).toFixed(1)} % of the test set; ` +
        `SCFE finds a recourse against it for ${(100 * r.facts.scfeFoundR).toFixed(1)} % of the factuals, and checks that need one are vacuous for the rest. ` +
        `Try a smaller --eps (recourse sweep --dataset ${r.dataset} --models ${r.model === 'lr' ? 'lr' : 'mlp'} shows each ε's positive rate)`,
      '',
    );
  }
  const head = ['statement', 'variant', 'inst', 'holds', 'viol', 'vacuous', 'lhs mean', 'lhs median', 'bound mean', 'bound median'];
  const rows = r.statements.map((st) => {
    const s = summarize(st);
    return [
      s.name,
      s.label,
      String(s.instances),
      String(s.holds),
      String(s.violated),
      String(s.vacuous),
      formatNumber(s.lhsMean),
      formatNumber(s.lhsMedian),
      formatNumber(s.boundMean),
      formatNumber(s.boundMedian),
    ];
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
