/**
 * `npm run results -- PAPER_DIR [VARIANTS_DIR|-] [DECIDE_DIR]`: writes the README's Results section from the output
 * folders of `recourse reproduce --profile paper --out PAPER_DIR` (and `--profile variants --out VARIANTS_DIR`,
 * `--profile decide --out DECIDE_DIR`), and
 * copies the main figures' PNGs to docs/results/.
 */
import * as aq from 'arquero';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceSection, resultsMarkdown, type ModelFacts, type RunTables } from '../src/reports/report';
import { SUMMARY_METRICS, type SummaryRow } from '../src/experiments/results';
import type { TheoryRow } from '../src/experiments/theory-units';
import { decimalValue } from '../src/util/parse';

const MAIN_FIGURES = ['fig09-validity', 'fig10-cost-difference', 'fig11-adversarial-accuracy', 'fig05-depth-width', 'fig08-tsne', 'fig16-robustness'];

/** How each column of a typed row is read from its CSV cell. */
type Columns<Row> = { readonly [K in keyof Row]-?: Row[K] extends number ? 'number' : 'string' };

const SUMMARY_COLUMNS = {
  dataset: 'string',
  model: 'string',
  depth: 'number',
  width: 'number',
  eps: 'number',
  method: 'string',
  setup: 'string',
  target: 'string',
  epsUnits: 'string',
  threshold: 'string',
  seeds: 'number',
  degenerateSeeds: 'number',
  belowMajoritySeeds: 'number',
  ...Object.fromEntries(
    SUMMARY_METRICS.flatMap((k) => [
      [`${k}Mean`, 'number'],
      [`${k}Std`, 'number'],
    ]),
  ),
} as Columns<SummaryRow>;

const MODEL_COLUMNS: Columns<ModelFacts> = {
  dataset: 'string',
  model: 'string',
  depth: 'number',
  width: 'number',
  eps: 'number',
  setup: 'string',
  seeds: 'number',
  degenerateSeeds: 'number',
  belowMajoritySeeds: 'number',
  accuracyMean: 'number',
  majorityRate: 'number',
};

const THEORY_COLUMNS: Columns<TheoryRow> = {
  dataset: 'string',
  model: 'string',
  eps: 'number',
  statement: 'string',
  variant: 'string',
  instances: 'number',
  holds: 'number',
  violated: 'number',
  vacuous: 'number',
  lhsMedian: 'number',
  boundMedian: 'number',
  counterexamples: 'number',
  note: 'string',
};

/** The rows of a CSV written by `writeTables`, typed; a missing column or a cell that is not a number is an error naming the file and the column. */
function parseRows<Row>(file: string, text: string, columns: Columns<Row>): Row[] {
  if (!text.trim()) return [];
  const table = aq.fromCSV(text, { autoType: false });
  const names = table.columnNames();
  const missing = Object.keys(columns).filter((c) => !names.includes(c));
  if (missing.length) throw new Error(`${file} has no column ${missing.join(', ')}: it was written by another version; run recourse reproduce again`);
  return (table.objects() as Record<string, string | null>[]).map((cells, i) => {
    const row: Record<string, string | number> = {};
    for (const [c, kind] of Object.entries(columns) as [string, 'number' | 'string'][]) {
      const cell = cells[c] ?? '';
      if (kind === 'string') {
        row[c] = cell;
        continue;
      }
      // the tables write an undefined number as NaN
      const v = cell === 'NaN' ? NaN : decimalValue(cell);
      if (Number.isNaN(v) && cell !== 'NaN') throw new Error(`${file}, row ${i + 1}, column ${c}: '${cell}' is not a number`);
      row[c] = v;
    }
    return row as Row;
  });
}

/** verdicts.json: { verdicts, decide } (a bare list of verdicts was written before the decide table). */
function verdictsFile(j: unknown): Pick<RunTables, 'verdicts' | 'decide'> {
  if (Array.isArray(j)) throw new Error('verdicts.json was written by an older version (no decide table): run recourse reproduce again');
  const o = j as Pick<RunTables, 'verdicts' | 'decide'>;
  return { verdicts: o.verdicts, decide: o.decide };
}

function load(dir: string): RunTables {
  const path = (f: string) => join(dir, 'results', f);
  const file = (f: string) => {
    if (!existsSync(path(f))) throw new Error(`${path(f)} is missing: run recourse reproduce --out ${dir} first`);
    return readFileSync(path(f), 'utf8');
  };
  return {
    summary: parseRows(path('summary.csv'), file('summary.csv'), SUMMARY_COLUMNS),
    ...verdictsFile(JSON.parse(file('verdicts.json'))),
    theory: parseRows(path('theory.csv'), file('theory.csv'), THEORY_COLUMNS),
    meta: JSON.parse(file('summary.json')),
    models: parseRows(path('models-summary.csv'), file('models-summary.csv'), MODEL_COLUMNS),
  };
}

const [paperDir, variantsDir, decideDir] = process.argv.slice(2).map((a) => (a === '-' ? undefined : a));
if (!paperDir) {
  process.stderr.write('usage: npm run results -- PAPER_DIR [VARIANTS_DIR|-] [DECIDE_DIR]\n');
  process.exit(2);
}
mkdirSync('docs/results', { recursive: true });
const figures: string[] = [];
for (const f of MAIN_FIGURES) {
  const src = join(paperDir, 'figures', `${f}.png`);
  if (!existsSync(src)) continue;
  copyFileSync(src, join('docs/results', `${f}.png`));
  figures.push(`docs/results/${f}.png`);
}
let section: string;
try {
  section = resultsMarkdown(load(paperDir), figures, variantsDir ? load(variantsDir) : undefined, decideDir ? load(decideDir) : undefined);
} catch (e) {
  process.stderr.write(`npm run results: ${(e as Error).message}\n`);
  process.exit(1);
}
writeFileSync('README.md', replaceSection(readFileSync('README.md', 'utf8'), section));
process.stdout.write(
  `README.md: Results section written from ${[paperDir, variantsDir, decideDir].filter(Boolean).join(', ')}; ${figures.length} figures in docs/results/\n`,
);
