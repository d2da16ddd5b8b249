/** A theory run as one JSON object (the CLI's --json) or as human-readable lines. */
import { summarize, verdictSentence, type StatementSummary } from '../../theory/index';
import { formatNumber } from '../../util/format';
import type { LrFacts, NtkFacts, TheoryRun } from './types';

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
  const lines = [`theory checks: ${r.model} pair on ${r.dataset}, ε = ${r.eps}, ${r.factuals.x.rows} test instances (of ${r.factuals.eligible} predicted negative by both models)`];
  const facts = Object.entries(r.facts).map(([k, v]) => `${k}=${typeof v === 'number' ? formatNumber(v) : v}`);
  lines.push(`facts: ${facts.join(', ')}`, '');
  const head = ['statement', 'variant', 'inst', 'holds', 'viol', 'vacuous', 'lhs mean', 'lhs median', 'bound mean', 'bound median'];
  const rows = r.statements.map((st) => {
    const s = summarize(st);
    return [s.name, s.label, String(s.instances), String(s.holds), String(s.violated), String(s.vacuous),
      formatNumber(s.lhsMean), formatNumber(s.lhsMedian), formatNumber(s.boundMean), formatNumber(s.boundMedian)];
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
